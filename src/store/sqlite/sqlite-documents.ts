// A table of JSON documents keyed by id, with a version per row and the columns the
// list queries filter and sort on: the read, write and read-modify-write every SQLite
// repository shares. Calls are synchronous, so a read-modify-write cannot interleave
// with another request of this process, and BEGIN IMMEDIATE takes the file's write lock
// first, so it cannot interleave with another process on the same file either.
//
// The indexed columns are written with the document, from the same object, rather than
// generated from it by SQLite: a generated column makes every write re-extract it from
// the JSON for every index, changed or not. A write sets only the columns whose value
// changed, so an update touches only the indexes it must.
//
// Every write appends its change-log entry in the same transaction (the group commit's
// savepoint of that write, or the bulk slice), so a crash leaves neither without the other;
// so does the record of a write made with an Idempotency-Key (sqlite-idempotency.ts),
// which a bulk update writes in each of its slices.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { pauseForIo } from '../io-turn.js'
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import { BulkTooLargeError } from '../../errors.js'
import { createdEntry, deletedEntry, SYSTEM_PRINCIPAL, updatedEntry, type ChangeContext, type ChangeRecorder } from '../change-log.js'
import { withinDocumentBound, type DocumentBounds } from '../document-size.js'
import { pageBatches, type DocumentBatches, type PageEntry } from '../page-batches.js'
import { BatchedPointReads } from '../point-reads.js'
import { RETENTION_BATCH_ROWS, type Stored, type UpdateOutcome } from '../task-store.js'
import { storedFromJson, storedWithJson } from '../stored-json.js'
import { GroupCommit } from './group-commit.js'
import type { SqliteChangeLog } from './sqlite-change-log.js'
import type { SqliteIdempotency } from './sqlite-idempotency.js'
import { CommittedOutcomes, newOwner, resumption } from '../idempotency.js'

// rowid: a write finds its row by rowid, read in the same transaction, instead of looking
// the id up in the primary key's index a second time.
interface Row { rowid: number, version: number, document: string }
interface SizedId { id: string, bytes: number }

export type ColumnValue = string | number | null

/** A column kept in step with the document, for filters, sorts and their indexes. */
export interface IndexedColumn<T> {
  name: string
  value: (document: T) => ColumnValue
}

/** The integer SQLite's json_extract gives for a field: numbers, 1 and 0 for booleans. */
export function integerField (value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0
  return typeof value === 'number' ? value : null
}

// An update of many documents reads their sizes this many ids a query (ids travel as
// one JSON array parameter, so never limited by SQLite's number of bound variables),
// then writes them in transactions of about this long, commit included, and this many bytes.
const SIZES_SLICE = 1000
const MANY_SLICE_MS = 12
const MANY_SLICE_BYTES = 1024 * 1024

// Distinct query shapes kept prepared; shapes come from clients, so the cache is bounded.
const MAX_SHAPES = 500

export class SqliteDocuments<T> {
  readonly #db: Database.Database
  readonly #writes: GroupCommit
  readonly #table: string
  readonly #columns: ReadonlyArray<IndexedColumn<T>>
  readonly #statements = new Map<string, Statement>()
  readonly #updates = new Map<number, Statement>()
  readonly #insert: Statement
  readonly #get: Statement<[string], Row>
  readonly #sizes: Statement<[string], SizedId>
  readonly #byRowids: Statement<[string], Row>
  readonly #delete: Statement
  readonly #idColumn: string
  readonly #bounds: DocumentBounds
  readonly #log: SqliteChangeLog
  readonly #recorder: ChangeRecorder<T>
  readonly #idempotency: SqliteIdempotency
  readonly #pointReads: BatchedPointReads<Row>

  constructor (db: Database.Database, writes: GroupCommit, table: string, idColumn: string, columns: ReadonlyArray<IndexedColumn<T>>, bounds: DocumentBounds, log: SqliteChangeLog, recorder: ChangeRecorder<T>, idempotency: SqliteIdempotency) {
    this.#db = db
    this.#idempotency = idempotency
    this.#log = log
    this.#recorder = recorder
    this.#writes = writes
    this.#table = table
    this.#columns = columns
    this.#bounds = bounds
    this.#idColumn = idColumn
    const names = columns.map((column) => `, ${column.name}`).join('')
    const placeholders = columns.map(() => ', ?').join('')
    this.#insert = db.prepare(`INSERT INTO ${table} (${idColumn}, version, document${names}) VALUES (?, 1, ?${placeholders})`)
    this.#get = db.prepare(`SELECT rowid, version, document FROM ${table} WHERE ${idColumn} = ?`)
    // octet_length reads the size from the record, not the document's pages.
    this.#sizes = db.prepare(`SELECT ${idColumn} AS id, octet_length(document) AS bytes FROM ${table} WHERE ${idColumn} IN (SELECT value FROM json_each(?))`)
    this.#byRowids = db.prepare(`SELECT rowid, version, document FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?))`)
    // One read transaction for the batch: the WAL's read lock is taken and released once.
    const readBatch = db.transaction((ids: readonly string[]) => {
      const rows = new Map<string, Row>()
      for (const id of ids) {
        const row = this.#get.get(id)
        if (row !== undefined) rows.set(id, row)
      }
      return rows
    })
    this.#pointReads = new BatchedPointReads(async (ids) => readBatch(ids))
    // What the delete's entry says of the document: its version and subject, as deleted.
    this.#delete = db.prepare(`DELETE FROM ${table} WHERE ${idColumn} = ? RETURNING version, ${Object.values(recorder.subjectColumns).join(', ')}`)
  }

