// The documents of both families in PostgreSQL. A read-modify-write writes only over the
// version it read, so no update is lost: unkeyed, it reads without a lock and tries again
// when overtaken (update says why); keyed, or overtaken too often, it takes the row lock
// (SELECT … FOR UPDATE) before reading, and a concurrent writer in any instance waits for
// its commit. Statements that update several rows lock them in id order first, so two of
// them cannot deadlock, and a single-row writer holds one row lock at a time. Each write
// appends its change-log entry in the statement or transaction that writes the document
// (postgres-change-log.ts says how readers read the log without gaps).
import { setImmediate as nextTurn } from 'node:timers/promises'
import pg from 'pg'
import type { HumanTask } from '../../domain/human-task.js'
import type { HumanTaskQuery } from '../../domain/human-task-query.js'
import type { TaskStatusCondition, TaskStatusQuery } from '../../domain/task-status-query.js'
import type { TaskStatus } from '../../domain/task-status.js'
import { BulkTooLargeError } from '../../errors.js'
import { changeAuthor, createdEntry, SYSTEM_PRINCIPAL, updatedEntry, type ChangeContext, type ChangeDraft, type ChangeRecorder } from '../change-log.js'
import { HUMAN_TASK_CHANGES, TASK_STATUS_CHANGES } from '../change-recorders.js'
import { sizedChunks } from '../bulk-chunks.js'
import { withinDocumentBound, type DocumentBounds } from '../document-size.js'
import { pageBatches, type DocumentBatches } from '../page-batches.js'
import { BatchedPointReads } from '../point-reads.js'
import { BatchedPointWrites, type PointWrite } from '../point-writes.js'
import { humanTaskOrderBySql, humanTaskWhereSql, type HumanTaskDialect } from '../sql/human-task-sql.js'
import { bind } from '../sql/sql-dialect.js'
import { orderBySql, whereSql } from '../sql/task-status-sql.js'
import { RETENTION_BATCH_ROWS, type RetentionBatch, type BulkUpdateOutcome, type HumanTaskRepository, type Stored, type StoreLimits, type TaskStatusRepository, type UpdateOutcome } from '../task-store.js'
import { storedFromJson, storedWithJson } from '../stored-json.js'
import { CommittedOutcomes, newOwner, resumption } from '../idempotency.js'
import { advanceIdempotency, awaitIdempotencyLock, checkIdempotency, progressRowOf, recordIdempotency, takeOverIdempotency } from './postgres-idempotency.js'
import { APPEND_ENTRIES_SQL, entryArrays, jsonArray, jsonElements } from './postgres-change-log.js'
import { translated } from './postgres-faults.js'
import { inTransaction, onConnection, tookRetentionLock } from './postgres-transactions.js'
import { postgresInsertMany } from './postgres-bulk-load.js'
import { HUMAN_TASK_WRITTEN_COLUMNS, TASK_STATUS_WRITTEN_COLUMNS, type WrittenColumn } from './postgres-columns.js'

const dialect: HumanTaskDialect = {
  placeholder: (params) => `$${params.length + 1}`,
  startsWith: (column, params, prefix) => `${column} LIKE ${bind(dialect, params, prefix.replace(/[\\%_]/g, '\\$&') + '%')}`,
  customPropertyEquals: (params, name, value) =>
    `(document->'customProperties'->>${bind(dialect, params, name)}) = ${bind(dialect, params, value)}`,
  boolean: (value) => value
}

// `document` is json: its text, as the json type parser below leaves it.
interface Row { id: string, version: number, document: string }

/** The next version of a document (its entry's), written over the one before it, and its change-log entry. */
interface VersionWrite extends PointWrite {
  json: string
  entry: ChangeDraft
  /** The values of the written columns, in their order. */
  columns: unknown[]
}

// Ids per transaction of updateMany, and the bytes of their documents: what one chunk
// holds in memory, and how long its JavaScript work holds the event loop.
const MANY_CHUNK = 1000
const MANY_CHUNK_BYTES = 512 * 1024
// The longest a chunk's changes run before the event loop serves other requests: the
// chunk's transaction (and its row locks) stays open across those turns.
const MANY_TURN_MS = 8

