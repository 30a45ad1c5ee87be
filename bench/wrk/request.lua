-- One request, sent again and again by every wrk connection (keep-alive), for bench/compare.sh.
-- The driver (dev.caravan.bench.WrkRun) passes what to send in the environment:
--   BENCH_METHOD    GET or POST
--   BENCH_BODY      the request body (POST), sent as application/json
--   BENCH_HEADERS   extra headers, one "Name: value" per line (API keys, Portkey's x-portkey-* headers)
--   BENCH_DELAY_MS  0 or unset: closed loop, each connection sends its next request as soon as the answer is in.
--                   Above 0: paced clients, each connection waits this many milliseconds on average before each
--                   request (wrk's delay()), so connections / delay is the offered rate whatever the target's speed.
--                   wrk times a request from its sending to its answer: the wait is not in the latency.
-- When the run ends, done() prints one line "BENCH_RESULT {json}" with the latency distribution (microseconds) and
-- the counts the driver reads; wrk's own --latency table is printed as well, for a human reading the log.

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name ~= nil then
    wrk.headers[name] = value
  end
end

local think_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0") or 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  -- each thread has its own Lua state: a seed of its own, so two threads do not wait in step
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

if think_ms > 0 then
  -- Uniform on [0, 2 x think_ms] (mean think_ms) rather than a fixed wait: wrk opens every connection at once, and
  -- with a fixed wait all of them would send together, again and again, so each request would queue behind a burst
  -- of `connections` others - closed-loop saturation in short bursts, not the steady rate meant here. wrk takes
  -- whole milliseconds: rounding to the nearest keeps the mean.
  function delay()
    return math.floor(math.random() * 2 * think_ms + 0.5)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,'
      .. '"mean_us":%.1f,"non_2xx_3xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,'
      .. '"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout))
end
