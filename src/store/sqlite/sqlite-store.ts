// The embedded store: one SQLite file (or memory) through better-sqlite3.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { HumanTaskQuery } from '../../domain/human-task-query.js'
import { deletableAt, type HumanTask } from '../../domain/human-task.js'
import type { TaskStatusCondition, TaskStatusQuery } from '../../domain/task-status-query.js'
import type { TaskStatus } from '../../domain/task-status.js'
import { humanTaskOrderBySql, humanTaskWhereSql, type HumanTaskDialect } from '../sql/human-task-sql.js'
import { bind } from '../sql/sql-dialect.js'
import { orderBySql, whereSql } from '../sql/task-status-sql.js'
import { DEFAULT_STORE_LIMITS, type BulkUpdateOutcome, type HumanTaskRepository, type StoreLimits, type TaskStatusRepository, type TaskStore } from '../task-store.js'
import type { ChangeLog } from '../change-log.js'
import { HUMAN_TASK_CHANGES, TASK_STATUS_CHANGES } from '../change-recorders.js'
import { SqliteChangeLog } from './sqlite-change-log.js'
import { SqliteIdempotency } from './sqlite-idempotency.js'
import { sqliteWebhookRepository } from './sqlite-webhooks.js'
import { MIGRATIONS } from './migrations.js'
import { GroupCommit } from './group-commit.js'
import { textField } from '../column-values.js'
import { integerField, SqliteDocuments, type IndexedColumn } from './sqlite-documents.js'
import { translatingBusy } from './sqlite-faults.js'
import { CommitSignals, signallingWrites } from '../commit-signal.js'
import { dataVersionPoll } from './data-version-poll.js'
import { sqliteInsertMany } from './sqlite-bulk-load.js'
import { startWalCheckpointer } from './wal-checkpointer.js'

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a store that lives as long as the process. */
  filename: string
  /** How long a writer waits for another process's write lock, in ms. */
  busyTimeoutMs?: number
  limits?: StoreLimits
}

const dialect: HumanTaskDialect = {
  placeholder: () => '?',
  // GLOB is case-sensitive (LIKE is not, in SQLite) and can use the column's index.
  startsWith: (column, params, prefix) => `${column} GLOB ${bind(dialect, params, prefix.replace(/[*?[]/g, '[$&]') + '*')}`,
  customPropertyEquals: (params, name, value) =>
    `EXISTS (SELECT 1 FROM json_each(document, '$.customProperties') WHERE key = ${bind(dialect, params, name)} AND value = ${bind(dialect, params, value)})`,
  boolean: (value) => value ? 1 : 0
}

const STATISTICS_INTERVAL_MS = 60 * 60 * 1000

// Statistics only guide the planner: when another process holds the write lock past
// the busy timeout, they are refreshed next time rather than failing anything.
function refreshStatistics (db: Database.Database, statement: string): void {
  try {
    db.exec(statement)
  } catch {}
}

function migrate (db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS taskd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT')
  db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM taskd_migrations').pluck().all() as number[])
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      db.exec(migration.sql)
      db.prepare('INSERT INTO taskd_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString())
    }
  }).immediate()
}

// The columns of migration 3, written with each document as json_extract would read
// them from it (sql/task-status-sql.ts names the same columns for the queries).
const TASK_STATUS_WRITTEN_COLUMNS: ReadonlyArray<IndexedColumn<TaskStatus>> = [
  { name: 'type', value: (status) => textField(status.type) },
  { name: 'unique_name', value: (status) => textField(status.uniqueName) },
  { name: 'parent_name', value: (status) => textField(status.parentName) },
  { name: 'launcher', value: (status) => textField(status.launcher) },
  { name: 'completion_status', value: (status) => textField(status.completionStatus) },
  { name: 'source_id', value: (status) => textField(status.target?.id) },
  { name: 'created', value: (status) => textField(status.created) },
  { name: 'modified', value: (status) => textField(status.modified) },
  { name: 'completed', value: (status) => textField(status.completed) },
  { name: 'percent_complete', value: (status) => integerField(status.percentComplete) }
]

