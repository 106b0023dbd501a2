// The chunks an update of many documents is written in: each one transaction, bounded in
// ids and in the bytes of its documents, so that one chunk's memory and the time it holds
// the event loop (or the rows' locks) stay small however many ids the call lists.

export interface SizedId { id: string, bytes: number }

/** `entries` in order, in chunks of at most `maxIds` ids and about `maxBytes` bytes (at least one id). */
export function * sizedChunks<E extends SizedId> (entries: readonly E[], maxIds: number, maxBytes: number): Generator<E[]> {
  let chunk: E[] = []
  let bytes = 0
  for (const entry of entries) {
    if (chunk.length > 0 && (chunk.length >= maxIds || bytes + entry.bytes > maxBytes)) {
      yield chunk
      chunk = []
      bytes = 0
    }
    chunk.push(entry)
    bytes += entry.bytes
  }
  if (chunk.length > 0) yield chunk
}
