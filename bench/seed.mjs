// Seeding child process: `node bench/seed.mjs '<json>'` with
//   { storeUrl, schema?, taskStatuses: { from, to }, humanTasks?: n }
// Writes through taskd's own store API (openStore, then taskStatuses.insert and
// humanTasks.insert), so the rows are exactly what taskd itself writes, whatever its
// schema; documents are built by taskd's own createTaskStatus / createHumanTask.
// To make a million rows take a minute rather than an hour:
// - SQLite: the inserts of each chunk run inside one transaction on the store's own
//   connection (caught when it is opened), with synchronous=OFF on that connection;
//   the server later opens the file with its own settings (synchronous=FULL).
// - PostgreSQL: many inserts in flight over the store's pool, synchronous_commit off.
// - Into an empty table, its secondary indexes are dropped first and created again
//   afterwards from their definitions as the database reports them (a sorted build is
//   several times faster than a million random index inserts).
// Prints one JSON line { taskStatuses, humanTasks, seconds } on stdout; progress on stderr.
import Database from 'better-sqlite3'
import pg from 'pg'
import { createHumanTask } from '../dist/domain/human-task.js'
import { canonicalTaskStatus } from '../dist/domain/task-status.js'
import { openStore } from '../dist/store/open-store.js'
import { EXAMPLE_HUMAN_TASK_CREATE, humanTaskId, taskStatusDocument, taskStatusTemplate } from './lib.mjs'

const options = JSON.parse(process.argv[2])
const { storeUrl, schema } = options
const from = options.taskStatuses?.from ?? 1
const to = options.taskStatuses?.to ?? 0
const humanTasks = options.humanTasks ?? 0
const CHUNK = 5000
const PROGRESS_EVERY = 100_000
const sqlite = storeUrl.startsWith('sqlite:')

const template = await taskStatusTemplate()
// The variations of the template are valid TaskStatus documents too.
for (const i of [1, 2, 3, 4]) canonicalTaskStatus(taskStatusDocument(template, i))
const humanTemplate = createHumanTask(EXAMPLE_HUMAN_TASK_CREATE, humanTaskId(0), 'bench', new Date('2025-01-01T00:00:00.000Z'))

const started = performance.now()
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`

// The SQLite connection the store opens: the first better-sqlite3 Database that runs
// a pragma while the store opens.
let connection
const pragma = Database.prototype.pragma
Database.prototype.pragma = function (...args) {
  connection ??= this
  return pragma.apply(this, args)
}
// PostgreSQL: the store's connections commit without waiting for the WAL flush. The
// URL's `options` replaces any the store sets, so it names the schema too.
if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unexpected schema name ${schema}`)
const seedingUrl = sqlite
  ? storeUrl
  : `${storeUrl}${storeUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`${schema === undefined ? '' : `-c search_path=${schema} `}-c synchronous_commit=off`)}`
const store = await openStore({ storeUrl: seedingUrl, pgPoolSize: 8, pgSchema: schema })
Database.prototype.pragma = pragma

let client
if (!sqlite) {
  client = new pg.Client({ connectionString: storeUrl })
  await client.connect()
  if (schema !== undefined) await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`)
}

/** The table's indexes other than its primary key, as statements that create them. */
async function secondaryIndexes (table) {
  if (sqlite) {
    return connection.prepare("SELECT name, sql AS statement FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table)
  }
  return (await client.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS statement FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique`, [table])).rows
}

async function count (table) {
  if (sqlite) return connection.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
  return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
}

async function sql (statement) {
  if (sqlite) connection.exec(statement)
  else await client.query(statement)
}

/** Inserts `documents` through the store's `insert`, in one transaction with SQLite. */
async function insertAll (insert, documents) {
  if (!sqlite) {
    await Promise.all(documents.map(async (document) => await insert(document)))
    return
  }
  const pending = []
  connection.transaction(() => { for (const document of documents) pending.push(insert(document)) })()
  await Promise.all(pending)
}

async function seedTaskStatuses () {
  const indexes = to - from >= CHUNK && await count('task_status') === 0 ? await secondaryIndexes('task_status') : []
  for (const { name } of indexes) await sql(`DROP INDEX ${name}`)
  for (let start = from; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1)
    const documents = []
    for (let i = start; i <= end; i++) documents.push(taskStatusDocument(template, i))
    await insertAll(store.taskStatuses.insert, documents)
    if (to - from + 1 >= PROGRESS_EVERY && (end % PROGRESS_EVERY === 0 || end === to)) {
      process.stderr.write(`    seeded ${end.toLocaleString('en-US')} of ${to.toLocaleString('en-US')} task statuses (${elapsed()})\n`)
    }
  }
  for (const { statement } of indexes) await sql(statement)
  if (indexes.length > 0 && to >= PROGRESS_EVERY) process.stderr.write(`    indexed (${elapsed()})\n`)
}

try {
  if (sqlite) {
    if (connection === undefined) throw new Error('could not find the SQLite connection of the store')
    // Seeding is set-up, not measured.
    connection.pragma('synchronous = OFF')
    connection.pragma('cache_size = -1048576')
  } else {
    await client.query('SET synchronous_commit TO off')
  }
  await seedTaskStatuses()
  for (let start = 1; start <= humanTasks; start += CHUNK) {
    const tasks = []
    for (let i = start; i <= Math.min(humanTasks, start + CHUNK - 1); i++) tasks.push({ ...humanTemplate, tkiid: humanTaskId(i) })
    await insertAll(store.humanTasks.insert, tasks)
  }
  const stored = await count('task_status')
  if (stored !== to) throw new Error(`${stored} task statuses in the store after seeding, not ${to}`)
  if (sqlite) {
    connection.pragma('wal_checkpoint(TRUNCATE)')
  } else {
    // As autovacuum would eventually: statistics, and hint bits set now rather than by
    // the first reads of the measured cases.
    await client.query('VACUUM (ANALYZE) task_status')
    await client.query('VACUUM (ANALYZE) human_task')
  }
} finally {
  await store.close()
  await client?.end()
}
process.stdout.write(JSON.stringify({ taskStatuses: Math.max(0, to - from + 1), humanTasks, seconds: (performance.now() - started) / 1000 }) + '\n')