// The columns of migration 4.
const HUMAN_TASK_WRITTEN_COLUMNS: ReadonlyArray<IndexedColumn<HumanTask>> = [
  { name: 'state', value: (task) => textField(task.state) },
  { name: 'suspended', value: (task) => integerField(task.suspended) },
  { name: 'owner', value: (task) => textField(task.owner) },
  { name: 'namespace', value: (task) => textField(task.namespace) },
  { name: 'type', value: (task) => textField(task.type) },
  { name: 'priority', value: (task) => integerField(task.priority) },
  { name: 'due_time', value: (task) => textField(task.dueTime) },
  { name: 'activation_time', value: (task) => textField(task.activationTime) },
  { name: 'last_modification_time', value: (task) => textField(task.lastModificationTime) },
  { name: 'name', value: (task) => textField(task.name) },
  { name: 'display_name', value: (task) => textField(task.displayName) },
  // Migration 7: what retention deletes by.
  { name: 'deletable_at', value: (task) => deletableAt(task) }
]

function taskStatusRepository (db: Database.Database, writes: GroupCommit, limits: StoreLimits, log: SqliteChangeLog, idempotency: SqliteIdempotency): TaskStatusRepository {
  const documents = new SqliteDocuments<TaskStatus>(db, writes, 'task_status', 'id', TASK_STATUS_WRITTEN_COLUMNS,
    { kind: 'task status', maxBytes: limits.taskStatusMaxBytes, bulkMaxWriteBytes: limits.bulkMaxWriteBytes }, log, TASK_STATUS_CHANGES, idempotency)
  const where = (filter: TaskStatusCondition | undefined, params: unknown[]): string =>
    filter === undefined ? '' : ` WHERE ${whereSql(filter, dialect, params)}`
  return {
    insert: async (document, context) => await documents.insert(document.id, document, context),
    insertMany: sqliteInsertMany(db, log, { table: 'task_status', idColumn: 'id', columns: TASK_STATUS_WRITTEN_COLUMNS, kind: 'task status', maxBytes: limits.taskStatusMaxBytes, recorder: TASK_STATUS_CHANGES, idOf: (status) => status.id }),
    get: async (id) => await documents.get(id),
    update: async (id, change, context) => await documents.update(id, change, context),
    delete: async (id, context) => await documents.delete(id, context),
    async * list (query: TaskStatusQuery) {
      const params: unknown[] = []
      // The page is chosen over the sort keys and sizes alone, then its documents are
      // read: when SQLite must sort the matches, it sorts keys, not every matching document.
      const sql = `SELECT rowid, octet_length(document) AS bytes FROM task_status${where(query.filter, params)} ORDER BY ${orderBySql(query.sort)} LIMIT ? OFFSET ?`
      yield * documents.page(sql, [...params, query.limit, query.offset])
    },
    async count (filter) {
      const params: unknown[] = []
      return documents.prepared(`SELECT count(*) FROM task_status${where(filter, params)}`).pluck().get(...params) as number
    },
    // completed is canonical (UTC with milliseconds, domain/task-status.ts), so text order
    // is time order for four-digit years; ">= '0'" leaves out the signed years past 9999.
    deleteCompletedBefore: async (cutoff, limit, now) =>
      ({ deleted: await documents.deleteWhere("completed >= '0' AND completed < ?", 'completed, id', [cutoff.toISOString()], limit, now), yielded: false })
  }
}

