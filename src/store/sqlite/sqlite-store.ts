// The embedded store: one SQLite file (or memory) through better-sqlite3. Calls are
// synchronous, so a read-modify-write in one process cannot interleave with another
// request; BEGIN IMMEDIATE takes the file's write lock first, so it cannot interleave
// with another process on the same file either.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database, { type Statement } from 'better-sqlite3'
import type { TaskStatusCondition, TaskStatusQuery } from '../../domain/task-status-query.js'
import type { TaskStatus } from '../../domain/task-status.js'
import { bind, orderBySql, whereSql, type SqlDialect } from '../sql/task-status-sql.js'
import type { Stored, TaskStatusRepository, TaskStore } from '../task-store.js'
import { MIGRATIONS } from './migrations.js'

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a store that lives as long as the process. */
  filename: string
  /** How long a writer waits for another process's write lock, in ms. */
  busyTimeoutMs?: number
}

// GLOB is case-sensitive (LIKE is not, in SQLite) and can use the column's index.
const dialect: SqlDialect = {
  placeholder: () => '?',
  startsWith: (column, params, prefix) => `${column} GLOB ${bind(dialect, params, prefix.replace(/[*?[]/g, '[$&]') + '*')}`
}

interface Row { id: string, version: number, document: string }

function toStored (row: Row): Stored<TaskStatus> {
  return { document: JSON.parse(row.document), version: row.version }
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

class SqliteTaskStatusRepository implements TaskStatusRepository {
  readonly #db: Database.Database
  readonly #statements = new Map<string, Statement>()
  readonly #insert: Statement
  readonly #get: Statement<[string], Row>
  readonly #update: Statement
  readonly #delete: Statement

  constructor (db: Database.Database) {
    this.#db = db
    this.#insert = db.prepare('INSERT INTO task_status (id, version, document) VALUES (?, 1, ?)')
    this.#get = db.prepare('SELECT id, version, document FROM task_status WHERE id = ?')
    this.#update = db.prepare('UPDATE task_status SET version = ?, document = ? WHERE id = ?')
    this.#delete = db.prepare('DELETE FROM task_status WHERE id = ?')
  }

  // List queries vary with the filter's shape; preparing each shape once saves the
  // parse on every request. The cache is bounded because shapes come from clients.
  #prepared (sql: string): Statement {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      if (this.#statements.size >= 200) this.#statements.clear()
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  async insert (document: TaskStatus): Promise<Stored<TaskStatus>> {
    this.#insert.run(document.id, JSON.stringify(document))
    return { document, version: 1 }
  }

  async get (id: string): Promise<Stored<TaskStatus> | undefined> {
    const row = this.#get.get(id)
    return row === undefined ? undefined : toStored(row)
  }

  async update (id: string, change: (current: Stored<TaskStatus>) => TaskStatus): Promise<Stored<TaskStatus> | undefined> {
    return this.#db.transaction(() => {
      const row = this.#get.get(id)
      if (row === undefined) return undefined
      const current = toStored(row)
      const document = change(current)
      const version = current.version + 1
      this.#update.run(version, JSON.stringify(document), id)
      return { document, version }
    }).immediate()
  }

  async delete (id: string): Promise<boolean> {
    return this.#delete.run(id).changes > 0
  }

  async list (query: TaskStatusQuery): Promise<Array<Stored<TaskStatus>>> {
    const params: unknown[] = []
    const where = query.filter === undefined ? '' : ` WHERE ${whereSql(query.filter, dialect, params)}`
    const sql = `SELECT id, version, document FROM task_status${where} ORDER BY ${orderBySql(query.sort)} LIMIT ? OFFSET ?`
    const rows = this.#prepared(sql).all(...params, query.limit, query.offset) as Row[]
    return rows.map(toStored)
  }

  async count (filter: TaskStatusCondition | undefined): Promise<number> {
    const params: unknown[] = []
    const where = filter === undefined ? '' : ` WHERE ${whereSql(filter, dialect, params)}`
    return this.#prepared(`SELECT count(*) FROM task_status${where}`).pluck().get(...params) as number
  }
}

export function openSqliteStore ({ filename, busyTimeoutMs = 5000 }: SqliteStoreOptions): TaskStore {
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
  const taskStatuses = new SqliteTaskStatusRepository(db)
  return {
    taskStatuses,
    close: async () => { db.close() }
  }
}
