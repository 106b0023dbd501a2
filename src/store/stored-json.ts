// A stored document as read from a store: its JSON text, parsed only if someone reads
// `document`. Reads that answer with the document as stored (GET, lists) send the text
// as it is and never parse or serialize it.
import type { Stored } from './task-store.js'

export function storedFromJson<T> (json: string, version: number): Stored<T> {
  let document: T | undefined
  const stored = { version } as Stored<T>
  Object.defineProperty(stored, 'document', { enumerable: true, get: () => (document ??= JSON.parse(json) as T) })
  // Not enumerable: a Stored compares equal to one built from the document alone.
  Object.defineProperty(stored, 'json', { enumerable: false, value: json })
  return stored
}
