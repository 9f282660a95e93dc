#!/usr/bin/env python3
"""tests/fuzz/extra_seeds.py: more seed inputs for the harnesses, made at run time by .ci/fuzz into
its temporary working corpora and never committed: real articles from the shared corpus
(../shared/corpus/*.jsonl[.gz], when present) in every reader's format, and the date and place
query tables of the test suite (tests/data/*.tsv) as one-line queries.

    extra_seeds.py --root REPO --out DIR [--shared SHARED_CORPUS_DIR] [--per-file N]

Writes DIR/<harness>/<name> for the jsonl, csv, text, gzip, stored_article, understanding and
query_builder harnesses (the gazetteer harness takes binary files only: its seeds are committed)
and prints how many seeds each harness got. Seeds are cut to a few KiB, since libFuzzer's -max_len
would cut them anyway and small units run faster.
"""
import argparse
import csv
import gzip
import io
import json
import pathlib
import sys

MAX_SEED = 3000    # Bytes per reader seed (libFuzzer's default -max_len is 4096).
MAX_QUERY = 200    # Bytes per query seed (the understanding harness runs with -max_len 256).


def articles(shared: pathlib.Path, per_file: int):
    """Up to per_file article objects from each JSON Lines file of the shared corpus."""
    for path in sorted(shared.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        taken = 0
        try:
            with opener(path, "rt", encoding="utf-8", errors="replace") as f:
                for line in f:
                    if taken >= per_file:
                        break
                    try:
                        a = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(a, dict):
                        # Short texts: a seed is a few KiB, and the end of a record matters too.
                        if isinstance(a.get("text"), str):
                            a["text"] = a["text"][:1200]
                        taken += 1
                        yield path.name.split(".")[0], taken, a
        except (OSError, EOFError) as e:
            print(f"extra_seeds: {path}: {e}", file=sys.stderr)


def field(a, key):
    v = a.get(key)
    return v if isinstance(v, str) else ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--shared", type=pathlib.Path)
    ap.add_argument("--per-file", type=int, default=25)
    args = ap.parse_args()

    counts = {}

    def put(harness, name, data: bytes):
        d = args.out / harness
        d.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(data)
        counts[harness] = counts.get(harness, 0) + 1

    if args.shared and args.shared.is_dir():
        for stem, n, a in articles(args.shared, args.per_file):
            name = f"shared-{stem}-{n:03d}"
            line = (json.dumps(a, ensure_ascii=False) + "\n").encode()[:MAX_SEED]
            put("jsonl", name + ".jsonl", line)
            put("stored_article", name + ".json", line.rstrip(b"\n"))
            put("gzip", name + ".jsonl.gz", gzip.compress(line, mtime=0))
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            cols = ["id", "date", "source", "title", "url", "text", "lang"]
            w.writerow(cols)
            w.writerow([field(a, c) for c in cols])
            put("csv", name + ".csv", buf.getvalue().encode()[:MAX_SEED])
            header = f" date {field(a, 'date')}\n source {field(a, 'source')}\n title {field(a, 'title')}\n"
            put("text", name + ".txt", (header + "\n" + field(a, "text") + "\n").encode()[:MAX_SEED])
            title = field(a, "title").encode()[:MAX_QUERY]
            if title:
                put("understanding", name + ".q", title)
                put("query_builder", name + ".q", title)

    # The test suite's query tables: first column of every row that is not a comment.
    for table in ("date_expressions.tsv", "place_queries.tsv"):
        path = args.root / "tests" / "data" / table
        if not path.is_file():
            continue
        for i, row in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if row.startswith("#") or not row.strip():
                continue
            q = row.split("\t")[0].encode()[:MAX_QUERY]
            put("understanding", f"{path.stem}-{i:03d}.q", q)
            put("query_builder", f"{path.stem}-{i:03d}.q", q)

    print(" ".join(f"{h}:{n}" for h, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
