// @ts-check
// Other clients during one bulk update of many ids, on SQLite and on PostgreSQL (issue 15):
// BENCH_BULK_IDS human tasks (50,000 by default), each as large as BULK_MAX_WRITE_BYTES
// lets that many be (at most HUMAN_TASK_MAX_BYTES; defaults 256 MiB and 256 KiB, so about
// 5 KB each at 50,000), seeded through the store, then 4 clients GET random tasks one after
// the other while one PUT /v1/task?action=update lists them all. Prints one JSON line per
// store: the bulk's wall time, the other clients' p50/p99/max, and the server's longest
// event-loop hold (prom-client's nodejs_eventloop_lag_max_seconds, reset by a scrape before).
//   npm run build && node bench/bulk-other-clients.mjs
// BENCH_CPU_PROF=1 writes each server's CPU profile to bench/profiles/ (see
// bench/profile-summary.mjs, PROFILE_HOLDS, for where the longest holds went).
// PostgreSQL from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own, dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startServer } from './taskd-server.mjs'

// BENCH_DIST: another build to measure (a directory like dist/).
const DIST = process.env.BENCH_DIST ?? new URL('../dist/', import.meta.url).pathname
const IDS = Number(process.env.BENCH_BULK_IDS ?? 50_000)
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',')
// BENCH_TASK_BYTES: the custom properties' bytes a task, instead of the most the bound allows.
const TASK_BYTES = process.env.BENCH_TASK_BYTES === undefined ? undefined : Number(process.env.BENCH_TASK_BYTES)
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const BULK_MAX_WRITE_BYTES = 256 * 1024 * 1024
const HUMAN_TASK_MAX_BYTES = 256 * 1024
const OTHER_CLIENTS = 4
const PROFILES = new URL('profiles/', import.meta.url).pathname

const { createHumanTask, newTkiid } = await import(join(DIST, 'domain/human-task.js'))
const { openSqliteStore } = await import(join(DIST, 'store/sqlite/sqlite-store.js'))
const { openPostgresStore } = await import(join(DIST, 'store/postgres/postgres-store.js'))

/** Tasks whose stored size, after the bulk adds its property, stays within both bounds. */
function tasks () {
  // 95%: the bound counts the bytes of the tasks before and after the change.
  const bytes = TASK_BYTES ?? Math.floor(Math.min(HUMAN_TASK_MAX_BYTES, BULK_MAX_WRITE_BYTES / IDS) * 0.95) - 600
  const properties = Math.min(99, Math.max(1, Math.floor(bytes / 2000)))
  const value = 'v'.repeat(Math.floor(bytes / properties) - 16)
  const customProperties = Object.fromEntries(Array.from({ length: properties }, (_, index) => [`p${index}`, value]))
  return Array.from({ length: IDS }, (_, index) => createHumanTask({ name: `task${index}`, customProperties }, newTkiid(), 'seed', new Date()))
}

/** @param {string} url */
async function longestHoldMs (url) {
  const text = await (await fetch(`${url}/metrics`)).text()
  return Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1]) * 1000
}

/** @param {number[]} sorted @param {number} share */
const at = (sorted, share) => Number((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN).toFixed(1))

/** @param {string} store @param {Record<string, string>} env @param {string[]} ids @param {number} documentBytes */
async function measure (store, env, ids, documentBytes) {
  const server = await startServer(DIST, env, process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [])
  try {
    await longestHoldMs(server.url)
    /** @type {number[]} */
    const latencies = []
    let failed = 0
    const state = { done: false }
    const clients = Array.from({ length: OTHER_CLIENTS }, async () => {
      while (!state.done) {
        const started = performance.now()
        const response = await fetch(`${server.url}/v1/task/${ids[Math.floor(Math.random() * ids.length)]}`)
        await response.arrayBuffer()
        if (response.status !== 200) failed++
        latencies.push(performance.now() - started)
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/task?action=update`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { priority: 1, customProperties: { escalated: 'true' } } })
    })
    const body = await response.text()
    const bulkMs = performance.now() - started
    state.done = true
    await Promise.all(clients)
    if (response.status !== 200) throw new Error(`${store}: the bulk update answered ${response.status} ${body.slice(0, 300)}`)
    const holdMs = await longestHoldMs(server.url)
    latencies.sort((a, b) => a - b)
    console.log(JSON.stringify({
      store,
      ids: ids.length,
      documentBytes,
      bulkStatus: response.status,
      bulkFailures: body === '' ? 0 : JSON.parse(body).failedUpdates.length,
      bulkMs: Math.round(bulkMs),
      othersRequests: latencies.length,
      othersFailed: failed,
      othersP50Ms: at(latencies, 0.5),
      othersP99Ms: at(latencies, 0.99),
      othersMaxMs: at(latencies, 1),
      longestHoldMs: Number(holdMs.toFixed(1))
    }))
  } finally {
    await server.stop()
  }
}

const seeded = tasks()
const ids = seeded.map((task) => task.tkiid)
const documentBytes = JSON.stringify(seeded[0]).length
for (const store of STORES) {
  if (store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'taskd-bulk-'))
    const file = join(dir, 'taskd.db')
    const opened = openSqliteStore({ filename: file })
    for (let start = 0; start < seeded.length; start += 1000) await opened.humanTasks.insertMany(seeded.slice(start, start + 1000))
    await opened.close()
    try {
      await measure(store, { STORE_URL: `sqlite:${file}` }, ids, documentBytes)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  } else {
    const schema = `bench_bulk_${process.pid}`
    const opened = await openPostgresStore({ connectionString: POSTGRES, poolSize: 4, schema })
    try {
      for (let start = 0; start < seeded.length; start += 1000) await opened.humanTasks.insertMany(seeded.slice(start, start + 1000))
      await opened.close()
      await measure(store, { STORE_URL: POSTGRES, PG_SCHEMA: schema }, ids, documentBytes)
    } finally {
      const client = new pg.Client({ connectionString: POSTGRES })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    }
  }
}
