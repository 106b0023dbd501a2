// @ts-check
// PATCH and bulk-update throughput of two builds side by side (e.g. before and after the
// change log), each on SQLite and on PostgreSQL, bounded in time: 10,000 task statuses and
// 10,000 human tasks seeded over HTTP, then PATCH (3 operations) for BENCH_SECONDS with 32
// connections on random ids, then three bulk updates of all 10,000 human tasks (median).
//   node bench/change-log-side-by-side.mjs <label>=<dist dir> [<label>=<dist dir>…]
// BENCH_STORES (sqlite,postgres by default) names the stores to run.
// PostgreSQL from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own, dropped afterwards. Prints one JSON line per build and store.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { startServer } from './taskd-server.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const STORED = 10_000
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/**
 * @param {number} count
 * @param {number} limit
 * @param {(index: number) => Promise<void>} work
 */
async function inParallel (count, limit, work) {
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) await work(next++)
  }))
}

/** @param {string} url */
async function seed (url) {
  /** @type {string[]} */
  const statuses = []
  /** @type {string[]} */
  const tasks = []
  await inParallel(STORED, 64, async () => {
    const response = await fetch(`${url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'QUARTZ', uniqueName: 'Aggregation', description: 'bench', launcher: 'bench' }) })
    statuses.push(/** @type {{ id: string }} */ (await response.json()).id)
  })
  await inParallel(STORED, 64, async () => {
    const response = await fetch(`${url}/v1/task`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Approve', priority: 3 }) })
    tasks.push(/** @type {{ tkiid: string }} */ (await response.json()).tkiid)
  })
  return { statuses, tasks }
}

/**
 * @param {string} url
 * @param {string[]} ids
 */
async function patchRate (url, ids) {
  let sent = 0
  const result = await autocannon({
    url,
    connections: 32,
    duration: SECONDS,
    requests: [{
      setupRequest: (/** @type {Record<string, unknown>} */ request) => ({
        ...request,
        method: 'PATCH',
        path: `/task-status/${ids[Math.floor(Math.random() * ids.length)]}`,
        headers: { 'content-type': 'application/json-patch+json' },
        body: JSON.stringify([
          { op: 'replace', path: '/percentComplete', value: ++sent % 100 },
          { op: 'add', path: '/messages/-', value: { type: 'INFO', key: 'progress', localizedText: { locale: 'en-US', message: `step ${sent}` }, parameters: [sent] } },
          { op: 'replace', path: '/progress', value: `step ${sent}` }
        ])
      })
    }]
  })
  return { rps: Math.round(result.requests.total / result.duration), p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

/**
 * @param {string} url
 * @param {string[]} ids
 */
async function bulkMs (url, ids) {
  /** @type {number[]} */
  const times = []
  for (let round = 0; round < 3; round++) {
    const started = performance.now()
    const response = await fetch(`${url}/v1/task?action=update`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { priority: round } }) })
    if (response.status !== 200 || (await response.text()) !== '') throw new Error(`bulk update answered ${response.status}`)
    times.push(performance.now() - started)
  }
  return Math.round(times.sort((a, b) => a - b)[1] ?? 0)
}

const builds = process.argv.slice(2).map((argument) => /** @type {[string, string]} */ (argument.split('=')))
for (const store of (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',')) {
  for (const [label, dist] of builds) {
    const directory = mkdtempSync(join(tmpdir(), 'taskd-side-by-side-'))
    const schema = `taskd_bench_${randomBytes(4).toString('hex')}`
    const env = store === 'sqlite' ? { STORE_URL: `sqlite:${join(directory, 'taskd.db')}` } : { STORE_URL: POSTGRES, PG_SCHEMA: schema }
    const server = await startServer(dist, env)
    try {
      const { statuses, tasks } = await seed(server.url)
      const patch = await patchRate(server.url, statuses)
      const bulk = await bulkMs(server.url, tasks)
      process.stdout.write(JSON.stringify({ build: label, store, patch, bulkOf10000Ms: bulk }) + '\n')
    } finally {
      await server.stop()
      rmSync(directory, { recursive: true, force: true })
      if (store === 'postgres') {
        const client = new pg.Client({ connectionString: POSTGRES })
        await client.connect()
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
        await client.end()
      }
    }
  }
}
