#!/usr/bin/env bash
# bench/serve/http_cost.sh: what newsq serve adds to the library per /api/search request, counted in
# instructions (valgrind's callgrind), so that the figure holds on a busy machine where wrk's
# milliseconds do not (issue 17: the HTTP layer should add <= 0.3 ms per request). Starts
# `newsq-serve --threads 1 --cache-mb 0` under callgrind twice on the 100k index of `make -f
# Makefile.bench serve`, sends the query mix (WORK/serve-mix.txt) twice with curl, and counts once
# everything inside httplib's request handling and once Searcher::search alone; the difference is
# the HTTP layer (parsing, parameters, understanding, JSON, the response). Both passes include the
# searcher's first searches (its facet table is built in them), as the mix is small.
#   bench/serve/http_cost.sh BUILD WORK     (make -f Makefile.bench serve-cost, after `serve`)
set -euo pipefail
build="$1" work="$2"
command -v valgrind >/dev/null || { echo "serve-cost: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
db="$work/serve-100k.db" mix="$work/serve-mix.txt"
[[ -d "$db" && -f "$mix" ]] || { echo "serve-cost: run 'make -f Makefile.bench serve' first (it builds $db and $mix)" >&2; exit 2; }
requests=$(( 2 * $(grep -c . "$mix") ))

# Instructions collected inside functions matching $1 while the mix is sent twice.
collected() {
  local log port pid
  log="$(mktemp)"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="$1" \
    "$build/newsq-serve" --db "$db" --port "$port" --threads 1 --quiet --cache-mb 0 >/dev/null 2>"$log" &
  pid=$!
  for _ in $(seq 120); do curl -s "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  for _ in 1 2; do
    while read -r target; do curl -s -o /dev/null "http://127.0.0.1:$port$target"; done < "$mix"
  done
  kill -TERM "$pid"
  wait "$pid" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$log"
  rm -f "$log"
}

request=$(collected 'httplib::Server::process_request*')
search=$(collected 'newsq::Searcher::search*')
python3 - "$request" "$search" "$requests" <<'PY'
import sys
request, search, n = (int(x) for x in sys.argv[1:])
http = request - search
print(f"| per /api/search request ({n} requests of the mix, cache off) | instructions |")
print("|---|---:|")
print(f"| whole request (httplib's handling) | {request / n / 1e6:.2f}M |")
print(f"| of which Searcher::search | {search / n / 1e6:.2f}M |")
print(f"| HTTP layer (the difference) | {http / n / 1e6:.2f}M ({100 * http / request:.1f}%) |")
PY
