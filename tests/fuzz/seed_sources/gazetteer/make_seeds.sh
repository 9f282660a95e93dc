#!/usr/bin/env bash
# tests/fuzz/seed_sources/gazetteer/make_seeds.sh: rebuilds the gazetteer harness's seeds
# (tests/fuzz/seeds/gazetteer/*.bin) from the hand-written rows beside it, with a normal build's
# CLI. Run it after a change of the gazetteer format (kGazetteerVersion), which makes the old
# seeds useless: every one would be refused at the version check.
#   tests/fuzz/seed_sources/gazetteer/make_seeds.sh [path/to/newsq]   (default: build/newsq)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
newsq="${1:-$root/build/newsq}"
out="$root/tests/fuzz/seeds/gazetteer"
mkdir -p "$out"
"$newsq" gazetteer build --out "$out/facts.bin" "$here/facts.tsv"
"$newsq" gazetteer build --out "$out/facts_small.bin" "$here/facts2.tsv"
"$newsq" gazetteer build --out "$out/geonames_and_facts.bin" "$here/cities.txt" "$here/admin1CodesASCII.txt" "$here/facts.tsv"
