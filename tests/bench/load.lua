-- wrk script for tests/bench/run.py.
--
--   wrk ... -s load.lua URL -- <Cookie header> [<CSRF token> <slot file> <thread count>]
--
-- Without a slot file every request is a GET of URL with the cookies. With one, every request
-- is a set POST (htmx, CSRF header) taken from the file, one line per free slot:
-- "<path>\t<form body>". Thread k of n takes lines k, k+n, k+2n, ..., so no two threads ever
-- post the same slot. done() prints one line, "BENCH {json}", that run.py reads.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- Per thread (each wrk thread has its own Lua state); globals so done() can read them.
non_2xx = 0
reused = 0
local requests = {}
local posting = false
local sent = 0

function init(args)
  wrk.headers["Cookie"] = args[1]
  -- As a phone's browser asks: pages come gzipped (the bare view's 2 bytes never are).
  wrk.headers["Accept-Encoding"] = "gzip"
  if args[2] == nil then
    requests = { wrk.format() }
    return
  end
  posting = true
  wrk.method = "POST"
  wrk.headers["X-CSRFToken"] = args[2]
  wrk.headers["HX-Request"] = "true"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  local count = tonumber(args[4])
  local line_number = 0
  for line in io.lines(args[3]) do
    if line_number % count == id then
      local path, body = line:match("^(%S+)\t(.*)$")
      table.insert(requests, wrk.format(nil, path, nil, body))
    end
    line_number = line_number + 1
  end
end

function request()
  sent = sent + 1
  if posting and sent > #requests then
    reused = reused + 1 -- out of free slots: posting one again inserts nothing; counted
  end
  return requests[(sent - 1) % #requests + 1]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
end

function done(summary, latency, requests)
  local total_non_2xx, total_reused = 0, 0
  for _, thread in ipairs(threads) do
    total_non_2xx = total_non_2xx + thread:get("non_2xx")
    total_reused = total_reused + thread:get("reused")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "non_2xx": %d, '
      .. '"socket_errors": %d, "reused_slots": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    total_non_2xx, errors.connect + errors.read + errors.write + errors.timeout, total_reused
  ))
end
