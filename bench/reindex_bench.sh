#!/usr/bin/env bash
# bench/reindex_bench.sh: the nightly-reindex benchmark. Times an incremental `newsq index
# --delete-missing` of a large archive in which 1% of the articles changed, against a full
# `newsq rebuild` of the same input; the goal is an incremental run under 5% of the rebuild.
#
#   bench/reindex_bench.sh [NEWSQ]      # NEWSQ: a newsq binary; default: build one (Release)
#
# Environment: N (articles, default 100000), CHANGED (percent changed, default 1), WORK (scratch
# folder, default bench/work/reindex; never committed), SHARED (default ../shared), RUNS (timed
# runs of each kind, the fastest is kept; default 3), PLACES (1, the default: index with place
# extraction, as a nightly job does, from a gazetteer of ../shared/gazetteer's cities500, admin1
# regions, countries and corpus/places.tsv; 0: without). Scaled corpora come from bench/make_corpus.py.
# Prints one table; exit 0 whether or not the goal was met (the last line says which).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-100000}
CHANGED=${CHANGED:-1}
RUNS=${RUNS:-3}
PLACES=${PLACES:-1}
WORK=${WORK:-$ROOT/bench/work/reindex}
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
NEWSQ=${1:-}

if [[ -z $NEWSQ ]]; then
  BUILD=$ROOT/build-reindex-bench
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DNEWSQ_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j2 >/dev/null
  NEWSQ=$BUILD/newsq
fi
[[ -x $NEWSQ ]] || { echo "reindex_bench: no newsq binary at $NEWSQ" >&2; exit 1; }
[[ -d $SHARED/corpus ]] || { echo "reindex_bench: $SHARED/corpus is absent (set SHARED)" >&2; exit 1; }
mkdir -p "$WORK"

corpus=$WORK/corpus-$N.jsonl.gz
changed=$WORK/corpus-$N-changed-$CHANGED.jsonl.gz
[[ -s $corpus ]] || python3 "$ROOT/bench/make_corpus.py" "$SHARED/corpus" "$N" "$corpus"
# The changed input: every (100/CHANGED)-th article gets a correction appended to its text.
[[ -s $changed ]] || python3 - "$corpus" "$changed" "$CHANGED" <<'EOF'
import gzip, json, sys
src, dst, percent = sys.argv[1], sys.argv[2], float(sys.argv[3])
every = max(1, round(100 / percent))
with gzip.open(src, "rt", encoding="utf-8") as i, gzip.open(dst, "wt", encoding="utf-8", compresslevel=1) as o:
    for n, line in enumerate(i):
        if n % every == 0:
            a = json.loads(line)
            a["text"] += " Updated with a correction."
            line = json.dumps(a, ensure_ascii=False) + "\n"
        o.write(line)
EOF

now() { date +%s.%N; }
# Seconds taken by "$@"; fails the script if the command fails.
timed() {
  local start end
  sync  # Dirty pages of the previous step would otherwise be flushed by this step's fsync.
  start=$(now)
  "$@"
  end=$(now)
  echo "$end - $start" | bc -l
}
min() { printf '%s\n' "$@" | sort -g | head -1; }

places=()
if [[ $PLACES == 1 ]]; then
  gazetteer=$WORK/gazetteer.bin
  g=$SHARED/gazetteer
  [[ -s $gazetteer ]] || "$NEWSQ" gazetteer build --out "$gazetteer" "$g/cities500.txt" "$g/admin1CodesASCII.txt" \
    "$g/admin2Codes.txt.gz" "$g/countryInfo.txt" "$ROOT/corpus/places.tsv" "$ROOT/corpus/demonyms.tsv" >/dev/null
  places=(--gazetteer "$gazetteer")  # Recorded by the index: later runs and the rebuild use it too.
fi

db=$WORK/db
base=$WORK/db-base
rm -rf "$db" "$base"
echo "reindex_bench: $N articles, $CHANGED% changed, places $([[ $PLACES == 1 ]] && echo on || echo off), $("$NEWSQ" --version), $(nproc) cores" >&2
initial=$(timed "$NEWSQ" index --db "$base" --quiet "${places[@]}" "$corpus")

incremental=() rebuild=() noop=()
for ((run = 1; run <= RUNS; run++)); do
  rm -rf "$db" && cp -a "$base" "$db"
  incremental+=("$(timed "$NEWSQ" index --db "$db" --quiet --delete-missing "$changed")")
  noop+=("$(timed "$NEWSQ" index --db "$db" --quiet --delete-missing "$changed")")
  rebuild+=("$(timed "$NEWSQ" rebuild --db "$db" --quiet "$changed")")
done
inc=$(min "${incremental[@]}")
reb=$(min "${rebuild[@]}")
nop=$(min "${noop[@]}")
ratio=$(echo "100 * $inc / $reb" | bc -l)

printf '%-44s %10s\n' "step ($N articles, fastest of $RUNS)" "seconds"
printf '%-44s %10.2f\n' "initial index" "$initial"
printf '%-44s %10.2f\n' "incremental index --delete-missing, $CHANGED% changed" "$inc"
printf '%-44s %10.2f\n' "incremental index, nothing changed" "$nop"
printf '%-44s %10.2f\n' "full rebuild of the same input" "$reb"
printf 'incremental / rebuild = %.1f%% (goal: under 5%%): %s\n' "$ratio" \
  "$(echo "$ratio < 5" | bc -l | sed 's/1/goal met/; s/0/goal missed/')"
rm -rf "$db" "$base"
