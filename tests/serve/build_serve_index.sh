#!/usr/bin/env bash
# tests/serve/build_serve_index.sh NEWSQ SHARED SOURCE OUT: the ctest fixture `serve_index`: an
# index of SHARED/corpus with a gazetteer (Ukraine's cities, every country, region and district,
# corpus/places.tsv, corpus/demonyms.tsv) at OUT/db, for the API tests and the browser tests.
# Exits 77 (ctest: skipped) when SHARED/corpus is absent.
set -euo pipefail
newsq=$1 shared=$2 source=$3 out=$4
if [[ ! -d "$shared/corpus" ]]; then
  echo "SKIPPED: $shared/corpus is absent (set NEWSQ_SHARED_DIR); the serve and browser tests need it"
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
g="$shared/gazetteer"
"$newsq" gazetteer build --out "$out/gazetteer.bin" "$g/cities500_UA.txt" "$g/admin1CodesASCII.txt" \
  "$g/admin2Codes.txt.gz" "$g/countryInfo.txt" "$source/corpus/places.tsv" "$source/corpus/demonyms.tsv" >/dev/null 2>&1
"$newsq" index --db "$out/db" --quiet --gazetteer "$out/gazetteer.bin" "$shared/corpus"
echo "serve_index: $out/db"
