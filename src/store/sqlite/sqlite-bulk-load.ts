// The SQLite half of insertMany (see ../bulk-load.ts): each chunk in one IMMEDIATE
// transaction outside the group commit, every row written with its indexed columns and
// its create entry in the change log, so that the log stays complete. A chunk that fails
// (a duplicate id, a document over its bound) is rolled back whole; the chunks before it
// stay stored. Between chunks the event loop serves other requests.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type Database from 'better-sqlite3'
import type { ChangeContext, ChangeRecorder } from '../change-log.js'
import { createdEntry } from '../change-log.js'
import { loadChunks, type LoadChunk } from '../bulk-load.js'
import type { IndexedColumn } from './sqlite-documents.js'
import type { SqliteChangeLog } from './sqlite-change-log.js'

export interface SqliteBulkLoadTable<T> {
  table: string
  idColumn: string
  columns: ReadonlyArray<IndexedColumn<T>>
  /** What a document is called in messages, and the most bytes one may have. */
  kind: string
  maxBytes: number
  recorder: ChangeRecorder<T>
  idOf: (document: T) => string
}

/** insertMany over `table`: resolves to the number of documents stored. */
export function sqliteInsertMany<T> (db: Database.Database, log: SqliteChangeLog, table: SqliteBulkLoadTable<T>): (documents: Iterable<T>, context?: ChangeContext) => Promise<number> {
  const names = table.columns.map((column) => `, ${column.name}`).join('')
  const placeholders = table.columns.map(() => ', ?').join('')
  const insert = db.prepare(`INSERT INTO ${table.table} (${table.idColumn}, version, document${names}) VALUES (?, 1, ?${placeholders})`)
  const writeChunk = db.transaction((chunk: LoadChunk<T>, context: ChangeContext | undefined) => {
    chunk.documents.forEach((document, index) => {
      const id = chunk.ids[index] as string
      const json = chunk.jsons[index] as string
      insert.run(id, json, ...table.columns.map((column) => column.value(document)))
      log.append(createdEntry(table.recorder, id, document, json, context))
    })
  })
  return async (documents, context) => {
    let stored = 0
    for (const chunk of loadChunks(documents, table.idOf, table.maxBytes, table.kind)) {
      if (stored > 0) await nextTurn()
      writeChunk.immediate(chunk, context)
      stored += chunk.ids.length
    }
    return stored
  }
}