// Reads of an unkeyed update that another write may overtake before it takes the row lock.
const OPTIMISTIC_UPDATE_ATTEMPTS = 3

const ENTRY_INSERT = 'INSERT INTO change_log (txid, time, family, entity_id, version, kind, principal, subject, changes, changes_bytes)'

// A statement of fixed text, named so that each connection parses and plans it once and
// then only binds and executes it.
interface NamedStatement { name: string, text: string }

class PostgresDocuments<T> {
  readonly #pool: pg.Pool
  readonly #select: string
  readonly #statements: Record<'insert' | 'getMany' | 'getForUpdate' | 'update' | 'updateEach' | 'delete', NamedStatement>
  readonly #bounds: DocumentBounds
  readonly #recorder: ChangeRecorder<T>
  readonly #pointReads: BatchedPointReads<Row>
  readonly #pointWrites: BatchedPointWrites<VersionWrite>

  constructor (pool: pg.Pool, readonly table: string, readonly idColumn: string, bounds: DocumentBounds, recorder: ChangeRecorder<T>, readonly written: ReadonlyArray<WrittenColumn<T>>) {
    this.#pool = pool
    this.#bounds = bounds
    this.#recorder = recorder
    const writtenNames = written.map((column) => `, ${column.name}`).join('')
    const writtenValues = (first: number): string => written.map((_, index) => `, $${first + index}`).join('')
    const writtenSets = (first: number): string => written.map((column, index) => `, ${column.name} = $${first + index}`).join('')
    this.#select = `SELECT ${idColumn} AS id, version, document FROM ${table}`
    const named = (name: string, text: string): NamedStatement => ({ name: `taskd_${table}_${name}`, text })
    // Each entry's sequence value is taken by a statement that reads the rows the same
    // statement wrote (or after the transaction locked its row): the transaction has its
    // id by then, which the readers' watermark relies on.
    const subject = Object.entries(recorder.subjectColumns).map(([field, column]) => `'${field}', deleted.${column}`).join(', ')
    this.#statements = {
      insert: named('insert', `WITH doc AS (INSERT INTO ${table} (${idColumn}, version, document${writtenNames}) VALUES ($1, 1, $2${writtenValues(7)}) RETURNING ${idColumn} AS id)
        ${ENTRY_INSERT} SELECT pg_current_xact_id(), $3, '${recorder.family}', doc.id, 1, 'create', $4, $5, $2, $6 FROM doc`),
      getMany: named('get_many', `${this.#select} WHERE ${idColumn} = ANY($1::text[])`),
      getForUpdate: named('get_for_update', `${this.#select} WHERE ${idColumn} = $1 FOR UPDATE`),
      // Writes only over the version read (the row is then locked, or the read was not),
      // and says whether it wrote by the entry it returns.
      update: named('update', `WITH updated AS (UPDATE ${table} SET version = $2, document = $3${writtenSets(10)} WHERE ${idColumn} = $1 AND version = $2 - 1 RETURNING ${idColumn} AS id)
        ${ENTRY_INSERT} SELECT pg_current_xact_id(), $4, '${recorder.family}', updated.id, $2, $5, $6, $7, $8, $9 FROM updated RETURNING version`),
      // The update statement's writes, one per id: their entries as APPEND_ENTRIES_SQL
      // takes them (entryArrays), then their documents as one JSON array (jsonArray) and
      // their written columns. Their rows are locked in id order, each is written only
      // over the version before its entry's, and the ids returned are those written.
      updateEach: named('update_each', `WITH v AS (SELECT e.*, d.value AS document, s.value AS subject, c.value AS changes
          FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $9::integer[]${written.map((column, index) => `, $${11 + index}::${column.type}[]`).join('')})
            WITH ORDINALITY AS e(time, family, id, version, kind, principal, changes_bytes${written.map((_, index) => `, c${index}`).join('')}, position)
          JOIN ${jsonElements('$10', 'd')} ON d.position = e.position
          JOIN ${jsonElements('$7', 's')} ON s.position = e.position
          JOIN ${jsonElements('$8', 'c')} ON c.position = e.position),
        locked AS (SELECT ${idColumn} AS id FROM ${table} WHERE ${idColumn} = ANY($3::text[]) ORDER BY ${idColumn} FOR UPDATE),
        updated AS (UPDATE ${table} AS t SET version = v.version, document = v.document${written.map((column, index) => `, ${column.name} = v.c${index}`).join('')}
          FROM v JOIN locked ON locked.id = v.id WHERE t.${idColumn} = v.id AND t.version = v.version - 1 RETURNING t.${idColumn} AS id)
        ${ENTRY_INSERT} SELECT pg_current_xact_id(), v.time, v.family, v.id, v.version, v.kind, v.principal, v.subject, v.changes, v.changes_bytes
        FROM updated JOIN v ON v.id = updated.id ORDER BY v.position RETURNING entity_id AS id`),
      delete: named('delete', `WITH deleted AS (DELETE FROM ${table} WHERE ${idColumn} = $1 RETURNING ${idColumn} AS id, version, ${Object.values(recorder.subjectColumns).join(', ')})
        ${ENTRY_INSERT} SELECT pg_current_xact_id(), $2, '${recorder.family}', deleted.id, deleted.version + 1, 'delete', $3, json_build_object(${subject}), NULL, 0 FROM deleted`)
    }
    this.#pointReads = new BatchedPointReads(async (ids) => new Map((await this.query<Row>(this.#statements.getMany, [ids])).map((row) => [row.id, row])))
    // On a connection of its own rather than pool.query's, which would close it after a
    // lock_timeout: the statement waits for row locks.
    this.#pointWrites = new BatchedPointWrites(async (writes) => await onConnection(pool, async (client) => new Set((await client.query<{ id: string }>({
      ...this.#statements.updateEach,
      values: [
        ...entryArrays(writes.map((write) => write.entry)),
        jsonArray(writes.map((write) => write.json)),
        ...this.written.map((_, index) => writes.map((write) => write.columns[index]))
      ]
    })).rows.map((row) => row.id))))
  }

  async query<R extends pg.QueryResultRow>(sql: string | NamedStatement, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(typeof sql === 'string' ? { text: sql, values: params } : { ...sql, values: params })).rows
    } catch (error) {
      throw translated(error)
    }
  }

  async transaction<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    return await inTransaction(this.#pool, work)
  }

  /**
   * The page a query selects, read in batches. `pageSql` selects `id` and
   * `octet_length(document::text) AS bytes` of the page's rows, in the page's order.
   */
  async * page (pageSql: string, params: unknown[]): DocumentBatches<T> {
    const entries = await this.query<{ id: string, bytes: number }>(pageSql, params)
    yield * this.batches(entries.map((entry) => ({ key: entry.id, bytes: entry.bytes })))
  }

  /** The documents of `entries` (by id), read in batches. */
  batches (entries: ReadonlyArray<{ key: string, bytes: number }>): DocumentBatches<T> {
    return pageBatches(entries, async (ids) => new Map((await this.query<Row>(this.#statements.getMany, [ids]))
      .map((row) => [row.id, storedFromJson<T>(row.document, row.version)])))
  }

  #writtenValues (document: T): unknown[] {
    return this.written.map((column) => column.value(document))
  }

  #json (document: T): string {
    return withinDocumentBound(JSON.stringify(document), this.#bounds.maxBytes, this.#bounds.kind)
  }

  async insert (id: string, document: T, context?: ChangeContext): Promise<Stored<T>> {
    const json = this.#json(document)
    const entry = createdEntry(this.#recorder, id, document, json, context)
    const values = [id, json, entry.time, entry.principal, entry.subjectJson, json.length, ...this.#writtenValues(document)]
    const stored = storedWithJson(document, json, 1)
    const idempotency = context?.idempotency
    if (idempotency === undefined) {
      await this.query(this.#statements.insert, values)
      return stored
    }
    return await this.transaction(async (client) => {
      await checkIdempotency(client, idempotency)
      await client.query({ ...this.#statements.insert, values })
      await recordIdempotency(client, idempotency, stored)
      return stored
    })
  }

  async get (id: string): Promise<Stored<T> | undefined> {
    const row = await this.#pointReads.get(id)
    return row === undefined ? undefined : storedFromJson<T>(row.document, row.version)
  }

  async update (id: string, change: (current: Stored<T>) => T, context?: ChangeContext): Promise<Stored<T> | undefined> {
    // Without a key to record in the same transaction, the row is read without a lock and
    // written over the version read, each with the other reads and writes of its turn
    // (point-reads.ts, point-writes.ts) in statements that commit by themselves: two
    // round trips a turn instead of BEGIN, SELECT … FOR UPDATE, UPDATE and COMMIT per
    // update. A write in between makes it read again; a row written that often is then
    // updated under its lock.
    if (context?.idempotency === undefined) {
      for (let attempt = 0; attempt < OPTIMISTIC_UPDATE_ATTEMPTS; attempt++) {
        const row = await this.#pointReads.get(id)
        if (row === undefined) return undefined
        const next = this.#updateOf(row, change, context)
        if (await this.#pointWrites.write(next.write)) return next.stored
      }
    }
    return await this.transaction(async (client) => {
      await checkIdempotency(client, context?.idempotency)
      const [row] = (await client.query<Row>({ ...this.#statements.getForUpdate, values: [id] })).rows
      if (row === undefined) return undefined
      const { write, stored } = this.#updateOf(row, change, context)
      const { entry } = write
      await client.query({
        ...this.#statements.update,
        values: [write.id, entry.version, write.json, entry.time, entry.kind, entry.principal, entry.subjectJson, entry.changesJson, entry.changesJson?.length ?? 0, ...write.columns]
      })
      await recordIdempotency(client, context?.idempotency, stored)
      return stored
    })
  }

  /** The next version of the document in `row`: what writes it and its entry, and what the update answers. */
  #updateOf (row: Row, change: (current: Stored<T>) => T, context?: ChangeContext): { write: VersionWrite, stored: Stored<T> } {
    const current = storedFromJson<T>(row.document, row.version)
    const document = change(current)
    const json = this.#json(document)
    const version = row.version + 1
    const entry = updatedEntry(this.#recorder, row.id, current.document, document, version, context)
    return {
      write: { id: row.id, bytes: json.length + (entry.changesJson?.length ?? 0), json, entry, columns: this.#writtenValues(document) },
      stored: storedWithJson(document, json, version)
    }
  }

  // The sizes of the listed documents first (which bound what the call may cost), then
  // one transaction per chunk, bounded in ids and bytes. A key's record is written in
  // every chunk, with the outcomes of the ids up to the chunk's last, so that a retry
  // after a crash between chunks goes on from the first id not committed
  // (store/idempotency.ts); the last chunk completes it with the response.
  async updateMany (ids: readonly string[], change: (current: Stored<T>) => T, context?: ChangeContext): Promise<UpdateOutcome[]> {
    const idempotency = context?.idempotency
    const owner = newOwner()
    let committed = new CommittedOutcomes()
    let fresh = true
    if (idempotency !== undefined) {
      const start = resumption(idempotency, await progressRowOf(async (sql, params) => await this.query(sql, params), idempotency), Date.now())
      if (start.takeOver) {
        const progress = await this.transaction(async (client) => await takeOverIdempotency(client, idempotency, start.from, owner))
        committed = CommittedOutcomes.of(ids, progress)
        fresh = false
      }
    }
    const resumedAt = committed.outcomes.length
    const rest = ids.slice(resumedAt)
    const sizes = new Map((await this.query<{ id: string, bytes: number }>(
      `SELECT ${this.idColumn} AS id, octet_length(document::text) AS bytes FROM ${this.table} WHERE ${this.idColumn} = ANY($1::text[])`, [rest]))
      .map((row) => [row.id, row.bytes]))
    let total = 0
    for (const bytes of sizes.values()) total += bytes
    if (total > this.#bounds.bulkMaxWriteBytes) throw new BulkTooLargeError(total, this.#bounds.bulkMaxWriteBytes)
    const outcomes = new Map<string, UpdateOutcome>()
    const found: Array<{ id: string, bytes: number, position: number }> = []
    rest.forEach((id, index) => {
      const bytes = sizes.get(id)
      if (bytes === undefined) outcomes.set(id, { id, outcome: 'missing' })
      else found.push({ id, bytes, position: resumedAt + index })
    })
    // What is written is bounded as well as what is read: documents may grow in between.
    let budget = this.#bounds.bulkMaxWriteBytes
    const chunks = [...sizedChunks(found, MANY_CHUNK, MANY_CHUNK_BYTES)]
    // The outcomes of the ids from the first not committed up to `end`, once every one is known.
    const outcomesUpTo = (end: number): UpdateOutcome[] => ids.slice(committed.outcomes.length, end).map((id) => outcomes.get(id) as UpdateOutcome)
    // Writes the record, in the transaction of the chunk whose ids end just before `end`;
    // what it returns takes the chunk's outcomes in once that transaction has committed.
    const advance = async (client: pg.PoolClient, end: number): Promise<(() => void) | undefined> => {
      if (idempotency === undefined) return undefined
      const added = outcomesUpTo(end)
      if (end === ids.length) {
        await advanceIdempotency(client, idempotency, owner, fresh, { result: [...committed.outcomes, ...added] })
        return undefined
      }
      const progress = committed.textWith(added)
      await advanceIdempotency(client, idempotency, owner, fresh, { progress })
      return () => { committed.commit(added, progress) }
    }
    // Every id left missing: no chunk to write, but the outcome is still the key's to record.
    if (chunks.length === 0 && idempotency !== undefined) {
      await this.transaction(async (client) => {
        if (fresh) await checkIdempotency(client, idempotency)
        else await awaitIdempotencyLock(client, idempotency)
        await advance(client, ids.length)
      })
    }
    for (const [index, entries] of chunks.entries()) {
      const chunk = entries.map((entry) => entry.id)
      // The last chunk answers for the missing ids after it too.
      const end = index === chunks.length - 1 ? ids.length : (entries.at(-1)?.position ?? 0) + 1
      const committedChunk = await this.transaction(async (client) => {
        if (idempotency !== undefined) {
          if (fresh) await checkIdempotency(client, idempotency)
          else await awaitIdempotencyLock(client, idempotency)
        }
        const rows = (await client.query<Row>(`${this.#select} WHERE ${this.idColumn} = ANY($1::text[]) ORDER BY ${this.idColumn} FOR UPDATE`, [chunk])).rows
        const byId = new Map(rows.map((row) => [row.id, row]))
        const written: { ids: string[], versions: number[], documents: string[], columns: unknown[][] } = { ids: [], versions: [], documents: [], columns: this.written.map(() => []) }
        const entries: ChangeDraft[] = []
        let turnStarted = performance.now()
        for (const id of chunk) {
          if (performance.now() - turnStarted > MANY_TURN_MS) {
            await nextTurn()
            turnStarted = performance.now()
          }
          const row = byId.get(id)
          if (row === undefined) {
            outcomes.set(id, { id, outcome: 'missing' })
            continue
          }
          try {
            const current = storedFromJson<T>(row.document, row.version)
            const document = change(current)
            const json = this.#json(document)
            if (json.length > budget) throw new BulkTooLargeError(this.#bounds.bulkMaxWriteBytes - budget + json.length, this.#bounds.bulkMaxWriteBytes)
            const entry = updatedEntry(this.#recorder, id, current.document, document, row.version + 1, context)
            budget -= json.length
            entries.push(entry)
            written.ids.push(id)
            written.versions.push(row.version + 1)
            written.documents.push(json)
            this.#writtenValues(document).forEach((value, index) => { written.columns[index]?.push(value) })
            outcomes.set(id, { id, outcome: 'updated', version: row.version + 1 })
          } catch (error) {
            outcomes.set(id, { id, outcome: 'refused', error: error as Error })
          }
        }
        if (written.ids.length > 0) {
          const arrays = this.written.map((column, index) => `, $${index + 4}::${column.type}[]`).join('')
          const names = this.written.map((_, index) => `, c${index}`).join('')
          const sets = this.written.map((column, index) => `, ${column.name} = v.c${index}`).join('')
          await client.query(
            `UPDATE ${this.table} AS t SET version = v.version, document = d.value${sets}
             FROM unnest($1::text[], $2::integer[]${arrays}) WITH ORDINALITY AS v(id, version${names}, position)
             JOIN ${jsonElements('$3', 'd')} ON d.position = v.position
             WHERE t.${this.idColumn} = v.id`,
            [written.ids, written.versions, jsonArray(written.documents), ...written.columns])
          // The rows are locked and written: the transaction has its id (postgres-change-log.ts).
          await client.query(APPEND_ENTRIES_SQL, entryArrays(entries))
        }
        return await advance(client, end)
      })
      committedChunk?.()
      fresh = false
    }
    return [...committed.outcomes, ...outcomesUpTo(ids.length)]
  }

  /**
   * Retention: deletes at most `limit` rows that meet `condition` (SQL over the table's
   * columns with $1… for `params`), first in `order`, each logged as SYSTEM_PRINCIPAL's
   * delete at `now`, in one transaction that holds the retention lock; none when another
   * instance's batch holds it. A row another transaction has locked (a request updating
   * it) is left for the next batch, and `condition` is checked again on the row deleted.
   */
  async deleteWhere (condition: string, order: string, params: readonly unknown[], limit: number, now: Date): Promise<RetentionBatch> {
    const subject = Object.entries(this.#recorder.subjectColumns).map(([field, column]) => `'${field}', deleted.${column}`).join(', ')
    const next = params.length + 1
    // MATERIALIZED: the rows are chosen once, never re-planned into the DELETE's own scan.
    const sql = `WITH chosen AS MATERIALIZED (SELECT ${this.idColumn} AS id FROM ${this.table} WHERE ${condition} ORDER BY ${order} LIMIT $${next} FOR UPDATE SKIP LOCKED),
      deleted AS (DELETE FROM ${this.table} AS t USING chosen WHERE t.${this.idColumn} = chosen.id AND ${condition}
        RETURNING t.${this.idColumn} AS id, t.version, ${Object.values(this.#recorder.subjectColumns).map((column) => `t.${column}`).join(', ')})
      ${ENTRY_INSERT} SELECT pg_current_xact_id(), $${next + 1}, '${this.#recorder.family}', deleted.id, deleted.version + 1, 'delete', $${next + 2}, json_build_object(${subject}), NULL, 0
      FROM deleted ORDER BY deleted.id`
    return await this.transaction(async (client) => {
      if (!await tookRetentionLock(client)) return { deleted: 0, yielded: true }
      const result = await client.query(sql, [...params, Math.min(limit, RETENTION_BATCH_ROWS), now.toISOString(), SYSTEM_PRINCIPAL])
      return { deleted: result.rowCount ?? 0, yielded: false }
    })
  }

  async delete (id: string, context?: ChangeContext): Promise<boolean> {
    const { time, principal } = changeAuthor(context)
    try {
      return ((await this.#pool.query({ ...this.#statements.delete, values: [id, time, principal] })).rowCount ?? 0) > 0
    } catch (error) {
      throw translated(error)
    }
  }
}

export function taskStatusRepository (pool: pg.Pool, limits: StoreLimits): TaskStatusRepository {
  const documents = new PostgresDocuments<TaskStatus>(pool, 'task_status', 'id',
    { kind: 'task status', maxBytes: limits.taskStatusMaxBytes, bulkMaxWriteBytes: limits.bulkMaxWriteBytes }, TASK_STATUS_CHANGES, TASK_STATUS_WRITTEN_COLUMNS)
  const where = (filter: TaskStatusCondition | undefined, params: unknown[]): string =>
    filter === undefined ? '' : ` WHERE ${whereSql(filter, dialect, params)}`
  return {
    insert: async (document, context) => await documents.insert(document.id, document, context),
    insertMany: postgresInsertMany(documents, { kind: 'task status', maxBytes: limits.taskStatusMaxBytes, recorder: TASK_STATUS_CHANGES, idOf: (status) => status.id }),
    get: async (id) => await documents.get(id),
    update: async (id, change, context) => await documents.update(id, change, context),
    delete: async (id, context) => await documents.delete(id, context),
    async * list (query: TaskStatusQuery) {
      const params: unknown[] = []
      const filter = where(query.filter, params)
      const sql = `SELECT id, octet_length(document::text) AS bytes FROM task_status${filter} ORDER BY ${orderBySql(query.sort)} LIMIT ${bind(dialect, params, query.limit)} OFFSET ${bind(dialect, params, query.offset)}`
      yield * documents.page(sql, params)
    },
    async count (filter) {
      const params: unknown[] = []
      const [row] = await documents.query<{ count: string }>(`SELECT count(*) FROM task_status${where(filter, params)}`, params)
      return Number(row?.count ?? 0)
    },
    // As in SQLite: text order is time order for the canonical form of four-digit years.
    deleteCompletedBefore: async (cutoff, limit, now) =>
      await documents.deleteWhere("completed >= '0' AND completed < $1", 'completed, id', [cutoff.toISOString()], limit, now)
  }
}

export function humanTaskRepository (pool: pg.Pool, limits: StoreLimits): HumanTaskRepository {
  const documents = new PostgresDocuments<HumanTask>(pool, 'human_task', 'tkiid',
    { kind: 'human task', maxBytes: limits.humanTaskMaxBytes, bulkMaxWriteBytes: limits.bulkMaxWriteBytes }, HUMAN_TASK_CHANGES, HUMAN_TASK_WRITTEN_COLUMNS)
  return {
    insert: async (task, context) => await documents.insert(task.tkiid, task, context),
    insertMany: postgresInsertMany(documents, { kind: 'human task', maxBytes: limits.humanTaskMaxBytes, recorder: HUMAN_TASK_CHANGES, idOf: (task) => task.tkiid }),
    get: async (tkiid) => await documents.get(tkiid),
    update: async (tkiid, change, context) => await documents.update(tkiid, change, context),
    updateMany: async (tkiids, change, context): Promise<BulkUpdateOutcome[]> => await documents.updateMany(tkiids, change, context),
    delete: async (tkiid, context) => await documents.delete(tkiid, context),
    async query (query: HumanTaskQuery) {
      const params: unknown[] = []
      const where = humanTaskWhereSql(query, dialect, params)
      // The total comes with every row of the page (a window over the whole match),
      // so page and total agree and cost one round trip.
      const rows = await documents.query<{ id: string, bytes: number, total: string }>(
        `SELECT tkiid AS id, octet_length(document::text) AS bytes, count(*) OVER () AS total FROM human_task${where} ORDER BY ${humanTaskOrderBySql(query.sort)} LIMIT ${bind(dialect, params, query.limit)} OFFSET ${bind(dialect, params, query.offset)}`,
        params)
      const total = rows[0] !== undefined
        ? Number(rows[0].total)
        : Number((await documents.query<{ count: string }>(`SELECT count(*) FROM human_task${where}`, params.slice(0, -2)))[0]?.count ?? 0)
      return { total, items: documents.batches(rows.map((row) => ({ key: row.id, bytes: row.bytes }))) }
    },
    deleteExpired: async (now, limit) => await documents.deleteWhere('deletable_at <= $1', 'deletable_at', [now.getTime()], limit, now)
  }
}
