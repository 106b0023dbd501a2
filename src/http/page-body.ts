// The body of a list response: a JSON text around the page's documents, written a batch
// at a time. A page that is one batch goes out as one string, with its length; a larger
// one is streamed, and the next batch is read only once the socket has taken the last,
// so a response holds about two batches in memory however large its page is.
import { Readable } from 'node:stream'

/** `prefix`, the items' texts (by `text`) separated by commas, then `suffix`. */
export async function pageBody<V> (batches: AsyncIterable<V[]>, text: (item: V) => string, prefix: string, suffix: string): Promise<string | Readable> {
  const iterator = batches[Symbol.asyncIterator]()
  const joined = (batch: V[]): string => batch.map(text).join(',')
  // The first two batches are read before the status line is sent, so that a store that
  // fails now is an error response rather than a cut-off body.
  const first = await iterator.next()
  if (first.done === true) return prefix + suffix
  const second = await iterator.next()
  if (second.done === true) return prefix + joined(first.value) + suffix
  async function * chunks (): AsyncGenerator<string> {
    let written = (first.value as V[]).length > 0
    yield prefix + joined(first.value as V[])
    let next = second
    while (next.done !== true) {
      // A batch whose documents were all deleted meanwhile is empty.
      if (next.value.length > 0) {
        yield (written ? ',' : '') + joined(next.value)
        written = true
      }
      next = await iterator.next()
    }
    yield suffix
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 })
}

/**
 * Whether `batches` holds no item, read from its first batch, and the batches again
 * from the start (the first one is kept, not read twice).
 */
export async function peekedBatches<V> (batches: AsyncIterable<V[]>): Promise<{ empty: boolean, batches: AsyncIterable<V[]> }> {
  const iterator = batches[Symbol.asyncIterator]()
  const first = await iterator.next()
  async function * again (): AsyncGenerator<V[]> {
    if (first.done === true) return
    yield first.value
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value
  }
  return { empty: first.done === true || first.value.length === 0, batches: again() }
}
