#!/usr/bin/env bash
# bench/kill_stress.sh: many more kill -9 rounds than the test suite runs. Each round kills a
# `newsq index --delete-missing` or `newsq rebuild` at a random moment, checks that the index opens,
# searches, and holds only whole articles of the inputs, then reruns the command and checks that it
# converges to the input exactly (the hidden test case "[.stress]" in tests/reindex_test.cc).
#
#   bench/kill_stress.sh [ROUNDS]       # default 100 index + 100 rebuild + 25 first-run rounds
#
# Environment: SEED (default: random, printed so that a failure can be replayed), BUILD (default
# build-kill-stress), SANITIZE=1 (build with ASan/UBSan), SHARED (default ../shared).
# Exit code: 0 if every round converged, non-zero otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-100}
SEED=${SEED:-$RANDOM$RANDOM}
BUILD=${BUILD:-$ROOT/build-kill-stress}
SANITIZE=${SANITIZE:-0}
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}

[[ -d $SHARED/corpus ]] || { echo "kill_stress: $SHARED/corpus is absent (set SHARED)" >&2; exit 1; }
sanitize=OFF
[[ $SANITIZE == 1 ]] && sanitize=ON
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSQ_SANITIZE=$sanitize \
  -DNEWSQ_SHARED_DIR="$SHARED" >/dev/null
cmake --build "$BUILD" -j2 --target newsq_tests >/dev/null

echo "kill_stress: $ROUNDS rounds of each kind, seed $SEED (replay: SEED=$SEED $0 $ROUNDS)"
start=$(date +%s)
status=0
NEWSQ_KILL_ROUNDS=$ROUNDS NEWSQ_KILL_SEED=$SEED NEWSQ_SHARED_DIR=$SHARED \
  "$BUILD/tests/newsq_tests" "[.stress]" || status=$?
echo "kill_stress: exit $status after $(($(date +%s) - start)) s"
exit "$status"
