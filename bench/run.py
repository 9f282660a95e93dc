#!/usr/bin/env python3
"""bench/run.py: runs newsq, raw Xapian and SQLite FTS5 on the same corpora and writes the tables.

For each corpus (the real ../shared/corpus, then deterministic resamplings to each scale) it
measures indexing (articles/s, MB/s, peak RSS via /usr/bin/time -v), index size before and after
compaction, and query latency p50/p95/p99 over bench/query_mix.tsv, overall and per query kind,
with facets counted over every match (warm cache, one thread), and checks the three engines' match counts side by side. At the
largest scale it also times an incremental newsq run where 1% of the articles changed against a
full rebuild. newsq indexes with place extraction: a gazetteer built first from ../shared/gazetteer
(cities500, admin1 codes, country info) and corpus/places.tsv. Writes
bench/results/<date>-<time>.md, bench/results/latest.md and PNG plots.

usage: run.py BUILD_DIR WORK_DIR SHARED_CORPUS_DIR REPEATS SCALE...
"""
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (stdout, wall seconds, peak RSS in MiB)."""
    p = run(["/usr/bin/time", "-v"] + cmd)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return p.stdout, seconds, rss_kb / 1024.0


def du(path):
    total = 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    for base, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(base, f))
    return total


def glass_tables(db):
    """Bytes per Xapian table (postlist, position, termlist, docdata, ...) of a database folder,
    newsq's live generation included: where an index's size goes."""
    tables = {}
    for base, _, files in os.walk(db):
        for f in files:
            if f.endswith(".glass"):
                name = f[:-len(".glass")]
                tables[name] = tables.get(name, 0) + os.path.getsize(os.path.join(base, f))
    return tables


def corpus_stats(files):
    """Articles and raw text bytes (title + text) of JSON Lines files."""
    articles = text = 0
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    a = json.loads(line)
                    articles += 1
                    text += len(a.get("title", "").encode()) + len(a.get("text", "").encode())
    return articles, text


KINDS = ("terms", "phrase", "date", "place")
KIND_NAMES = {"terms": "plain terms", "phrase": "phrases", "date": "text + date", "place": "text + date + place"}


def scaled_corpus(work, shared_corpus, n):
    """WORK/scaled-N.jsonl.gz, N articles resampled from the shared corpus (make_corpus.py), made once."""
    path = os.path.join(work, f"scaled-{n}.jsonl.gz")
    if not os.path.exists(path):
        run([sys.executable, os.path.join(HERE, "make_corpus.py"), shared_corpus, str(n), path])
    return path


def build_gazetteer(build, work, shared_corpus):
    """The gazetteer newsq indexes with: GeoNames cities500 + regions + countries, and newsq's facts."""
    out = os.path.join(work, "gazetteer.bin")
    if not os.path.exists(out):
        g = os.path.join(os.path.dirname(os.path.abspath(shared_corpus)), "gazetteer")
        run([os.path.join(build, "newsq"), "gazetteer", "build", "--out", out,
             os.path.join(g, "cities500.txt"), os.path.join(g, "admin1CodesASCII.txt"),
             os.path.join(g, "admin2Codes.txt.gz"),
             os.path.join(g, "countryInfo.txt"), os.path.join(ROOT, "corpus", "places.tsv"),
             os.path.join(ROOT, "corpus", "demonyms.tsv")])
    return out


