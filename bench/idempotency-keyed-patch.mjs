// @ts-check
// PATCH throughput with and without an Idempotency-Key, on SQLite and on PostgreSQL,
// bounded in time: 1,000 task statuses seeded over HTTP, then PATCH (2 operations) for
// BENCH_SECONDS with 16 connections on random ids, first without a key, then with a new
// key on every request (each one recorded, none replayed).
//   npm run build && node bench/idempotency-keyed-patch.mjs
// PostgreSQL from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own, dropped afterwards. Prints one JSON line per store and mode.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { startServer } from './taskd-server.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const STORED = 1000
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const DIST = new URL('../dist/', import.meta.url).pathname

/**
 * @param {string} url
 * @returns {Promise<string[]>}
 */
async function seed (url) {
  /** @type {string[]} */
  const ids = []
  let next = 0
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next++ < STORED) {
      const response = await fetch(`${url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'QUARTZ', uniqueName: 'Aggregation', description: 'bench', launcher: 'bench' }) })
      ids.push(/** @type {{ id: string }} */ (await response.json()).id)
    }
  }))
  return ids
}

let sent = 0
/**
 * @param {string} url
 * @param {string[]} ids
 * @param {boolean} keyed
 */
async function patchRate (url, ids, keyed) {
  const run = randomBytes(4).toString('hex')
  const result = await autocannon({
    url,
    connections: 16,
    duration: SECONDS,
    requests: [{
      setupRequest: (/** @type {Record<string, unknown>} */ request) => ({
        ...request,
        method: 'PATCH',
        path: `/task-status/${ids[Math.floor(Math.random() * ids.length)]}`,
        headers: { 'content-type': 'application/json-patch+json', ...(keyed && { 'idempotency-key': `${run}-${++sent}` }) },
        body: JSON.stringify([
          { op: 'replace', path: '/percentComplete', value: ++sent % 100 },
          { op: 'replace', path: '/progress', value: `step ${sent}` }
        ])
      })
    }]
  })
  return { rps: Math.round(result.requests.total / result.duration), p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

for (const store of ['sqlite', 'postgres']) {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-idem-bench-'))
  const schema = `taskd_bench_${randomBytes(4).toString('hex')}`
  /** @type {Record<string, string>} */
  const env = store === 'sqlite' ? { STORE_URL: `sqlite:${join(directory, 'taskd.db')}` } : { STORE_URL: POSTGRES, PG_SCHEMA: schema }
  const server = await startServer(DIST, env)
  try {
    const ids = await seed(server.url)
    for (const keyed of [false, true]) {
      process.stdout.write(JSON.stringify({ store, keyed, patch: await patchRate(server.url, ids, keyed) }) + '\n')
    }
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
