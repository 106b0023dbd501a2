// Loading many new documents at once (seeding a store, an import): the chunks they are
// written in, each one transaction of at most BULK_LOAD_CHUNK documents and about
// BULK_LOAD_CHUNK_BYTES of JSON, so that one chunk's memory, the time it holds the event
// loop and the write lock stay small however many documents the call is given. Shared by
// the adapters' bulk loads (sqlite/sqlite-bulk-load.ts, postgres/postgres-bulk-load.ts).
import { withinDocumentBound } from './document-size.js'

export const BULK_LOAD_CHUNK = 1000
export const BULK_LOAD_CHUNK_BYTES = 4 * 1024 * 1024

/** One chunk: each document with its id and its JSON text, as it will be stored. */
export interface LoadChunk<T> {
  ids: string[]
  documents: T[]
  jsons: string[]
}

/**
 * `documents` in order, serialized and in chunks. A document over `maxBytes` throws
 * DocumentTooLargeError when its chunk is made, before anything of that chunk is written.
 */
export function * loadChunks<T> (documents: Iterable<T>, idOf: (document: T) => string, maxBytes: number, kind: string): Generator<LoadChunk<T>> {
  let chunk: LoadChunk<T> = { ids: [], documents: [], jsons: [] }
  let bytes = 0
  for (const document of documents) {
    const json = withinDocumentBound(JSON.stringify(document), maxBytes, kind)
    if (chunk.ids.length > 0 && (chunk.ids.length >= BULK_LOAD_CHUNK || bytes + json.length > BULK_LOAD_CHUNK_BYTES)) {
      yield chunk
      chunk = { ids: [], documents: [], jsons: [] }
      bytes = 0
    }
    chunk.ids.push(idOf(document))
    chunk.documents.push(document)
    chunk.jsons.push(json)
    bytes += json.length
  }
  if (chunk.ids.length > 0) yield chunk
}
