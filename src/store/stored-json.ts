// A stored document with the JSON text the store holds for it. Read from a store, the
// text is parsed only if someone reads `document`; written, the text is the one the store
// was given. Responses with the document as stored (GET, lists, and the answer to a create
// or a change) send the text as it is, so they never serialize it again.
import type { Stored } from './task-store.js'

export function storedFromJson<T> (json: string, version: number): Stored<T> {
  let document: T | undefined
  const stored = { version } as Stored<T>
  Object.defineProperty(stored, 'document', { enumerable: true, get: () => (document ??= JSON.parse(json) as T) })
  // Not enumerable: a Stored compares equal to one built from the document alone.
  Object.defineProperty(stored, 'json', { enumerable: false, value: json })
  return stored
}

/** A document just written, with the text the store was given for it. */
export function storedWithJson<T> (document: T, json: string, version: number): Stored<T> {
  const stored = { document, version }
  Object.defineProperty(stored, 'json', { enumerable: false, value: json })
  return stored
}
