-- bench/serve/mix.lua: wrk's script for `make -f Makefile.bench serve`: cycles through the request
-- targets of the query mix (one per line of the file named by the NEWSQ_MIX environment variable,
-- written by serve_bench.py from bench/query_mix.tsv), and prints the numbers as one JSON line.
local targets = {}
for line in io.lines(os.getenv("NEWSQ_MIX")) do targets[#targets + 1] = line end
local next_target = 0

request = function()
  next_target = next_target % #targets + 1
  return wrk.format("GET", targets[next_target])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, ' ..
    '"errors": %d, "non_2xx": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
