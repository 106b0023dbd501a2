// What a SQLite fault means to taskd. SQLITE_BUSY, past the busy timeout, says that
// another process holds the file's write lock (or a checkpoint or recovery holds the
// file): nothing is wrong with the request and a retry may well succeed, so it is a
// 503 (StoreUnavailableError), as PostgreSQL's outage is, not a 500.
import { StoreUnavailableError } from '../../errors.js'
import { aroundRepositoryCalls, type CallEnding } from '../repository-calls.js'

/** Whether `error` is SQLITE_BUSY or one of its extended codes (SQLITE_BUSY_SNAPSHOT…). */
export function isBusy (error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
}

function translated (error: unknown): unknown {
  return isBusy(error) ? new StoreUnavailableError('the SQLite file is locked by another process') : error
}

const TRANSLATING: CallEnding = { succeeded: () => {}, failed: translated }

/**
 * The repository, each of whose methods rejects with StoreUnavailableError where it met
 * SQLITE_BUSY (a page read in batches, where reading a batch met it). A group commit that
 * fails rejects every write of its batch, each translated here.
 */
export function translatingBusy<R extends object> (repository: R): R {
  return aroundRepositoryCalls(repository, () => TRANSLATING)
}
