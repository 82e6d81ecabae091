-- Shared by every bench script (after the data the bench writes above it: COOKIE, THREADS,
-- THINK_MS and PATHS or GOALS). Numbers each wrk thread, optionally waits between requests,
-- and prints what wrk measured as one line of JSON that the bench reads back.

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

if THINK_MS > 0 then
  -- Each connection waits this long after an answer: about a fixed rate, in place of wrk2's.
  function delay()
    return THINK_MS
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"mean_us":%d,' ..
    '"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    math.floor(latency.mean), e.status, e.connect + e.read + e.write + e.timeout))
end
