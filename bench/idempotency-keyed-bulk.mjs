// @ts-check
// What the Idempotency-Key costs a large bulk update, whose record is rewritten in every
// transaction: BENCH_BULK_IDS human tasks (50,000 by default) inserted through the store,
// then updateMany over all of them, unkeyed and keyed in turn, three times, on SQLite (a
// file) and on PostgreSQL. Straight on the store, not over HTTP: the record's cost is what
// is measured, not the request's.
//   npm run build && node bench/idempotency-keyed-bulk.mjs
// PostgreSQL from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own, dropped afterwards. Prints one JSON line per store, the ms of each run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const DIST = new URL('../dist/', import.meta.url).pathname
const { openSqliteStore } = await import(`${DIST}store/sqlite/sqlite-store.js`)
const { openPostgresStore } = await import(`${DIST}store/postgres/postgres-store.js`)
const { createHumanTask } = await import(`${DIST}domain/human-task.js`)

const IDS = Number(process.env.BENCH_BULK_IDS ?? 50_000)
const RUNS = 3
const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** @param {unknown[]} outcomes */
const response = (outcomes) => ({ status: 200, headers: {}, body: String(outcomes.length) })
/** @param {{ document: { priority: number | null } }} current */
const change = (current) => ({ ...current.document, priority: (current.document.priority ?? 0) + 1 })

/**
 * @param {string} name
 * @param {() => Promise<any>} open
 */
async function bench (name, open) {
  const store = await open()
  try {
    const tasks = Array.from({ length: IDS }, (_, index) => createHumanTask({ name: `t${index}` }, `bench-${index}`, 'bench', new Date()))
    await store.humanTasks.insertMany(tasks)
    const ids = tasks.map((task) => task.tkiid)
    /** @type {{ unkeyed: number[], keyed: number[] }} */
    const ms = { unkeyed: [], keyed: [] }
    for (let run = 0; run < RUNS; run++) {
      for (const mode of /** @type {const} */ (['unkeyed', 'keyed'])) {
        const idempotency = mode === 'keyed'
          ? { principal: 'bench', operation: 'bulkUpdateHumanTasks', key: `bulk-${run}`, fingerprint: 'f', expiresAt: Date.now() + 3_600_000, maxBodyBytes: 1 << 20, leaseMs: 10_000, response }
          : undefined
        const started = performance.now()
        await store.humanTasks.updateMany(ids, change, { principal: 'bench', idempotency })
        ms[mode].push(Math.round(performance.now() - started))
      }
    }
    console.log(JSON.stringify({ store: name, ids: IDS, ms }))
  } finally {
    await store.close()
  }
}

const directory = mkdtempSync(join(tmpdir(), 'taskd-bench-bulk-'))
try {
  await bench('sqlite', async () => openSqliteStore({ filename: join(directory, 'bench.db') }))
} finally {
  rmSync(directory, { recursive: true, force: true })
}
const schema = 'taskd_bench_keyed_bulk'
const admin = new pg.Client({ connectionString: POSTGRES })
await admin.connect()
try {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await bench('postgres', async () => openPostgresStore({ connectionString: POSTGRES, schema }))
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
}
