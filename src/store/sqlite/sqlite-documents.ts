// A table of JSON documents keyed by id, with a version per row: the read, write and
// read-modify-write every SQLite repository shares. Calls are synchronous, so a
// read-modify-write cannot interleave with another request of this process, and
// BEGIN IMMEDIATE takes the file's write lock first, so it cannot interleave with
// another process on the same file either.
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import type { Stored, UpdateOutcome } from '../task-store.js'

interface Row { id: string, version: number, document: string }

// Ids travel as one JSON array parameter, so a chunk is never limited by SQLite's
// maximum number of bound variables.
const MANY_CHUNK = 2000

export class SqliteDocuments<T> {
  readonly #db: Database.Database
  readonly #statements = new Map<string, Statement>()
  readonly #insert: Statement
  readonly #get: Statement<[string], Row>
  readonly #getMany: Statement<[string], Row>
  readonly #update: Statement
  readonly #delete: Statement

  constructor (db: Database.Database, table: string, idColumn: string) {
    this.#db = db
    this.#insert = db.prepare(`INSERT INTO ${table} (${idColumn}, version, document) VALUES (?, 1, ?)`)
    this.#get = db.prepare(`SELECT ${idColumn} AS id, version, document FROM ${table} WHERE ${idColumn} = ?`)
    this.#getMany = db.prepare(`SELECT ${idColumn} AS id, version, document FROM ${table} WHERE ${idColumn} IN (SELECT value FROM json_each(?))`)
    this.#update = db.prepare(`UPDATE ${table} SET version = ?, document = ? WHERE ${idColumn} = ?`)
    this.#delete = db.prepare(`DELETE FROM ${table} WHERE ${idColumn} = ?`)
  }

  static stored<T>(row: { version: number, document: string }): Stored<T> {
    return { document: JSON.parse(row.document) as T, version: row.version }
  }

  // Query shapes vary with the filters; preparing each shape once saves the parse on
  // every request. The cache is bounded because shapes come from clients.
  prepared (sql: string): Statement {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      if (this.#statements.size >= 200) this.#statements.clear()
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  insert (id: string, document: T): Stored<T> {
    this.#insert.run(id, JSON.stringify(document))
    return { document, version: 1 }
  }

  get (id: string): Stored<T> | undefined {
    const row = this.#get.get(id)
    return row === undefined ? undefined : SqliteDocuments.stored<T>(row)
  }

  update (id: string, change: (current: Stored<T>) => T): Stored<T> | undefined {
    return this.#db.transaction(() => {
      const row = this.#get.get(id)
      if (row === undefined) return undefined
      return this.#write(id, SqliteDocuments.stored<T>(row), change)
    }).immediate()
  }

  updateMany (ids: readonly string[], change: (current: Stored<T>) => T): Array<UpdateOutcome<T>> {
    const outcomes: Array<UpdateOutcome<T>> = []
    for (let start = 0; start < ids.length; start += MANY_CHUNK) {
      const chunk = ids.slice(start, start + MANY_CHUNK)
      this.#db.transaction(() => {
        const rows = new Map(this.#getMany.all(JSON.stringify(chunk)).map((row) => [row.id, row]))
        for (const id of chunk) {
          const row = rows.get(id)
          if (row === undefined) {
            outcomes.push({ id, outcome: 'missing' })
            continue
          }
          try {
            outcomes.push({ id, outcome: 'updated', stored: this.#write(id, SqliteDocuments.stored<T>(row), change) })
          } catch (error) {
            outcomes.push({ id, outcome: 'refused', error: error as Error })
          }
        }
      }).immediate()
    }
    return outcomes
  }

  #write (id: string, current: Stored<T>, change: (current: Stored<T>) => T): Stored<T> {
    const document = change(current)
    const version = current.version + 1
    this.#update.run(version, JSON.stringify(document), id)
    return { document, version }
  }

  delete (id: string): boolean {
    return this.#delete.run(id).changes > 0
  }
}
