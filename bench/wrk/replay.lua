-- Replays prepared requests with wrk (bench/LoadGen.java writes them): one request a line,
-- "<header value>\t<body>" (the header is x-retell-signature unless named). Each wrk thread takes
-- every n-th line, so no request is sent twice while the file lasts. Arguments: <file> <path>
-- <rate> <threads> [header]. With a rate above 0 each thread keeps its share of an absolute
-- schedule (request k is due at start + k / share), so a slow answer on one connection does not
-- slow the others; the rate holds while a connection is free. Prints one RESULT line that
-- LoadGen reads.

local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } switchboard_timeval;
int gettimeofday(switchboard_timeval *tv, void *tz);
]]
local tv = ffi.new("switchboard_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, target = args[1], args[2]
  local rate = tonumber(args[3] or "0")
  local count = tonumber(args[4] or "1")
  local header = args[5] or "x-retell-signature"
  interval = rate > 0 and 1000 * count / rate or 0
  due = 0
  started = nil
  requests = {}
  statuses = {}
  wrapped = 0
  local line_no = 0
  for line in io.lines(file) do
    if line_no % count == id then
      local tab = line:find("\t", 1, true)
      local headers = { ["Content-Type"] = "application/json", [header] = line:sub(1, tab - 1) }
      requests[#requests + 1] = wrk.format("POST", target, headers, line:sub(tab + 1))
    end
    line_no = line_no + 1
  end
  position = 0
end

function request()
  position = position + 1
  if position > #requests then
    position = 1
    wrapped = wrapped + 1
  end
  return requests[position]
end

function delay()
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  if not started then
    started = now
  end
  local slot = started + due * interval
  due = due + 1
  if slot <= now then
    return 0
  end
  return math.floor(slot - now)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  local wraps = 0
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, n in pairs(seen) do
      counts[status] = (counts[status] or 0) + n
    end
    wraps = wraps + thread:get("wrapped")
  end
  local parts = {}
  for status, n in pairs(counts) do
    parts[#parts + 1] = status .. "=" .. n
  end
  local errors = summary.errors
  io.write(string.format("RESULT duration_us=%d requests=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d "
    .. "p50=%d p90=%d p99=%d max=%d wrapped=%d statuses=%s\n",
    summary.duration, summary.requests, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, wraps, table.concat(parts, ",")))
end
