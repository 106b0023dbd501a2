// @ts-check
// The watch's delivery latency under PATCH load (issue 17). Two taskd processes over one
// store: the writer takes the PATCH load, the reader only serves watchers, so that what
// the writer commits reaches the reader through the store (PostgreSQL: NOTIFY; SQLite:
// the file's data_version, polled). BENCH_WATCHERS watchers on each hear every change of
// the load, as a consumer following the store would. While the load runs, a probe PATCHes
// a task status of its own, one request at a time at random moments; each probe's event
// is timed on every watcher from the PATCH's acknowledgement to the event's arrival
// (same instance: watchers on the writer; across instances: on the reader), and from the
// time the change carries (its change-log entry's `time`, set by the writer).
import http from 'node:http'
import { sleep } from './lib.mjs'
import { checkClean, load } from './load.mjs'
import { BenchError, expectStatus, startTaskd, stopServer } from './processes.mjs'
import { results } from './results.mjs'
import { percentile } from './rounds.mjs'
import { fmt, log, settings } from './settings.mjs'

// PROBERS clients PATCH the probe, each waiting a random 0–PROBE_GAP_MS after each
// acknowledgement: moments unrelated to the load's, and enough events for a p99 in a few
// seconds.
export const PROBERS = 4
export const PROBE_GAP_MS = 50
// How long the events of the last writes may take to arrive after the load ends.
const SETTLE_MS = 5000

/**
 * A watcher of GET /task-status/watch: every event counted, the probes' timed.
 * @typedef {object} Watcher
 * @property {number} events
 * @property {Map<number, { atMs: number, sinceChangeMs: number }>} probes by probe number: when its event arrived (performance.now()), and how long after the change's own time
 * @property {() => void} close
 */

/**
 * Opens a watch stream; resolves once taskd says where the stream starts.
 * @param {string} base
 * @param {string} probeId
 * @returns {Promise<Watcher>}
 */
async function openWatcher (base, probeId) {
  return await new Promise((resolve, reject) => {
    const request = http.get(`${base}/task-status/watch`, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        reject(new BenchError(`GET ${base}/task-status/watch answered ${response.statusCode}`))
        return
      }
      /** @type {Watcher} */
      const watcher = { events: 0, probes: new Map(), close: () => { request.destroy() } }
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (/** @type {string} */ chunk) => {
        const atMs = performance.now()
        const now = Date.now()
        buffer += chunk
        let boundary
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          if (frame.startsWith(': watching after ')) resolve(watcher)
          // An event's frame is `id: …\nevent: …\ndata: <the change's JSON, one line>`.
          const data = frame.indexOf('\ndata: ')
          if (data < 0) continue
          watcher.events++
          if (!frame.includes(probeId)) continue
          const change = /** @type {{ id: string, time: string, changes: unknown }} */ (JSON.parse(frame.slice(data + '\ndata: '.length)))
          // A patch's changes are its operations.
          const operations = /** @type {Array<{ path?: unknown, value?: unknown }>} */ (Array.isArray(change.changes) ? change.changes : [])
          const probe = /^probe (\d+)$/.exec(String(operations.find((operation) => operation.path === '/progress')?.value ?? ''))
          if (change.id === probeId && probe !== null) watcher.probes.set(Number(probe[1]), { atMs, sinceChangeMs: now - Date.parse(change.time) })
        }
      })
    })
    request.on('error', reject)
  })
}

/**
 * PATCHes of the probe's task status by PROBERS clients, each one request at a time, until stop().
 * @param {string} base
 * @param {string} id
 */
