// What a SQLite fault means to taskd. SQLITE_BUSY, past the busy timeout, says that
// another process holds the file's write lock (or a checkpoint or recovery holds the
// file): nothing is wrong with the request and a retry may well succeed, so it is a
// 503 (StoreUnavailableError), as PostgreSQL's outage is, not a 500.
import { StoreUnavailableError } from '../../errors.js'

/** Whether `error` is SQLITE_BUSY or one of its extended codes (SQLITE_BUSY_SNAPSHOT…). */
export function isBusy (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
}

function rethrowTranslated (error: unknown): never {
  throw isBusy(error) ? new StoreUnavailableError('the SQLite file is locked by another process') : error
}

async function * translatedBatches (batches: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  try {
    yield * batches
  } catch (error) {
    rethrowTranslated(error)
  }
}

/**
 * The repository, each of whose methods rejects with StoreUnavailableError where it met
 * SQLITE_BUSY. Wrapped once, when the store is made; every method of a repository is
 * async or returns an async iterable (a page read in batches), so a synchronous throw
 * inside one already arrives as a rejection. A group commit that fails rejects every
 * write of its batch, each translated here.
 */
export function translatingBusy<R extends object> (repository: R): R {
  const wrapped: Record<string, unknown> = {}
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[property] = value
      continue
    }
    wrapped[property] = (...args: unknown[]) => {
      const result: unknown = (value as (...args: unknown[]) => unknown).apply(repository, args)
      if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) return translatedBatches(result as AsyncIterable<unknown>)
      return (result as Promise<unknown>).catch(rethrowTranslated)
    }
  }
  return wrapped as R
}
