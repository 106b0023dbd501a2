import type { DocumentBatches } from '../../src/store/page-batches.js'
import type { Stored } from '../../src/store/task-store.js'

/** Every document of a page, its batches read one after the other. */
export async function pageDocuments<T> (batches: DocumentBatches<T>): Promise<Array<Stored<T>>> {
  const documents: Array<Stored<T>> = []
  for await (const batch of batches) documents.push(...batch)
  return documents
}
