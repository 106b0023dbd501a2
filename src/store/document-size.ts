// The bound on a stored document, checked on the JSON text about to be written: the one
// place every create, patch, update, action and bulk item of every adapter goes through.
import { DocumentTooLargeError } from '../errors.js'

/** What a table's documents may be: the most bytes each, and the most one updateMany rewrites. */
export interface DocumentBounds {
  /** What a document is called in messages: 'task status', 'human task'. */
  kind: string
  maxBytes: number
  bulkMaxWriteBytes: number
}

/** `json`, when its UTF-8 bytes are within `maxBytes`; DocumentTooLargeError otherwise. */
export function withinDocumentBound (json: string, maxBytes: number, kind: string): string {
  const bytes = Buffer.byteLength(json)
  if (bytes > maxBytes) throw new DocumentTooLargeError(kind, bytes, maxBytes)
  return json
}