function probing (base, id) {
  const state = { stopped: false }
  /** @type {Map<number, number>} probe number → when its PATCH was acknowledged (performance.now()) */
  const acknowledged = new Map()
  let failed = 0
  let sent = 0
  const done = Promise.all(Array.from({ length: PROBERS }, async () => {
    while (!state.stopped) {
      await sleep(Math.random() * PROBE_GAP_MS)
      const n = ++sent
      const response = await fetch(`${base}/task-status/${id}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'replace', path: '/progress', value: `probe ${n}` }])
      })
      await response.arrayBuffer()
      if (response.status === 200) acknowledged.set(n, performance.now())
      else failed++
    }
  }))
  return {
    acknowledged,
    async stop () {
      state.stopped = true
      await done
      return failed
    }
  }
}

/**
 * Waits until `done()` or SETTLE_MS have passed.
 * @param {() => boolean} done
 */
async function settle (done) {
  const deadline = performance.now() + SETTLE_MS
  while (!done() && performance.now() < deadline) await sleep(20)
}

/**
 * The delivery figures of `watchers` for the acknowledged probes.
 * @param {Watcher[]} watchers
 * @param {Map<number, number>} acknowledged
 */
function delivery (watchers, acknowledged) {
  /** @type {number[]} */
  const fromAck = []
  /** @type {number[]} */
  const fromChange = []
  let missed = 0
  let beforeAck = 0
  for (const watcher of watchers) {
    for (const [n, ackMs] of acknowledged) {
      const arrival = watcher.probes.get(n)
      if (arrival === undefined) {
        missed++
        continue
      }
      // The event may come before the PATCH's response does: it is counted as 0 ms.
      if (arrival.atMs < ackMs) beforeAck++
      fromAck.push(Math.max(0, arrival.atMs - ackMs))
      fromChange.push(Math.max(0, arrival.sinceChangeMs))
    }
  }
  return {
    delivered: fromAck.length,
    missed,
    beforeAck,
    p50Ms: percentile(fromAck, 0.5),
    p99Ms: percentile(fromAck, 0.99),
    maxMs: fromAck.length === 0 ? undefined : Math.max(...fromAck),
    sinceChangeP50Ms: percentile(fromChange, 0.5),
    sinceChangeP99Ms: percentile(fromChange, 0.99),
    fewestEvents: Math.min(...watchers.map((watcher) => watcher.events))
  }
}

/**
 * The watch case over `location` (seeded with `stored` task statuses): its two entries
 * (same instance, across instances) go to results.watch.
 * @param {string} store
 * @param {import('./seeding.mjs').Location} location
 * @param {number} stored
 */
export async function watchCase (store, location, stored) {
  /** @type {import('./processes.mjs').Server[]} */
  const servers = []
  /** @type {Watcher[]} */
  const watchers = []
  try {
    const writer = await startTaskd(location)
    servers.push(writer)
    const reader = await startTaskd(location)
    servers.push(reader)
    const created = await expectStatus(await fetch(`${writer.url}/task-status`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'QUARTZ', uniqueName: 'Watch delivery probe', description: 'PATCHed by the bench to time its events', launcher: 'bench' })
    }), 201, 'POST /task-status (the probe)')
    const probeId = /** @type {{ id: string }} */ (await created.json()).id
    const same = []
    const across = []
    for (let k = 0; k < settings.watchers; k++) {
      same.push(await openWatcher(writer.url, probeId))
      across.push(await openWatcher(reader.url, probeId))
    }
    watchers.push(...same, ...across)
    const patchLoad = { base: writer.url, mode: 'patch', path: '/task-status/', count: stored }
    const runs = []
    if (settings.warmupSeconds > 0) runs.push(await load({ ...patchLoad, seconds: settings.warmupSeconds }))
    const probe = probing(writer.url, probeId)
    const measured = await load({ ...patchLoad, seconds: settings.durationSeconds })
    runs.push(measured)
    const probesFailed = await probe.stop()
    const { errors, non2xx } = checkClean(`${store} watch delivery: PATCH load`, ...runs)
    if (probesFailed > 0) results.failures.push(`${store} watch delivery: ${probesFailed} probe PATCHes were not 200`)
    // Every change written after the watchers opened: the load's answered PATCHes and the probes.
    const changes = runs.reduce((sum, run) => sum + run.requests - run.non2xx, 0) + probe.acknowledged.size
    await settle(() => watchers.every((watcher) => watcher.events >= changes && [...probe.acknowledged.keys()].every((n) => watcher.probes.has(n))))
    for (const [instance, group] of /** @type {const} */ ([['same', same], ['across', across]])) {
      const figures = delivery(group, probe.acknowledged)
      const entry = { store, instance, stored, watchers: group.length, loadRps: measured.rps, loadP99Ms: measured.p99Ms, probes: probe.acknowledged.size, changes, ...figures, errors, non2xx }
      results.watch.push(entry)
      log(`  ${store.padEnd(10)} watch delivery, ${instance === 'same' ? 'same instance ' : 'across instances'} under ${fmt.int(measured.rps)} PATCH/s: p50 ${fmt.ms(figures.p50Ms)} ms, p99 ${fmt.ms(figures.p99Ms)} ms, max ${fmt.ms(figures.maxMs)} ms after the acknowledgement (${figures.delivered} of ${probe.acknowledged.size * group.length} probe events, ${figures.beforeAck} before it); from the change's time p50 ${fmt.ms(figures.sinceChangeP50Ms)} ms, p99 ${fmt.ms(figures.sinceChangeP99Ms)} ms`)
      if (figures.missed > 0) results.failures.push(`${store} watch delivery (${instance}): ${figures.missed} probe events did not arrive within ${SETTLE_MS} ms of the load's end`)
      if (figures.fewestEvents < changes) results.failures.push(`${store} watch delivery (${instance}): a watcher heard ${figures.fewestEvents} of the ${changes} changes`)
    }
  } finally {
    for (const watcher of watchers) watcher.close()
    for (const [index, server] of servers.entries()) {
      const highWaterMb = await stopServer(server)
      results.servers.push({ store: `${store}, watch ${index === 0 ? 'writer' : 'reader'}`, stored, startRssMb: server.startRssMb, highWaterMb })
    }
  }
}
