// @ts-check
// taskd's cases, per store: GET and PATCH over every stored size, the list, the bulk
// update against single updates and against the store alone, the watch's delivery under
// PATCH load (watch-delivery.mjs) and tracing's cost (tracing-cost.mjs). The comparisons
// inside the noise run in alternating rounds (rounds.mjs): taskd at the main size
// against the references, and the smallest against the largest stored size, both
// servers running side by side.
import { mkdirSync, readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { built } from './dist.mjs'
import { humanTaskId, progressPatch, taskStatusId } from './lib.mjs'
import { autocannon, checkClean, getAndPatch, measure } from './load.mjs'
import { BenchError, expectStatus, postgresClient, rssSampler, startTaskd, stopServer } from './processes.mjs'
import { measureReferences, startReferences, stopReferences } from './references.mjs'
import { alternately, combinedRounds, median } from './rounds.mjs'
import { results } from './results.mjs'
import { newLocation, seed } from './seeding.mjs'
import { tracingCase } from './tracing-cost.mjs'
import { watchCase } from './watch-delivery.mjs'
import { BULK_PROPERTIES, fmt, integer, LIST_PATH, log, PROFILE, PROFILES_DIR, settings } from './settings.mjs'
import { GET, PATCH } from './targets.mjs'

const { WRITTEN_COLUMNS_SETTING } = /** @type {typeof import('../src/store/postgres/postgres-columns.js')} */ (await built('store/postgres/postgres-columns.js'))

/** @typedef {import('./processes.mjs').Server} Server */
/** @typedef {import('./seeding.mjs').Location} Location */
/** @typedef {{ store: string, size: number, location: Location, server: Server }} Opened */

/**
 * @param {Server} server
 * @param {{ list?: boolean, humanTasks?: boolean }} [what]
 */
async function sanity (server, { list = false, humanTasks = false } = {}) {
  const id = taskStatusId(1)
  const got = /** @type {{ id: string }} */ (await (await expectStatus(await fetch(`${server.url}/task-status/${id}`), 200, `GET /task-status/${id}`)).json())
  if (got.id !== id) throw new BenchError(`GET /task-status/${id} answered id ${got.id}`)
  await expectStatus(await fetch(`${server.url}/task-status/${id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify(progressPatch(1))
  }), 200, `PATCH /task-status/${id}`)
  if (list) {
    const page = await (await expectStatus(await fetch(server.url + LIST_PATH), 200, `GET ${LIST_PATH}`)).json()
    if (!Array.isArray(page) || page.length !== 50) throw new BenchError(`GET ${LIST_PATH} answered ${Array.isArray(page) ? page.length : 'no'} items, not 50`)
  }
  if (humanTasks) await expectStatus(await fetch(`${server.url}/v1/task/${humanTaskId(1)}`), 200, `GET /v1/task/${humanTaskId(1)}`)
}

/**
 * The sum and count of a Prometheus histogram series whose labels include all of `labels`.
 * @param {string} url
 * @param {string} name
 * @param {Record<string, string>} labels
 */
async function histogram (url, name, labels) {
  const text = await (await fetch(`${url}/metrics`)).text()
  const pick = (/** @type {string} */ suffix) => {
    let total = 0
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}_${suffix}{`)) continue
      const labelText = line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1)
      if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1))
    }
    return total
  }
  return { sum: pick('sum'), count: pick('count') }
}

// Other clients while a bulk update runs: a few connections reading task statuses one
// after the other, each GET timed by the client.
const OTHER_CLIENTS = 4

/**
 * GETs of random task statuses by OTHER_CLIENTS clients until stop(); stop() resolves to their latencies in ms.
 * @param {string} url
 * @param {number} stored
 */
function otherClients (url, stored) {
  const state = { stopped: false }
  /** @type {number[]} */
  const latencies = []
  let failed = 0
  const clients = Array.from({ length: OTHER_CLIENTS }, async () => {
    while (!state.stopped) {
      const started = performance.now()
      const response = await fetch(`${url}/task-status/${taskStatusId(1 + Math.floor(Math.random() * stored))}`)
      await response.arrayBuffer()
      if (response.status !== 200) failed++
      latencies.push(performance.now() - started)
    }
  })
  return {
    async stop () {
      state.stopped = true
      await Promise.all(clients)
      return { latencies: latencies.sort((a, b) => a - b), failed }
    }
  }
}

