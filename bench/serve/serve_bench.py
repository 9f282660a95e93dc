#!/usr/bin/env python3
"""bench/serve/serve_bench.py: `newsq serve` under load (make -f Makefile.bench serve).

Builds (once, in WORK) the 100k-article resampling of the shared corpus and its index with the
benchmarks' gazetteer (bench/run.py, bench/make_corpus.py), starts `newsq serve --threads 2
--quiet` on a free loopback port, once with the result cache off (--cache-mb 0: every request
searched), once as by default (the mix's answers come from the cache), and once with one worker and
one connection and the cache off (what HTTP adds to a search, no core shared), and runs wrk against GET
/api/search cycling through the query mix (bench/query_mix.tsv, as newsq_query_bench runs it:
understood against now=2024-12-31, places as near=/place=, no thesaurus, facets over every match,
snippets and collapsing on). Beside it,
newsq_query_bench's per-query time for the same mix in one thread over the library. Prints a
Markdown table and writes it to bench/results/serve.md.

What HTTP adds is measured with one worker and one connection, where requests follow each other,
in five rounds of 5 s: the time per request as the client sees it (the run's seconds over its
requests) and the server's CPU time per request (every thread of the process, from /proc), each
against what the library took inside the server for the same requests (the Server-Timing header's
search duration: understanding and search, averaged by mix.lua) — one process, one window of time,
so the machine's drift cancels out; medians over the rounds. Beside it, each round's run of the
library alone (newsq_query_bench, right before the round): runs minutes apart differ by up to a
fifth on this shared machine. wrk's own mean latency is not used: with one connection it came out
above the time per request (1.77 ms where 6,348 requests took 10.0 s), which sequential requests
cannot be.

usage: serve_bench.py BUILD WORK SHARED_CORPUS [SECONDS]
"""
import datetime
import json
import os
import statistics
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import run as bench_run  # noqa: E402  (build_gazetteer, the one gazetteer every benchmark indexes with; scaled_corpus)

SCALE = 100000


