#!/usr/bin/env python3
"""bench/make_corpus.py: a deterministic scaled corpus for benchmarks.

Resamples the articles of ../shared/corpus to N articles with new ids (scaled-<n>) and dates spread
evenly over 2015-01-01 .. 2024-12-31, keeping each article's text, title and source. The same N
always gives the same file. Written to a temporary folder, never committed.

usage: make_corpus.py SHARED_CORPUS_DIR N OUT.jsonl.gz
"""
import datetime
import gzip
import json
import os
import sys


def main():
    corpus_dir, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    articles = []
    for name in sorted(os.listdir(corpus_dir)):
        if name.endswith(".jsonl.gz"):
            with gzip.open(os.path.join(corpus_dir, name), "rt", encoding="utf-8") as f:
                articles.extend(json.loads(line) for line in f if line.strip())
    start = datetime.date(2015, 1, 1)
    span = (datetime.date(2024, 12, 31) - start).days + 1
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as f:
        for i in range(n):
            a = dict(articles[(i * 7919) % len(articles)])  # 7919 is prime: every article is used evenly.
            a["id"] = f"scaled-{i}"
            a["date"] = (start + datetime.timedelta(days=(i * 104729) % span)).isoformat()
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
