-- One request, sent again and again by every wrk connection (closed loop, keep-alive), for bench/compare.sh.
-- The driver (dev.caravan.bench.WrkRun) passes what to send in the environment:
--   BENCH_METHOD   GET or POST
--   BENCH_BODY     the request body (POST), sent as application/json
--   BENCH_HEADERS  extra headers, one "Name: value" per line (API keys, Portkey's x-portkey-* headers)
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