/**
 * The bulk update of every human task in one request, versus one request per task.
 * @param {Server} server
 * @param {string} store
 * @param {Location} location
 */
async function bulkCase (server, store, location) {
  const n = settings.mainStored
  const ids = Array.from({ length: n }, (_, k) => humanTaskId(k + 1))
  const sampler = rssSampler(server.pid)
  const once = async (/** @type {number} */ priority) => {
    const body = JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { ...BULK_PROPERTIES, priority } })
    const http = { method: 'PUT', route: '/v1/task', status_code: '200' }
    const storeOp = { repository: 'humanTasks', operation: 'updateMany' }
    const [httpBefore, storeBefore] = [await histogram(server.url, 'http_request_duration_seconds', http), await histogram(server.url, 'taskd_store_operation_duration_seconds', storeOp)]
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/task?action=update`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })
    const text = await response.text()
    const wallMs = performance.now() - started
    if (response.status !== 200 || text !== '') throw new BenchError(`bulk update of ${n} tasks: ${response.status} ${text.slice(0, 500)}`)
    const [httpAfter, storeAfter] = [await histogram(server.url, 'http_request_duration_seconds', http), await histogram(server.url, 'taskd_store_operation_duration_seconds', storeOp)]
    return {
      wallMs,
      serverMs: httpAfter.count === httpBefore.count + 1 ? (httpAfter.sum - httpBefore.sum) * 1000 : undefined,
      storeMs: storeAfter.count > storeBefore.count ? (storeAfter.sum - storeBefore.sum) * 1000 : undefined
    }
  }
  await once(2) // warm-up
  const others = otherClients(server.url, n)
  const runs = [await once(1), await once(3), await once(1)]
  const during = await others.stop()
  if (during.failed > 0) results.failures.push(`${store}: ${during.failed} GETs of other clients during the bulk update were not 200`)
  const middle = (/** @type {'wallMs' | 'serverMs' | 'storeMs'} */ key) => median(runs.map((r) => r[key]).filter((value) => value !== undefined))
  const singleBody = JSON.stringify(BULK_PROPERTIES)
  const singles = (/** @type {number} */ amount) => autocannon({ url: server.url, connections: settings.connections, amount, mode: 'update', path: '/v1/task/', suffix: 'human', body: singleBody })
  const warm = await singles(Math.min(1000, n))
  const measured = await singles(n)
  const peakRssMb = sampler.stop()
  const floors = [await storeFloorMs(store, location, ids, 4), await storeFloorMs(store, location, ids, 5), await storeFloorMs(store, location, ids, 4)]
  const { errors, non2xx } = checkClean(`${store} single updates`, warm, measured)
  if (measured.requests !== n) results.failures.push(`${store} single updates: ${measured.requests} responses, not ${n}`)
  const bulkWallMs = middle('wallMs')
  const singlesWallMs = measured.seconds * 1000
  const entry = {
    store,
    tasks: n,
    bulkWallMs,
    bulkServerMs: middle('serverMs'),
    bulkStoreMs: middle('storeMs'),
    bulkRuns: runs,
    storeFloorMs: median(floors),
    othersP99Ms: during.latencies[Math.min(during.latencies.length - 1, Math.floor(0.99 * during.latencies.length))],
    othersRequests: during.latencies.length,
    singlesWallMs,
    singlesRps: measured.rps,
    singlesP50Ms: measured.p50Ms,
    singlesP99Ms: measured.p99Ms,
    singlesConnections: settings.connections,
    peakRssMb,
    errors,
    non2xx,
    speedup: bulkWallMs === undefined ? undefined : singlesWallMs / bulkWallMs
  }
  log(`  ${store.padEnd(10)} bulk update of ${fmt.int(n)} tasks: ${fmt.ms(entry.bulkWallMs)} ms wall (server ${fmt.ms(entry.bulkServerMs)} ms, store ${fmt.ms(entry.bulkStoreMs)} ms; the store alone ${fmt.ms(entry.storeFloorMs)} ms; other clients' p99 ${fmt.ms(entry.othersP99Ms)} ms); ${fmt.int(n)} single updates: ${fmt.ms(entry.singlesWallMs)} ms (${fmt.int(measured.rps)} req/s) → ${fmt.times(entry.speedup)}`)
  return entry
}