  // Query shapes vary with the filters; each is prepared once and kept. Past the bound,
  // a shape is prepared for the one call and left to the collector.
  prepared (sql: string): Statement {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = this.#db.prepare(sql)
      if (this.#statements.size < MAX_SHAPES) this.#statements.set(sql, statement)
    }
    return statement
  }

  /**
   * The page a query selects, read in batches. `pageSql` selects `rowid` and
   * `octet_length(document) AS bytes` of the page's rows, in the page's order.
   */
  page (pageSql: string, params: readonly unknown[]): DocumentBatches<T> {
    const entries = this.prepared(pageSql).all(...params) as Array<{ rowid: number, bytes: number }>
    return this.batches(entries.map((entry) => ({ key: entry.rowid, bytes: entry.bytes })))
  }

  /** The documents of `entries` (by rowid), read in batches. */
  batches (entries: ReadonlyArray<PageEntry<number>>): DocumentBatches<T> {
    return pageBatches(entries, async (rowids) => new Map(this.#byRowids.all(JSON.stringify(rowids))
      .map((row) => [row.rowid, storedFromJson<T>(row.document, row.version)])))
  }

  async insert (id: string, document: T, context?: ChangeContext): Promise<Stored<T>> {
    return await this.#writes.run(() => {
      this.#idempotency.check(context?.idempotency)
      const json = withinDocumentBound(JSON.stringify(document), this.#bounds.maxBytes, this.#bounds.kind)
      this.#insert.run(id, json, ...this.#columns.map((column) => column.value(document)))
      this.#log.append(createdEntry(this.#recorder, id, document, json, context))
      const stored = storedWithJson(document, json, 1)
      this.#idempotency.record(context?.idempotency, stored)
      return stored
    })
  }

  async get (id: string): Promise<Stored<T> | undefined> {
    const row = await this.#pointReads.get(id)
    return row === undefined ? undefined : storedFromJson<T>(row.document, row.version)
  }

  async update (id: string, change: (current: Stored<T>) => T, context?: ChangeContext): Promise<Stored<T> | undefined> {
    return await this.#writes.run(() => {
      this.#idempotency.check(context?.idempotency)
      const row = this.#get.get(id)
      if (row === undefined) return undefined
      const stored = this.#write(id, row.rowid, storedFromJson<T>(row.document, row.version), change, context)
      this.#idempotency.record(context?.idempotency, stored)
      return stored
    })
  }

  async delete (id: string, context?: ChangeContext): Promise<boolean> {
    return await this.#writes.run(() => {
      const deleted = this.#delete.get(id) as ({ version: number } & Record<string, unknown>) | undefined
      if (deleted === undefined) return false
      this.#log.append(deletedEntry(this.#recorder, id, deleted.version, deleted, context))
      return true
    })
  }

  /**
   * Retention: deletes at most `limit` rows that meet `condition` (SQL over the table's
   * columns, with `params`), first in `order`, each logged as SYSTEM_PRINCIPAL's delete
   * at `now`, in one write transaction (the group commit's: SQLite has one writer at a
   * time, across processes, so no two sweepers delete the same row). Resolves to how many.
   */
  async deleteWhere (condition: string, order: string, params: readonly unknown[], limit: number, now: Date): Promise<number> {
    const statement = this.prepared(`DELETE FROM ${this.#table} WHERE rowid IN (SELECT rowid FROM ${this.#table} WHERE ${condition} ORDER BY ${order} LIMIT ?)
      RETURNING ${this.#idColumn} AS id, version, ${Object.values(this.#recorder.subjectColumns).join(', ')}`)
    const context = { principal: SYSTEM_PRINCIPAL, time: now }
    return await this.#writes.run(() => {
      const deleted = statement.all(...params, Math.min(limit, RETENTION_BATCH_ROWS)) as Array<{ id: string, version: number } & Record<string, unknown>>
      for (const row of deleted) this.#log.append(deletedEntry(this.#recorder, row.id, row.version, row, context))
      return deleted.length
    })
  }

  // Many documents changed alike. The sizes of the listed documents come first (they
  // bound what the call may cost), read a slice of ids at a time; then the changes, in
  // transactions of about MANY_SLICE_MS of work each, outside the group commit, each
  // document on its own (a refused change fails that document only). Between slices the
  // event loop serves other requests: SQLite's calls hold it while they run. A key's
  // record is written in every slice, with the outcomes committed so far, so that a
  // retry after a crash between slices goes on from the first id not committed
  // (store/idempotency.ts); the last slice completes it with the response.
  async updateMany (ids: readonly string[], change: (current: Stored<T>) => T, context?: ChangeContext): Promise<UpdateOutcome[]> {
    const idempotency = context?.idempotency
    const owner = newOwner()
    let committed = new CommittedOutcomes()
    let fresh = true
    if (idempotency !== undefined) {
      const start = resumption(idempotency, this.#idempotency.progressRow(idempotency), Date.now())
      if (start.takeOver) {
        const progress = await this.#writes.run(() => this.#idempotency.takeOver(idempotency, start.from, owner))
        committed = CommittedOutcomes.of(ids, progress)
        fresh = false
      }
    }
    let next = committed.outcomes.length
    const sizes = new Map<string, number>()
    let total = 0
    for (let start = next; start < ids.length; start += SIZES_SLICE) {
      if (start > next) await nextTurn()
      for (const row of this.#sizes.all(JSON.stringify(ids.slice(start, start + SIZES_SLICE)))) {
        sizes.set(row.id, row.bytes)
        total += row.bytes
      }
    }
    if (total > this.#bounds.bulkMaxWriteBytes) throw new BulkTooLargeError(total, this.#bounds.bulkMaxWriteBytes)
    // What is written is bounded as well as what is read: documents may grow in between.
    const budget = { remaining: this.#bounds.bulkMaxWriteBytes }
    // The commit costs more the more rows a slice wrote, so the time given to the rows
    // follows what the whole transaction took last time.
    let workMs = MANY_SLICE_MS / 2
    const slice = this.#db.transaction((): { added: UpdateOutcome[], progress: string } => {
      const started = performance.now()
      const remaining = budget.remaining
      if (fresh) this.#idempotency.check(idempotency)
      const added: UpdateOutcome[] = []
      do {
        const id = ids[next++] as string
        const row = sizes.has(id) ? this.#get.get(id) : undefined
        if (row === undefined) {
          added.push({ id, outcome: 'missing' })
          continue
        }
        try {
          added.push({ id, outcome: 'updated', version: this.#write(id, row.rowid, storedFromJson<T>(row.document, row.version), change, context, budget).version })
        } catch (error) {
          added.push({ id, outcome: 'refused', error: error as Error })
        }
      } while (next < ids.length && performance.now() - started < workMs && remaining - budget.remaining < MANY_SLICE_BYTES)
      if (idempotency === undefined) return { added, progress: '' }
      if (next === ids.length) {
        this.#idempotency.advance(idempotency, owner, fresh, { result: [...committed.outcomes, ...added] })
        return { added, progress: '' }
      }
      const progress = committed.textWith(added)
      this.#idempotency.advance(idempotency, owner, fresh, { progress })
      return { added, progress }
    })
    for (let slices = 0; next < ids.length; slices++) {
      if (slices > 0) await pauseForIo()
      const started = performance.now()
      const { added, progress } = slice.immediate()
      committed.commit(added, progress)
      fresh = false
      const took = performance.now() - started
      workMs = Math.min(Math.max(workMs * MANY_SLICE_MS / Math.max(took, 0.1), 0.5), MANY_SLICE_MS)
    }
    return committed.outcomes
  }

  #write (id: string, rowid: number, current: Stored<T>, change: (current: Stored<T>) => T, context: ChangeContext | undefined, budget?: { remaining: number }): Stored<T> {
    const document = change(current)
    const version = current.version + 1
    const values: ColumnValue[] = []
    let changed = 0
    this.#columns.forEach((column, index) => {
      const value = column.value(document)
      if (value !== column.value(current.document)) {
        changed |= 1 << index
        values.push(value)
      }
    })
    const json = withinDocumentBound(JSON.stringify(document), this.#bounds.maxBytes, this.#bounds.kind)
    if (budget !== undefined) {
      if (json.length > budget.remaining) throw new BulkTooLargeError(this.#bounds.bulkMaxWriteBytes - budget.remaining + json.length, this.#bounds.bulkMaxWriteBytes)
      budget.remaining -= json.length
    }
    // The entry is made before either write, so that nothing it throws leaves one without the other.
    const entry = updatedEntry(this.#recorder, id, current.document, document, version, context)
    this.#updateStatement(changed).run(version, json, ...values, rowid)
    this.#log.append(entry)
    return storedWithJson(document, json, version)
  }

  // One UPDATE per set of changed columns, prepared on first use (at most 2^columns).
  #updateStatement (changed: number): Statement {
    let statement = this.#updates.get(changed)
    if (statement === undefined) {
      const sets = this.#columns.filter((_, index) => (changed & (1 << index)) !== 0).map((column) => `, ${column.name} = ?`).join('')
      statement = this.#db.prepare(`UPDATE ${this.#table} SET version = ?, document = ?${sets} WHERE rowid = ?`)
      this.#updates.set(changed, statement)
    }
    return statement
  }
}
