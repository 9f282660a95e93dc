-- bench/serve/mix.lua: wrk's script for `make -f Makefile.bench serve`: cycles through the request
-- targets of the query mix (one per line of the file named by the NEWSQ_MIX environment variable,
-- written by serve_bench.py from bench/query_mix.tsv), and prints the numbers as one JSON line,
-- and, when NEWSQ_TIMING is set, the mean of what the server's Server-Timing header says its
-- searches and their JSON took (answers searched, not from the result cache). Only then does wrk
-- hand each response to Lua, which costs the client time the throughput runs should not spend.
local targets = {}
for line in io.lines(os.getenv("NEWSQ_MIX")) do targets[#targets + 1] = line end
local next_target = 0

request = function()
  next_target = next_target % #targets + 1
  return wrk.format("GET", targets[next_target])
end

-- Per wrk thread (each has its own Lua state); done() adds them up through setup's handles.
timed, search_ms, json_ms = 0, 0, 0
local function read_timing(status, headers, body)
  local timing = headers["Server-Timing"]
  if timing then
    local search = timing:match("search;dur=([%d%.]+)")
    local json = timing:match("json;dur=([%d%.]+)")
    if search and json then
      timed = timed + 1
      search_ms = search_ms + tonumber(search)
      json_ms = json_ms + tonumber(json)
    end
  end
end
if os.getenv("NEWSQ_TIMING") then response = read_timing end

local threads = {}
setup = function(thread) threads[#threads + 1] = thread end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local n, search, json = 0, 0, 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("timed")
    search = search + thread:get("search_ms")
    json = json + thread:get("json_ms")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, ' ..
    '"errors": %d, "non_2xx": %d, "timed": %d, "server_search_ms": %.4f, "server_json_ms": %.4f}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, n, n > 0 and search / n or 0, n > 0 and json / n or 0))
end
