// A page of documents read in batches, so that what a list holds in memory is bounded
// by a batch, not by the page: a page of 250 documents of 1 MiB each is 250 MiB. The
// page is chosen first, as keys with the stored size of each document; the documents
// are then read a batch at a time, as the response is written.
import type { Stored } from './task-store.js'

/** Documents of a page, a batch at a time, in the page's order. */
export type DocumentBatches<T> = AsyncIterable<Array<Stored<T>>>

export interface PageEntry<K> {
  key: K
  /** The stored document's size in bytes. */
  bytes: number
}

/** About how many bytes of documents one batch holds (at least one document). */
export const PAGE_BATCH_BYTES = 1024 * 1024

/**
 * The documents (or other items, such as change-log entries) of `entries`, in their order, read by `read` in batches of about
 * `batchBytes`. A document gone between the choice of the page and its reading is
 * left out; one changed in between is read as it is then.
 */
export async function * pageBatches<K, V> (
  entries: ReadonlyArray<PageEntry<K>>,
  read: (keys: K[]) => Promise<Map<K, V>>,
  batchBytes = PAGE_BATCH_BYTES
): AsyncGenerator<V[]> {
  let start = 0
  while (start < entries.length) {
    let end = start
    let bytes = 0
    do {
      bytes += (entries[end] as PageEntry<K>).bytes
      end++
    } while (end < entries.length && bytes + (entries[end] as PageEntry<K>).bytes <= batchBytes)
    const keys = entries.slice(start, end).map((entry) => entry.key)
    const found = await read(keys)
    const batch: V[] = []
    for (const key of keys) {
      const stored = found.get(key)
      if (stored !== undefined) batch.push(stored)
    }
    yield batch
    start = end
  }
}