function humanTaskRepository (db: Database.Database, writes: GroupCommit, limits: StoreLimits, log: SqliteChangeLog, idempotency: SqliteIdempotency): HumanTaskRepository {
  const documents = new SqliteDocuments<HumanTask>(db, writes, 'human_task', 'tkiid', HUMAN_TASK_WRITTEN_COLUMNS,
    { kind: 'human task', maxBytes: limits.humanTaskMaxBytes, bulkMaxWriteBytes: limits.bulkMaxWriteBytes }, log, HUMAN_TASK_CHANGES, idempotency)
  return {
    insert: async (task, context) => await documents.insert(task.tkiid, task, context),
    insertMany: sqliteInsertMany(db, log, { table: 'human_task', idColumn: 'tkiid', columns: HUMAN_TASK_WRITTEN_COLUMNS, kind: 'human task', maxBytes: limits.humanTaskMaxBytes, recorder: HUMAN_TASK_CHANGES, idOf: (task) => task.tkiid }),
    get: async (tkiid) => await documents.get(tkiid),
    update: async (tkiid, change, context) => await documents.update(tkiid, change, context),
    updateMany: async (tkiids, change, context): Promise<BulkUpdateOutcome[]> => await documents.updateMany(tkiids, change, context),
    delete: async (tkiid, context) => await documents.delete(tkiid, context),
    async query (query: HumanTaskQuery) {
      const params: unknown[] = []
      const where = humanTaskWhereSql(query, dialect, params)
      // One read transaction, so the page and the total agree.
      return db.transaction(() => {
        const entries = documents.prepared(`SELECT rowid, octet_length(document) AS bytes FROM human_task${where} ORDER BY ${humanTaskOrderBySql(query.sort)} LIMIT ? OFFSET ?`)
          .all(...params, query.limit, query.offset) as Array<{ rowid: number, bytes: number }>
        const total = documents.prepared(`SELECT count(*) FROM human_task${where}`).pluck().get(...params) as number
        return { total, items: documents.batches(entries.map((entry) => ({ key: entry.rowid, bytes: entry.bytes }))) }
      })()
    },
    deleteExpired: async (now, limit) =>
      ({ deleted: await documents.deleteWhere('deletable_at <= ?', 'deletable_at', [now.getTime()], limit, now), yielded: false })
  }
}

export function openSqliteStore ({ filename, busyTimeoutMs = 5000, limits = DEFAULT_STORE_LIMITS }: SqliteStoreOptions): TaskStore {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true })
  const db = new Database(filename)
  db.pragma(`busy_timeout = ${busyTimeoutMs}`)
  if (filename !== ':memory:') {
    db.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before the client hears about it, so an acknowledged
    // write survives a crash of the process or of the machine.
    db.pragma('synchronous = FULL')
  }
  migrate(db)
  const checkpointer = filename === ':memory:' ? undefined : startWalCheckpointer(db, filename)
  // Statistics for the query planner: with them, a sorted, filtered page reads the sort
  // column's index until it has the page, instead of sorting every match. SQLite's own
  // advice: `optimize` at open (0x10002 also analyzes tables that have no statistics
  // yet), then now and then; analysis_limit bounds its cost on large tables.
  db.pragma('analysis_limit = 1000')
  refreshStatistics(db, 'PRAGMA optimize = 0x10002')
  const statistics = setInterval(() => { refreshStatistics(db, 'PRAGMA optimize') }, STATISTICS_INTERVAL_MS)
  statistics.unref()
  const writes = new GroupCommit(db)
  const log = new SqliteChangeLog(db)
  const idempotency = new SqliteIdempotency(db)
  const ping = db.prepare('SELECT 1')
  // A plain object of functions, as the wrappers (translatingBusy, the metrics) expect.
  const changeLog: ChangeLog = {
    changesSince: async (sequence, limit, filter) => await log.changesSince(sequence, limit, filter),
    async * history (family, id, offset, limit) { yield * log.history(family, id, offset, limit) },
    head: async () => await log.head(),
    trimmedThrough: async () => await log.trimmedThrough(),
    trimBefore: async (cutoff, limit) => await log.trimBefore(cutoff, limit)
  }
  // A file may be shared with other processes; memory is this process's alone.
  const commits = new CommitSignals(filename === ':memory:' ? undefined : dataVersionPoll(db))
  return {
    taskStatuses: signallingWrites(translatingBusy(taskStatusRepository(db, writes, limits, log, idempotency)), commits),
    humanTasks: signallingWrites(translatingBusy(humanTaskRepository(db, writes, limits, log, idempotency)), commits),
    webhooks: translatingBusy(sqliteWebhookRepository(db, writes)),
    changeLog: translatingBusy(changeLog),
    commits,
    idempotency: translatingBusy(idempotency.repository(writes)),
    ping: async () => { ping.get() },
    close: async () => {
      commits.close()
      clearInterval(statistics)
      await writes.settled()
      await checkpointer?.close()
      refreshStatistics(db, 'PRAGMA optimize')
      db.close()
    }
  }
}