/**
 * The store's own floor for the bulk case: the same change to the same rows (priority,
 * lastModificationTime and one custom property in the document, and the columns indexed
 * from them), made by the database alone: one IMMEDIATE transaction of single-row UPDATEs
 * through better-sqlite3 (synchronous=FULL, as taskd), or one UPDATE statement on
 * PostgreSQL. No HTTP, no validation, no JSON work in JavaScript.
 * @param {string} store
 * @param {Location} location
 * @param {string[]} ids
 * @param {number} priority
 */
async function storeFloorMs (store, location, ids, priority) {
  const now = new Date().toISOString()
  if (store === 'sqlite') {
    const db = new Database(location.storeUrl.slice('sqlite:'.length))
    try {
      db.pragma('busy_timeout = 5000')
      db.pragma('synchronous = FULL')
      const update = db.prepare(`UPDATE human_task SET version = version + 1,
        document = json_set(document, '$.priority', ?, '$.lastModificationTime', ?,
          '$.customProperties', json(json_patch(coalesce(json_extract(document, '$.customProperties'), '{}'), '{"escalated":"true"}'))),
        priority = ?, last_modification_time = ? WHERE tkiid = ?`)
      const started = performance.now()
      db.transaction(() => { for (const id of ids) update.run(priority, now, priority, now, id) }).immediate()
      return performance.now() - started
    } finally {
      db.close()
    }
  }
  const client = await postgresClient()
  try {
    await client.query(`SET search_path TO ${pg.escapeIdentifier(/** @type {string} */ (location.schema))}`)
    // As taskd writes: the changed columns with the document, passed by the trigger that
    // fills them for earlier versions' writes (src/store/postgres/postgres-columns.ts).
    await client.query(`SET ${WRITTEN_COLUMNS_SETTING} = on`)
    const started = performance.now()
    await client.query(`UPDATE human_task SET version = version + 1,
      document = (document::jsonb || jsonb_build_object('priority', $2::integer, 'lastModificationTime', $3::text,
        'customProperties', coalesce(document::jsonb -> 'customProperties', '{}'::jsonb) || '{"escalated":"true"}'::jsonb))::json,
      priority = $2, last_modification_time = $3
      WHERE tkiid = ANY($1::text[])`, [ids, priority, now])
    return performance.now() - started
  } finally {
    await client.end()
  }
}

/**
 * Combines the rounds of GET and PATCH into one entry each.
 * @param {Array<import('./results.mjs').CaseEntry[]>} rounds
 */
function recordRounds (rounds) {
  results.cases.push(combinedRounds(rounds.map((round) => /** @type {import('./results.mjs').CaseEntry} */ (round[0]))))
  results.cases.push(combinedRounds(rounds.map((round) => /** @type {import('./results.mjs').CaseEntry} */ (round[1]))))
}

/**
 * A seeded store with taskd serving it.
 * @param {string} store
 * @param {number} size
 */
async function open (store, size) {
  const main = size === settings.mainStored
  const location = await newLocation(store, `${size}`)
  await seed(store, location, size, main ? settings.mainStored : 0)
  const server = await startTaskd(location)
  return { store, size, location, server }
}

/** @param {Opened} opened */
async function close (opened) {
  const highWaterMb = await stopServer(opened.server)
  results.servers.push({ store: opened.store, stored: opened.size, startRssMb: opened.server.startRssMb, highWaterMb })
  await opened.location.remove()
}

