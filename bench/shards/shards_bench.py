#!/usr/bin/env python3
"""bench/shards/shards_bench.py: what a cluster costs beside one index (issue 18, docs/sharding.md).

The same resampled articles (bench/make_corpus.py) indexed once as one index and once each with
`newsq index --shards 2` and `--shards 4`; each sharded index searched two ways: its shards opened
locally (DIR/cluster.stub) and served by stock `xapian-tcpsrv` over loopback (a description of
`remote :127.0.0.1:PORT` lines). newsq_query_bench runs the query mix (bench/query_mix.tsv, facets
over every match, warm) on each, so the remote protocol's cost shows beside the local index.
Prints a markdown table and writes bench/results/shards.md. All on one machine: the servers and
the searcher share its cores, so the remote rows carry the protocol's cost, not a speed-up.

usage: shards_bench.py BUILD WORK SHARED_CORPUS [ARTICLES (default 1000000)] [REPEATS (default 5)]
"""
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import run as bench_run  # noqa: E402  (build_gazetteer and scaled_corpus, as every benchmark)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepts(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def serve_shards(shard_dirs):
    """One xapian-tcpsrv per shard on a free loopback port: (processes, description lines)."""
    servers, lines = [], []
    for shard in shard_dirs:
        port = free_port()
        # Its own session: xapian-tcpsrv's children are stopped with their group.
        p = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), shard],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(500):
            if accepts(port):
                break
            time.sleep(0.02)
        else:
            raise SystemExit(f"xapian-tcpsrv did not start for {shard}")
        servers.append(p)
        lines.append(f"remote :127.0.0.1:{port}")
    return servers, lines


def stop(servers):
    for p in servers:
        os.killpg(p.pid, 15)
        p.wait()


def query(build, db, repeats):
    out = subprocess.run([os.path.join(build, "newsq_query_bench"), db, os.path.join(BENCH, "query_mix.tsv"),
                          str(repeats)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    build, work, shared = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    articles = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000
    repeats = sys.argv[5] if len(sys.argv) > 5 else "5"
    newsq = os.path.join(build, "newsq")
    os.makedirs(work, exist_ok=True)
    corpus = bench_run.scaled_corpus(work, shared, articles)
    gazetteer = bench_run.build_gazetteer(build, work, shared)

    rows, totals = [], {}
    for shards in (1, 2, 4):
        db = os.path.join(work, f"shards-{articles}-{shards}.db")
        shutil.rmtree(db, ignore_errors=True)
        cmd = [newsq, "index", "--db", db, "--quiet", "--gazetteer", gazetteer] + (["--shards", str(shards)] if shards > 1 else []) + [corpus]
        t0 = time.monotonic()
        subprocess.run(cmd, check=True)
        index_s = time.monotonic() - t0
        size_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(db) for f in fs) / 1e6
        ways = [("one index" if shards == 1 else "local shards", db)]
        servers = []
        if shards > 1:
            servers, lines = serve_shards([os.path.join(db, f"shard-{k}") for k in range(shards)])
            stub = os.path.join(work, f"shards-{articles}-{shards}.remote.stub")
            with open(stub, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            ways.append(("xapian-tcpsrv, loopback", stub))
        try:
            for way, path in ways:
                q = query(build, path, repeats)
                matches = [c["matches"] for c in q["counts"]]
                totals.setdefault("reference", matches)
                same = "yes" if matches == totals["reference"] else "NO"
                rows.append(f"| {shards} | {way} | {index_s:.0f} | {size_mb:,.0f} | {q['p50']:.2f} | {q['p95']:.2f} | {q['p99']:.2f} | {same} |")
        finally:
            stop(servers)
        shutil.rmtree(db, ignore_errors=True)

    table = "\n".join(["| shards | searched as | index s | MB | p50 ms | p95 ms | p99 ms | same totals |",
                       "|---:|---|---:|---:|---:|---:|---:|---|"] + rows) + "\n"
    print(table)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    with open(os.path.join(BENCH, "results", "shards.md"), "w", encoding="utf-8") as f:
        f.write(f"# One index against shards ({stamp}, {os.cpu_count()} cores, `make -f Makefile.bench shards`)\n\n"
                f"{articles:,} articles resampled from the shared corpus; query mix bench/query_mix.tsv, facets over "
                f"every match, warm, one thread, {repeats} repeats; servers and searcher on this one machine. "
                f"'same totals': every query's match count equals the one index's.\n\n" + table)


if __name__ == "__main__":
    main()
