-- wrk script of `npm run bench`: spreads requests over many ids and builds PATCH bodies.
--
--   wrk -t1 -c32 -d5s -s bench/wrk/spread.lua http://127.0.0.1:PORT -- <mode> <path> <count> <id-suffix>
--
-- mode  get    GET <path><id>, the id of a random index 1..count
--       patch  PATCH <path><id> with a three-operation JSON Patch (application/json-patch+json)
--       merge  PATCH <path><id> with the same three changes as a JSON merge body (application/json)
--       fixed  GET <path> (path and query as given)
--
-- Ids are computed as bench/lib.mjs computes them: the index times 2654435761 modulo
-- 2^32 in 8 hexadecimal digits, then the suffix.
-- done() prints one line `WRK_RESULT {json}` that bench/run.mjs reads.

local mode, path, count, suffix, fixed
local sent = 0
local threads = 0

local PATCH = '[{"op":"replace","path":"/percentComplete","value":%d},' ..
  '{"op":"add","path":"/messages/-","value":{"type":"INFO","localizedText":{"locale":"en-US",' ..
  '"message":"Aggregated %d of 1,000 accounts"},"key":"aggregation.progress","parameters":[%d,1000]}},' ..
  '{"op":"replace","path":"/progress","value":"Aggregating accounts"}]'
local MERGE = '{"percentComplete":%d,"messages":[{"type":"INFO","localizedText":{"locale":"en-US",' ..
  '"message":"Aggregated %d of 1,000 accounts"},"key":"aggregation.progress","parameters":[%d,1000]}],' ..
  '"progress":"Aggregating accounts"}'
local PATCH_HEADERS = { ['Content-Type'] = 'application/json-patch+json' }
local MERGE_HEADERS = { ['Content-Type'] = 'application/json' }

function setup (thread)
  threads = threads + 1
  thread:set('thread_number', threads)
end

function init (args)
  mode = args[1] or 'fixed'
  path = args[2] or '/'
  count = tonumber(args[3] or '1')
  suffix = args[4] or ''
  math.randomseed(os.time() * 100 + (thread_number or 0))
  if mode == 'fixed' then fixed = wrk.format('GET', path) end
end

local function id (i)
  local h = (i * 2654435761) % 4294967296
  return string.format('%04x%04x', math.floor(h / 65536), h % 65536) .. suffix
end

function request ()
  if fixed ~= nil then return fixed end
  local target = path .. id(math.random(1, count))
  if mode == 'get' then return wrk.format('GET', target) end
  sent = sent + 1
  local done = sent % 1000
  if mode == 'patch' then
    return wrk.format('PATCH', target, PATCH_HEADERS, string.format(PATCH, sent % 101, done, done))
  end
  return wrk.format('PATCH', target, MERGE_HEADERS, string.format(MERGE, sent % 101, done, done))
end

function done (summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,' ..
    '"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