/**
 * The watch's delivery under load (issue 17) and tracing's cost (issue 19), as far as
 * BENCH_CASES chose them, over the main size's store, each with taskd processes of its own.
 * @param {Opened} opened
 */
async function casesOverMainStore (opened) {
  if (settings.cases.includes('watch')) await watchCase(opened.store, opened.location, opened.size)
  if (settings.cases.includes('tracing')) await tracingCase(opened.store, opened.location, opened.size)
}

/** @param {string} store */
export async function storeCases (store) {
  if (!settings.cases.includes('main')) {
    if (!settings.cases.includes('watch') && !settings.cases.includes('tracing')) return
    const opened = await open(store, settings.mainStored)
    try {
      await sanity(opened.server)
      await casesOverMainStore(opened)
    } finally {
      await close(opened)
    }
    return
  }
  const smallest = settings.sizes[0]
  const largest = settings.sizes[settings.sizes.length - 1]
  const paired = smallest !== largest
  /** @type {Opened | undefined} */
  let small
  for (const size of settings.sizes) {
    const opened = await open(store, size)
    let keep = false
    try {
      const main = size === settings.mainStored
      await sanity(opened.server, { list: main, humanTasks: main })
      if (main) {
        const references = await startReferences()
        try {
          const { a } = await alternately(async () => await getAndPatch(opened.server, store, size), async () => { await measureReferences(references) })
          recordRounds(a)
        } finally {
          await stopReferences(references)
        }
        results.cases.push(await measure({ server: opened.server, store, stored: size, name: 'GET /task-status?filters…', mode: 'fixed', path: LIST_PATH }))
        results.bulk.push(await bulkCase(opened.server, store, opened.location))
        await casesOverMainStore(opened)
      }
      if (paired && size === smallest) {
        // Kept running until the largest size is seeded, to be measured side by side with it.
        small = opened
        keep = true
      } else if (paired && size === largest && small !== undefined) {
        const pair = small
        const { a, b } = await alternately(async () => await getAndPatch(pair.server, store, pair.size), async () => await getAndPatch(opened.server, store, size))
        recordRounds(a)
        recordRounds(b)
      } else if (!main) {
        results.cases.push(...await getAndPatch(opened.server, store, size))
      }
    } finally {
      if (!keep) await close(opened)
      if (size === largest && small !== undefined) await close(small)
    }
  }
}

/** BENCH_PROFILE: one case only, with taskd under --cpu-prof. */
export async function profile () {
  const store = process.env.BENCH_PROFILE_STORE ?? 'sqlite'
  const size = integer('BENCH_PROFILE_STORED', settings.mainStored)
  if (!['get', 'patch', 'list', 'bulk'].includes(PROFILE ?? '')) throw new Error(`BENCH_PROFILE must be 1, get, patch, list or bulk; got '${PROFILE}'`)
  mkdirSync(PROFILES_DIR, { recursive: true })
  const before = new Set(readdirSync(PROFILES_DIR))
  const location = await newLocation(store, 'profile')
  try {
    await seed(store, location, size, PROFILE === 'bulk' ? settings.mainStored : 0)
    const server = await startTaskd({ ...location, profile: true })
    try {
      const spread = { server, store, stored: size, path: '/task-status/', count: size }
      if (PROFILE === 'get') await measure({ ...spread, name: GET, mode: 'get' })
      if (PROFILE === 'patch') await measure({ ...spread, name: PATCH, mode: 'patch' })
      if (PROFILE === 'list') await measure({ ...spread, name: 'GET /task-status?filters…', mode: 'fixed', path: LIST_PATH })
      if (PROFILE === 'bulk') await bulkCase(server, store, location)
    } finally {
      await stopServer(server) // SIGTERM: taskd closes and exits, and Node writes the profile
    }
  } finally {
    await location.remove()
  }
  const written = readdirSync(PROFILES_DIR).filter((file) => !before.has(file))
  log(`\nCPU profile: ${written.map((file) => `bench/profiles/${file}`).join(', ') || '(none written)'}`)
  log('Open it in Chrome DevTools (Performance → Load profile) or VS Code.')
}
