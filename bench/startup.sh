#!/usr/bin/env bash
# bench/startup.sh: what one `newsq` command costs from the shell, beside Xapian's own `quest` on
# the same articles indexed by raw Xapian (bench/xapian_peer), measured side by side by hyperfine
# (issue 14: `newsq search` should cost at most 1.5x `quest` per call). Both warm, one process per
# call, output to /dev/null. Prints a markdown table and writes it to bench/results/startup.md.
#   bench/startup.sh BUILD WORK SHARED_CORPUS   (make -f Makefile.bench startup)
set -euo pipefail
build="$1" work="$2" corpus="$3"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "startup: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }
command -v quest >/dev/null || { echo "startup: quest is not installed (apt-get install xapian-tools)" >&2; exit 2; }
mkdir -p "$work" "$root/bench/results"
input="$corpus/ruwa-2021-2022.jsonl.gz"
gazetteer="$work/gazetteer.bin"
if [[ ! -f "$gazetteer" ]]; then
  g="$(dirname "$corpus")/gazetteer"
  countries=()  # Country points (.ci/fetch-countries), as the other benchmarks use them when fetched.
  [[ -f "$root/build/world-countries/package/countries.json" ]] && countries=("$root/build/world-countries/package/countries.json")
  "$build/newsq" gazetteer build --out "$gazetteer" "$g/cities500.txt" "$g/admin1CodesASCII.txt" \
    "$g/admin2Codes.txt.gz" "$g/countryInfo.txt" "${countries[@]}" "$root/corpus/places.tsv" "$root/corpus/demonyms.tsv" >/dev/null
fi
[[ -d "$work/startup-newsq.db" ]] || "$build/newsq" index --quiet --db "$work/startup-newsq.db" --gazetteer "$gazetteer" "$input"
[[ -d "$work/startup-xapian.db" ]] || "$build/xapian_peer" index "$work/startup-xapian.db" "$input" >/dev/null

out="$root/bench/results/startup.md"
table="$(mktemp)"
trap 'rm -f "$table"' EXIT
# hyperfine rewrites its markdown export after every command: read it once, at the end.
hyperfine -N --warmup 10 --runs 100 --style none --export-markdown "$table" \
  -n "quest --version" "quest --version" \
  -n "newsq --version" "$build/newsq --version" \
  -n "quest 'shelling kyiv'" "quest -d $work/startup-xapian.db 'shelling kyiv'" \
  -n "newsq search shelling kyiv" "$build/newsq search --db $work/startup-newsq.db shelling kyiv" \
  -n "newsq search --literal shelling kyiv" "$build/newsq search --db $work/startup-newsq.db --literal shelling kyiv" \
  -n "newsq search --no-facets --literal --no-synonyms" \
  "$build/newsq search --db $work/startup-newsq.db --no-facets --literal --no-synonyms shelling kyiv" \
  >/dev/null
{
  echo "# newsq start-up against quest ($(date -u '+%Y-%m-%d %H:%M'), $(nproc) cores; RUWA, $("$build/newsq" stats --db "$work/startup-newsq.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])') articles)"
  echo
  cat "$table"
} > "$out"
cat "$out"
