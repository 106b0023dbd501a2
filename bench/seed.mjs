// @ts-check
// Seeding child process: `node bench/seed.mjs '<json>'` with
//   { storeUrl, schema?, taskStatuses: { from, to }, humanTasks?: n }
// Writes through taskd's own store and its bulk-load path (openStore, then
// taskStatuses.insertMany and humanTasks.insertMany: chunks of a bounded size, one
// transaction each, every row with its change-log entry), so the rows are exactly what
// taskd itself writes, whatever its schema; documents are built by taskd's own
// createTaskStatus / createHumanTask. To make a million rows take a minute rather than
// an hour:
// - PostgreSQL: the store's connections commit without waiting for the WAL flush.
// - Into an empty table, its secondary indexes are dropped first and created again
//   afterwards from their definitions as the database reports them (a sorted build is
//   several times faster than a million random index inserts), over a connection of
//   the seeder's own.
// Prints one JSON line { taskStatuses, humanTasks, seconds } on stdout; progress on stderr.
import Database from 'better-sqlite3'
import pg from 'pg'
import { built } from './dist.mjs'
import { EXAMPLE_HUMAN_TASK_CREATE, humanTaskId, taskStatusDocument, taskStatusTemplate } from './lib.mjs'

/** @type {{ storeUrl: string, schema?: string, taskStatuses?: { from?: number, to?: number }, humanTasks?: number }} */
const options = JSON.parse(process.argv[2] ?? '{}')
const { storeUrl, schema } = options
const from = options.taskStatuses?.from ?? 1
const to = options.taskStatuses?.to ?? 0
const humanTasks = options.humanTasks ?? 0
const PROGRESS_EVERY = 100_000
const sqlite = storeUrl.startsWith('sqlite:')

const { createHumanTask } = /** @type {typeof import('../src/domain/human-task.js')} */ (await built('domain/human-task.js'))
const { canonicalTaskStatus } = /** @type {typeof import('../src/domain/task-status.js')} */ (await built('domain/task-status.js'))
const { openStore } = /** @type {typeof import('../src/store/open-store.js')} */ (await built('store/open-store.js'))
const { DEFAULT_STORE_LIMITS } = /** @type {typeof import('../src/store/task-store.js')} */ (await built('store/task-store.js'))

const template = await taskStatusTemplate()
// The variations of the template are valid TaskStatus documents too.
for (const i of [1, 2, 3, 4]) canonicalTaskStatus(taskStatusDocument(template, i))
const humanTemplate = createHumanTask(EXAMPLE_HUMAN_TASK_CREATE, humanTaskId(0), 'bench', new Date('2025-01-01T00:00:00.000Z'))

const started = performance.now()
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`

// PostgreSQL: the store's connections commit without waiting for the WAL flush. The
// URL's `options` replaces any the store sets, so it names the schema too.
if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unexpected schema name ${schema}`)
const seedingUrl = sqlite
  ? storeUrl
  : `${storeUrl}${storeUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`${schema === undefined ? '' : `-c search_path=${schema} `}-c synchronous_commit=off`)}`
const store = await openStore({ storeUrl: seedingUrl, pgPoolSize: 8, pgSchema: schema, pgStatementTimeoutMs: 600_000, pgLockTimeoutMs: 60_000, pgConnectTimeoutMs: 10_000, storeLimits: DEFAULT_STORE_LIMITS })

// The seeder's own connection, for what the store has no method for: indexes, counts,
// the checkpoint and the statistics at the end.
/** @type {import('better-sqlite3').Database | undefined} */
let connection
/** @type {pg.Client | undefined} */
let client
if (sqlite) {
  connection = new Database(storeUrl.slice('sqlite:'.length))
  connection.pragma('busy_timeout = 10000')
  // Index builds sort in memory rather than in temporary files.
  connection.pragma('cache_size = -262144')
} else {
  client = new pg.Client({ connectionString: storeUrl })
  await client.connect()
  if (schema !== undefined) await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`)
}

/**
 * The table's indexes other than its primary key, as statements that create them.
 * @param {string} table
 * @returns {Promise<Array<{ name: string, statement: string }>>}
 */
async function secondaryIndexes (table) {
  if (connection !== undefined) {
    return /** @type {Array<{ name: string, statement: string }>} */ (connection.prepare("SELECT name, sql AS statement FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table))
  }
  return (await /** @type {pg.Client} */ (client).query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS statement FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique`, [table])).rows
}

/** @param {string} table */
async function count (table) {
  if (connection !== undefined) return Number(connection.prepare(`SELECT count(*) FROM ${table}`).pluck().get())
  return Number((await /** @type {pg.Client} */ (client).query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
}

/** @param {string} statement */
async function sql (statement) {
  if (connection !== undefined) connection.exec(statement)
  else await /** @type {pg.Client} */ (client).query(statement)
}

/**
 * The task statuses of indexes start..end, built one at a time as the store takes them.
 * @param {number} start
 * @param {number} end
 */
function * taskStatuses (start, end) {
  for (let i = start; i <= end; i++) yield taskStatusDocument(template, i)
}

async function seedTaskStatuses () {
  const indexes = to - from >= PROGRESS_EVERY / 20 && await count('task_status') === 0 ? await secondaryIndexes('task_status') : []
  for (const { name } of indexes) await sql(`DROP INDEX ${name}`)
  for (let start = from; start <= to; start += PROGRESS_EVERY) {
    const end = Math.min(to, start + PROGRESS_EVERY - 1)
    await store.taskStatuses.insertMany(taskStatuses(start, end))
    if (to - from + 1 >= PROGRESS_EVERY) {
      process.stderr.write(`    seeded ${end.toLocaleString('en-US')} of ${to.toLocaleString('en-US')} task statuses (${elapsed()})\n`)
    }
  }
  for (const { statement } of indexes) await sql(statement)
  if (indexes.length > 0 && to >= PROGRESS_EVERY) process.stderr.write(`    indexed (${elapsed()})\n`)
}

/** @param {number} n */
function * tasks (n) {
  for (let i = 1; i <= n; i++) yield { ...humanTemplate, tkiid: humanTaskId(i) }
}

try {
  await seedTaskStatuses()
  await store.humanTasks.insertMany(tasks(humanTasks))
  const stored = await count('task_status')
  if (stored !== Math.max(0, to - from + 1)) throw new Error(`${stored} task statuses in the store after seeding, not ${to - from + 1}`)
  if (connection !== undefined) {
    connection.pragma('wal_checkpoint(TRUNCATE)')
  } else {
    // As autovacuum would eventually: statistics, and hint bits set now rather than by
    // the first reads of the measured cases.
    await sql('VACUUM (ANALYZE) task_status')
    await sql('VACUUM (ANALYZE) human_task')
  }
} finally {
  await store.close()
  connection?.close()
  await client?.end()
}
process.stdout.write(JSON.stringify({ taskStatuses: Math.max(0, to - from + 1), humanTasks, seconds: (performance.now() - started) / 1000 }) + '\n')