def kind_mixes(work):
    """One mix file per query kind (same lines as query_mix.tsv), so that every engine's
    per-kind percentiles come from its own runs."""
    lines = [l for l in open(os.path.join(HERE, "query_mix.tsv"), encoding="utf-8") if l.strip() and not l.startswith("#")]
    out = {}
    for kind in KINDS:
        path = os.path.join(work, f"mix-{kind}.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(l for l in lines if l.split("\t", 1)[0] == kind)
        out[kind] = path
    return out


def query_runs(cmd, mix, kinds, repeats):
    """The whole mix (overall percentiles, match counts), then each kind on its own."""
    q = json.loads(run(cmd + [mix, str(repeats)]).stdout)
    q["kinds"] = {k: json.loads(run(cmd + [path, str(repeats)]).stdout) for k, path in kinds.items()}
    return q


def measure(name, files, build, work, repeats, gazetteer, kinds):
    articles, text_bytes = corpus_stats(files)
    row = {"corpus": name, "articles": articles, "text_mb": text_bytes / 1e6}
    mix = os.path.join(HERE, "query_mix.tsv")
    newsq = os.path.join(build, "newsq")
    for engine in ("newsq", "xapian", "fts5"):
        db = os.path.join(work, f"{name}-{engine}.db")
        shutil.rmtree(db, ignore_errors=True)
        if os.path.exists(db):
            os.remove(db)
        if engine == "newsq":
            _, secs, rss = timed([newsq, "index", "--db", db, "--quiet", "--gazetteer", gazetteer] + files)
        else:
            peer = os.path.join(build, f"{engine if engine == 'xapian' else 'sqlite'}_peer")
            _, secs, rss = timed([peer, "index", db] + files)
        size = du(db)
        if engine == "newsq":
            run([newsq, "compact", "--db", db, "--quiet"])
            compact = du(db)
            row["tables"] = glass_tables(db)
            q = query_runs([os.path.join(build, "newsq_query_bench"), db], mix, kinds, repeats)
            # What the peers do, no more (no snippets, no collapsing of copies): the like-for-like figure.
            same = json.loads(run([os.path.join(build, "newsq_query_bench"), db, mix, str(repeats), "same-work"]).stdout)
            q["same_work"] = {k: same[k] for k in ("p50", "p95", "p99")}
            row["cost"] = run([os.path.join(build, "newsq_query_cost"), db, os.path.join(HERE, "nl_queries.txt"),
                               "2022-12-31", str(repeats)]).stdout
        elif engine == "xapian":
            run(["xapian-compact", db, db + ".compact"])
            compact = du(db + ".compact")
            shutil.rmtree(db + ".compact")
            q = query_runs([os.path.join(build, "xapian_peer"), "query", db], mix, kinds, repeats)
        else:
            run(["sqlite3", db, "INSERT INTO fts(fts) VALUES('optimize'); VACUUM;"])
            compact = du(db)
            q = query_runs([os.path.join(build, "sqlite_peer"), "query", db], mix, kinds, repeats)
        row[engine] = {"seconds": secs, "rate": articles / secs, "mbps": text_bytes / 1e6 / secs, "rss": rss,
                       "size_mb": size / 1e6, "compact_mb": compact / 1e6, "p50": q["p50"], "p95": q["p95"],
                       "p99": q["p99"], "counts": [c["matches"] for c in q["counts"]], "kinds": q["kinds"],
                       "same_work": q.get("same_work")}
        print(f"  {name:>8} {engine:<6} {articles / secs:8.0f} articles/s  rss {rss:6.0f} MiB  "
              f"size {size / 1e6:7.1f} MB ({compact / 1e6:.1f} compacted)  p50 {q['p50']:.2f} ms  p99 {q['p99']:.2f} ms",
              flush=True)
    return row


def reindex_bench(name, files, build, work):
    """1% of the articles changed: incremental index vs a full rebuild of the same input."""
    newsq = os.path.join(build, "newsq")
    changed = os.path.join(work, f"{name}-changed.jsonl.gz")
    with gzip.open(files[0], "rt", encoding="utf-8") as src, gzip.open(changed, "wt", encoding="utf-8", compresslevel=1) as dst:
        for i, line in enumerate(src):
            if i % 100 == 0:
                a = json.loads(line)
                a["text"] = a["text"] + " Updated with a correction."
                line = json.dumps(a, ensure_ascii=False) + "\n"
            dst.write(line)
    db = os.path.join(work, f"{name}-newsq.db")
    _, incremental, _ = timed([newsq, "index", "--db", db, "--quiet", "--delete-missing", changed])
    _, rebuild, _ = timed([newsq, "rebuild", "--db", db, "--quiet", changed])
    return {"incremental": incremental, "rebuild": rebuild}


def fmt_ratio(x):
    return f"{x:.2f}×"


def write_report(rows, reindex, out_md, plots, repeats, minutes, commit):
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    lines = [f"# newsq benchmark, {now}", "",
             f"Machine: {os.cpu_count()} cores ({cpu}), {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB; commit `{commit}`; "
             f"the whole run took {minutes:.0f} minutes.",
             "Indexing: one process each, wall clock, peak RSS; newsq with place extraction (gazetteer of GeoNames cities500, regions, countries) "
             "and its default threads (one per core). Queries: bench/query_mix.tsv, facets (date, source; newsq also location) counted over every match, warm cache, one thread.", "",
             "## Indexing", "",
             "| corpus | articles | text MB | engine | articles/s | MB/s | peak RSS MiB | index MB | compacted MB | compacted ÷ text |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        for e in ("newsq", "xapian", "fts5"):
            m = r[e]
            lines.append(f"| {r['corpus']} | {r['articles']:,} | {r['text_mb']:.1f} | {e} | {m['rate']:,.0f} | {m['mbps']:.2f} | "
                         f"{m['rss']:.0f} | {m['size_mb']:.1f} | {m['compact_mb']:.1f} | {m['compact_mb'] / r['text_mb']:.2f} |")
    lines += ["", "Where newsq's compacted index goes, per Xapian table, as a multiple of the raw text: postlist (postings "
              "and value slots), position (word positions: phrases, snippets), termlist (each article's terms: needed to "
              "replace and delete articles), docdata (the stored article, zlib-compressed by Xapian).", "",
              "| corpus | postlist | position | termlist | docdata | other | total |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        t = r.get("tables", {})
        known = ("postlist", "position", "termlist", "docdata")
        other = sum(v for k, v in t.items() if k not in known)
        cells = [t.get(k, 0) / 1e6 / r["text_mb"] for k in known] + [other / 1e6 / r["text_mb"], sum(t.values()) / 1e6 / r["text_mb"]]
        lines.append(f"| {r['corpus']} | " + " | ".join(f"{c:.2f}×" for c in cells) + " |")
    lines += ["", "## Queries (ms)", "",
              "newsq: as a user gets it (snippets, collapsing of copies); newsq, same work: what the peers do, no more "
              "(the same queries, facets and page of hits, without snippets or collapsing).", "",
              "| corpus | engine | p50 | p95 | p99 |", "|---|---|---:|---:|---:|"]
    for r in rows:
        for e in ("newsq", "newsq, same work", "xapian", "fts5"):
            m = r["newsq"]["same_work"] if e == "newsq, same work" else r[e]
            lines.append(f"| {r['corpus']} | {e} | {m['p50']:.2f} | {m['p95']:.2f} | {m['p99']:.2f} |")
    lines += ["", f"## Queries per kind: p50 / p99 (ms), {repeats} timed passes", "",
              "Each kind run on its own (bench/query_mix.tsv filtered by kind). For text + date + place newsq filters by the place "
              "(`near`: within 50 km; `in`: the place and what lies inside it); the peers require the place's name as a word.", "",
              "| corpus | engine | " + " | ".join(KIND_NAMES[k] for k in KINDS) + " |",
              "|---|---|" + "---:|" * len(KINDS)]
    for r in rows:
        for e in ("newsq", "xapian", "fts5"):
            m = r[e]["kinds"]
            lines.append(f"| {r['corpus']} | {e} | " + " | ".join(f"{m[k]['p50']:.2f} / {m[k]['p99']:.2f}" for k in KINDS) + " |")
    lines += ["", "## Goals (ratios in this run)", "", "| corpus | goal | measured | met |", "|---|---|---:|---|"]
    for r in rows:
        n, x, f = r["newsq"], r["xapian"], r["fts5"]
        same = n["same_work"]
        goals = [("indexing ≥ 1.5× raw Xapian", n["rate"] / x["rate"], n["rate"] / x["rate"] >= 1.5),
                 ("indexing ≥ 0.25× FTS5", n["rate"] / f["rate"], n["rate"] / f["rate"] >= 0.25),
                 ("query p50 ≤ 1.3× raw Xapian, same work", same["p50"] / x["p50"], same["p50"] / x["p50"] <= 1.3)]
        # The issue sets the FTS5 query goal at 1M articles, where FTS5 must group every match.
        if r["articles"] >= 1_000_000:
            goals += [("query p50 ≥ 5× faster than FTS5", f["p50"] / n["p50"], f["p50"] / n["p50"] >= 5),
                      ("text + date p50 ≥ 5× faster than FTS5", f["kinds"]["date"]["p50"] / n["kinds"]["date"]["p50"],
                       f["kinds"]["date"]["p50"] / n["kinds"]["date"]["p50"] >= 5)]
        goals += [("p99 ≤ 50 ms", n["p99"], n["p99"] <= 50),
                  ("indexing RSS ≤ 1 GiB", n["rss"], n["rss"] <= 1024),
                  ("compacted index ≤ 1.3× text", n["compact_mb"] / r["text_mb"], n["compact_mb"] / r["text_mb"] <= 1.3)]
        for goal, value, met in goals:
            shown = f"{value:.1f} ms" if "p99" in goal else f"{value:.0f} MiB" if "RSS" in goal else fmt_ratio(value)
            lines.append(f"| {r['corpus']} | {goal} | {shown} | {'met' if met else '**missed**'} |")
    lines += ["", "## Match counts per query (newsq / Xapian / FTS5)", "",
              "Stemmers and tokenisers differ (Snowball via newsq's ICU analysis, Xapian's own, FTS5 porter), so counts differ a little.", "",
              "| corpus | " + " | ".join(f"q{i + 1}" for i in range(len(rows[0]["newsq"]["counts"]))) + " |",
              "|---|" + "---:|" * len(rows[0]["newsq"]["counts"])]
    for r in rows:
        cells = [f"{a}/{b}/{c}" for a, b, c in zip(r["newsq"]["counts"], r["xapian"]["counts"], r["fts5"]["counts"])]
        lines.append(f"| {r['corpus']} | " + " | ".join(cells) + " |")
    lines += ["", "## Query understanding and result layer against the same query built by hand", "",
              "bench/query_cost.cc: one-line queries (bench/nl_queries.txt) through `Searcher::understand` + `search` (three facets, "
              "snippets, collapsing copies) against the Xapian query for the same words, dates, places and sources built "
              "beforehand, run with the same three match spies and page of hits (reading each hit's data). p50 per query."]
    for r in rows:
        if "cost" in r:
            lines += ["", f"### {r['corpus']}", "", r["cost"].strip()]
    if reindex:
        ratio = reindex["incremental"] / reindex["rebuild"]
        lines += ["", "## Nightly reindex", "",
                  f"At {reindex['corpus']}: 1% of articles changed. Incremental `newsq index --delete-missing`: "
                  f"{reindex['incremental']:.2f} s; full `newsq rebuild`: {reindex['rebuild']:.2f} s; "
                  f"ratio {ratio:.1%} (goal < 5%: {'met' if ratio < 0.05 else '**missed**'})."]
    if plots:
        lines += ["", "Plots: " + ", ".join(f"`{os.path.basename(p)}`" for p in plots)]
    text = "\n".join(lines) + "\n"
    with open(out_md, "w") as f:
        f.write(text)
    shutil.copy(out_md, os.path.join(os.path.dirname(out_md), "latest.md"))
    return text


def plot(rows, results_dir, stamp):
    scaled = [r for r in rows if r["corpus"] != "corpus"]
    if len(scaled) < 1 or not shutil.which("gnuplot"):
        return []
    data = os.path.join(results_dir, f"{stamp}.dat")
    with open(data, "w") as f:
        for r in scaled:
            f.write(f"{r['articles']} " + " ".join(f"{r[e]['rate']:.1f} {r[e]['rss']:.1f}" for e in ("newsq", "xapian", "fts5")) + "\n")
    out = []
    for what, col, ylabel in (("rate", 2, "articles/s"), ("rss", 3, "peak RSS (MiB)")):
        png = os.path.join(results_dir, f"{stamp}-{what}.png")
        script = (f"set terminal png size 800,500; set output '{png}'; set logscale x; set xlabel 'articles';"
                  f"set ylabel '{ylabel}'; set key left top;"
                  f"plot '{data}' using 1:{col} with linespoints title 'newsq', "
                  f"'' using 1:{col + 2} with linespoints title 'raw Xapian', '' using 1:{col + 4} with linespoints title 'SQLite FTS5'")
        run(["gnuplot", "-e", script])
        out.append(png)
    os.remove(data)
    return out


def main():
    started = time.monotonic()
    # The commit the binaries were built from (make built them just before): later commits made
    # during a long run do not count.
    commit = run(["git", "-C", ROOT, "describe", "--always", "--dirty"]).stdout.strip()
    build, work, shared, repeats, scales = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), [int(s) for s in sys.argv[5:]]
    os.makedirs(work, exist_ok=True)
    results = os.path.join(HERE, "results")
    os.makedirs(results, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    real = sorted(os.path.join(shared, f) for f in os.listdir(shared) if f.endswith(".jsonl.gz"))
    gazetteer = build_gazetteer(build, work, shared)
    kinds = kind_mixes(work)
    rows = [measure("corpus", real, build, work, repeats, gazetteer, kinds)]
    reindex = None
    for n in scales:
        path = scaled_corpus(work, shared, n)
        name = f"{n // 1000}k"
        rows.append(measure(name, [path], build, work, repeats, gazetteer, kinds))
        if n == scales[0]:
            # At the smallest scale: a rebuild of the largest would add a quarter to the full run.
            reindex = dict(reindex_bench(name, [path], build, work), corpus=name)
    plots = plot(rows, results, stamp)
    minutes = (time.monotonic() - started) / 60
    print(write_report(rows, reindex, os.path.join(results, f"{stamp}.md"), plots, repeats, minutes, commit))


if __name__ == "__main__":
    main()
