-- wrk script for bench/load.sh: each connection walks the request targets listed in the file
-- named by $BODO_LOAD_PATHS (one "/api/search?..." a line), starting at a different place, and
-- the summary is printed as one tab-separated line:
--   RESULT <requests> <seconds> <req/s> <p50 ms> <p90 ms> <p99 ms> <max ms> <errors> <non-2xx>
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("BODO_LOAD_PATHS")) do
    paths[#paths + 1] = line
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT\t%d\t%.2f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
