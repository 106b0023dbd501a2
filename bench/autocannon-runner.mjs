// @ts-check
// Load generator used when wrk is not on PATH, and for the single updates of the bulk
// comparison (a fixed number of requests rather than a duration, which wrk cannot do).
// `node bench/autocannon-runner.mjs '<json>'` with
//   { url, connections, duration?, amount?, mode, path, count, suffix, body? }
// mode: get | patch | merge | fixed, as bench/wrk/spread.lua; and update: PUT
// <path><id>?action=update with `body`, for the ids of indexes 1..amount in order.
// Prints one JSON line on stdout.
import autocannon from 'autocannon'
import { humanTaskId, progressMerge, progressPatch, taskStatusId } from './lib.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const { mode, path, count } = options
const idOf = options.suffix === 'human' ? humanTaskId : taskStatusId
let sent = 0

/** @param {Record<string, unknown>} request */
function setupRequest (request) {
  sent++
  if (mode === 'fixed') return { ...request, method: 'GET', path }
  if (mode === 'update') {
    return { ...request, method: 'PUT', path: `${path}${idOf(sent)}?action=update`, headers: { 'content-type': 'application/json' }, body: options.body }
  }
  const target = path + idOf(1 + Math.floor(Math.random() * count))
  if (mode === 'get') return { ...request, method: 'GET', path: target }
  if (mode === 'patch') {
    return { ...request, method: 'PATCH', path: target, headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify(progressPatch(sent)) }
  }
  return { ...request, method: 'PATCH', path: target, headers: { 'content-type': 'application/json' }, body: JSON.stringify(progressMerge(sent)) }
}

const started = performance.now()
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
  timeout: 30,
  requests: [{ setupRequest }]
})
const seconds = (performance.now() - started) / 1000
process.stdout.write(JSON.stringify({
  requests: result.requests.total,
  seconds: options.amount !== undefined ? seconds : result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts
}) + '\n')