def mix_targets():
    """The query mix as GET /api/search targets: the same requests newsq_query_bench makes."""
    targets = []
    for line in open(os.path.join(BENCH, "query_mix.tsv"), encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        f = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
        params = [("q", f[1]), ("now", "2024-12-31"), ("thesaurus", "0")]
        if f[2]:
            params.append(("from", f[2]))
        if f[3]:
            params.append(("to", f[3]))
        if f[4]:
            mode, name = f[4].split(":", 1)
            params.append(("near" if mode == "near" else "place", name))
        targets.append("/api/search?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote))
    return targets


def main():
    build, work, shared = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    seconds = sys.argv[4] if len(sys.argv) > 4 else "15"
    newsq = os.path.join(build, "newsq")
    os.makedirs(work, exist_ok=True)
    corpus = bench_run.scaled_corpus(work, shared, SCALE)
    gazetteer = bench_run.build_gazetteer(build, work, shared)
    db = os.path.join(work, "serve-100k.db")
    if not os.path.exists(db):
        subprocess.run([newsq, "index", "--db", db, "--quiet", "--gazetteer", gazetteer, corpus], check=True)
    mix_file = os.path.join(work, "serve-mix.txt")
    with open(mix_file, "w", encoding="utf-8") as out:
        out.write("\n".join(mix_targets()) + "\n")

    # The library alone, one thread: newsq_query_bench over the same index and mix.
    def library_run(repeats):
        return json.loads(subprocess.run([os.path.join(build, "newsq_query_bench"), db,
                                          os.path.join(BENCH, "query_mix.tsv"), str(repeats)],
                                         check=True, capture_output=True, text=True).stdout)
    library = library_run(20)

    def cpu_seconds(pid):
        """User and system CPU time of every thread of process `pid` so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15 of stat(5))

    def load(extra, threads=2, rounds=None):
        """wrk against a fresh server started with `extra` flags and `threads` workers, one connection
        per worker: the numbers of its measured run, with the server's CPU seconds over it. With
        `rounds`, that many shorter runs instead, each after a run of the library (the list of
        (library, server) pairs): runs minutes apart differ by up to a fifth on a shared machine,
        and interleaving them compares like with like."""
        server = subprocess.Popen([newsq, "serve", "--db", db, "--port", "0", "--threads", str(threads), "--quiet"] + extra,
                                  stdout=subprocess.PIPE, text=True)
        try:
            address = server.stdout.readline().strip().removeprefix("listening on ")
            env = dict(os.environ, NEWSQ_MIX=mix_file)
            # Warm: the searchers count facets over the index and build their facet tables, as a
            # server running for a while has (newsq_query_bench warms the same way).
            subprocess.run(["wrk", "-t1", f"-c{threads}", "-d5s", "-s", os.path.join(HERE, "mix.lua"), address],
                           check=True, capture_output=True, env=env)

            def measured(duration, timing=False):
                # Two connections for two worker threads: a keep-alive connection holds its worker.
                cpu_before = cpu_seconds(server.pid)
                out = subprocess.run(["wrk", "-t1", f"-c{threads}", f"-d{duration}s", "-s", os.path.join(HERE, "mix.lua"),
                                      address], check=True, capture_output=True, text=True,
                                     env=dict(env, NEWSQ_TIMING="1") if timing else env).stdout
                result = json.loads(out.strip().splitlines()[-1])
                result["cpu_seconds"] = cpu_seconds(server.pid) - cpu_before
                return result

            if rounds is None:
                return measured(seconds)
            return [(library_run(100), measured(5, timing=True)) for _ in range(rounds)]
        finally:
            server.terminate()
            server.wait()

    # Every request searched (the result cache off), then as served by default: the mix repeats
    # its 15 requests, so after the warm-up every answer comes from the result cache.
    http = load(["--cache-mb", "0"])
    cached = load([])
    # What HTTP adds, without two workers and wrk sharing two cores: one worker, one connection
    # (wrk on the other core), in rounds each beside a run of the library. With one connection each
    # request starts when the last has been answered: time per request = seconds / requests.
    rounds = load(["--cache-mb", "0"], threads=1, rounds=5)
    http_wall, http_cpu, json_ms, versus_library, round_texts = [], [], [], [], []
    for lib, srv in rounds:
        wall_ms = 1000 * srv["seconds"] / max(srv["requests"], 1)
        cpu_ms = 1000 * srv["cpu_seconds"] / max(srv["requests"], 1)
        http_wall.append(wall_ms - srv["server_search_ms"])
        http_cpu.append(cpu_ms - srv["server_search_ms"])
        json_ms.append(srv["server_json_ms"])
        versus_library.append(wall_ms - lib["mean"])
        round_texts.append(f"{wall_ms:.2f}/{srv['server_search_ms']:.2f}/{lib['mean']:.2f}")
    alone_requests = sum(srv["requests"] for _, srv in rounds)
    alone_rps = statistics.mean(srv["rps"] for _, srv in rounds)
    alone_p50 = statistics.median(srv["p50_ms"] for _, srv in rounds)
    alone_p99 = statistics.median(srv["p99_ms"] for _, srv in rounds)

    # Per request, each of the two workers: 2 threads' time over the requests served.
    per_request_ms = 2 * 1000 * http["seconds"] / max(http["requests"], 1)
    rows = [
        "| | requests/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
        f"| newsq serve, 2 threads, wrk -c2, {SCALE // 1000}k articles, every request searched (--cache-mb 0) | {http['rps']:.0f} | {http['p50_ms']:.2f} | {http['p99_ms']:.2f} |",
        f"| the same with the result cache (default): the mix's 15 answers kept | {cached['rps']:.0f} | {cached['p50_ms']:.2f} | {cached['p99_ms']:.2f} |",
        f"| newsq serve, 1 thread, wrk -c1 (no core shared; medians of {len(rounds)} runs of 5 s) | {alone_rps:.0f} | {alone_p50:.2f} | {alone_p99:.2f} |",
        f"| library, 1 thread, same mix (newsq_query_bench) | {1000 / max(library['p50'], 1e-9):.0f} (1/p50) | {library['p50']:.2f} | {library['p99']:.2f} |",
    ]
    note = (f"HTTP layer, one worker and one connection ({alone_requests} requests one after another, {len(rounds)} rounds): "
            f"per request, a client waits {statistics.median(http_wall):.2f} ms beyond what the library took in the server "
            f"(median; rounds {min(http_wall):.2f}-{max(http_wall):.2f}), of which writing the JSON "
            f"{statistics.median(json_ms):.2f} ms; the server's CPU time beyond the library's {statistics.median(http_cpu):.2f} ms "
            f"(rounds, ms per request as a client waits / the library in the server / the library alone just before: "
            f"{', '.join(round_texts)}; against the library alone {statistics.median(versus_library):+.2f} ms, median); under the load above p50 {http['p50_ms'] - library['p50']:+.2f} ms "
            f"over the library's p50 (wrk and the server share the machine's cores); errors {http['errors']}, non-2xx {http['non_2xx']}, "
            f"{http['requests']} requests in {http['seconds']:.1f} s; {per_request_ms:.2f} worker-ms per request. "
            f"From the cache: errors {cached['errors']}, non-2xx {cached['non_2xx']}, {cached['requests']} requests in "
            f"{cached['seconds']:.1f} s. A mix of distinct searches is served at the first row's rate.")
    table = "\n".join(rows) + "\n\n" + note + "\n"
    print(table)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    with open(os.path.join(BENCH, "results", "serve.md"), "w", encoding="utf-8") as f:
        f.write(f"# newsq serve under load ({stamp}, `make -f Makefile.bench serve`)\n\n"
                f"Query mix: bench/query_mix.tsv ({len(mix_targets())} queries, facets over every match). "
                f"Index: {SCALE // 1000}k articles resampled from the shared corpus, gazetteer of bench/run.py.\n\n"
                + table)


if __name__ == "__main__":
    main()
