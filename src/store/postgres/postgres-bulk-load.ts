// The PostgreSQL half of insertMany (see ../bulk-load.ts): each chunk in one transaction
// of two statements, the rows (with their written columns) from arrays and then their
// create entries in the change log (the transaction has its id once the rows are
// written: postgres-change-log.ts), so that the log stays complete. A chunk that fails
// (a duplicate id, a document over its bound) is rolled back whole; the chunks before it
// stay stored.
import type pg from 'pg'
import { createdEntry, type ChangeContext, type ChangeRecorder } from '../change-log.js'
import { loadChunks } from '../bulk-load.js'
import { APPEND_ENTRIES_SQL, entryArrays, jsonArray, jsonElements } from './postgres-change-log.js'
import type { WrittenColumn } from './postgres-columns.js'

/** What the load needs of a table's documents: PostgresDocuments has it. */
export interface PostgresBulkLoadDocuments<T> {
  readonly table: string
  readonly idColumn: string
  /** The columns written with each document. */
  readonly written: ReadonlyArray<WrittenColumn<T>>
  transaction: <R>(work: (client: pg.PoolClient) => Promise<R>) => Promise<R>
}

export interface PostgresBulkLoadTable<T> {
  /** What a document is called in messages, and the most bytes one may have. */
  kind: string
  maxBytes: number
  recorder: ChangeRecorder<T>
  idOf: (document: T) => string
}

/** insertMany over the table of `documents`: resolves to the number of documents stored. */
export function postgresInsertMany<T> (target: PostgresBulkLoadDocuments<T>, table: PostgresBulkLoadTable<T>): (documents: Iterable<T>, context?: ChangeContext) => Promise<number> {
  const names = target.written.map((column) => `, ${column.name}`).join('')
  const insert = `INSERT INTO ${target.table} (${target.idColumn}, version, document${names})
    SELECT v.id, 1, d.value${target.written.map((_, index) => `, v.c${index}`).join('')}
    FROM unnest($1::text[]${target.written.map((column, index) => `, $${index + 3}::${column.type}[]`).join('')})
      WITH ORDINALITY AS v(id${target.written.map((_, index) => `, c${index}`).join('')}, position)
    JOIN ${jsonElements('$2', 'd')} ON d.position = v.position
    ORDER BY v.position`
  return async (documents, context) => {
    let stored = 0
    for (const chunk of loadChunks(documents, table.idOf, table.maxBytes, table.kind)) {
      const entries = chunk.documents.map((document, index) => createdEntry(table.recorder, chunk.ids[index] as string, document, chunk.jsons[index] as string, context))
      await target.transaction(async (client) => {
        await client.query(insert, [chunk.ids, jsonArray(chunk.jsons), ...target.written.map((column) => chunk.documents.map((document) => column.value(document)))])
        await client.query(APPEND_ENTRIES_SQL, entryArrays(entries))
      })
      stored += chunk.ids.length
    }
    return stored
  }
}
