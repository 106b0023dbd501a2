// What a PostgreSQL fault means to taskd: which errors say that the database cannot
// serve right now (a 503, retry later) rather than that a statement was wrong, and how
// a client that met one is kept from ending the process or going back to the pool.
import type pg from 'pg'
import { StoreUnavailableError } from '../../errors.js'

// Node's codes for a connection refused, reset, timed out or unreachable.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])
// SQLSTATE classes 08 (connection exception), 53 (insufficient resources: too many
// connections, disk full, out of memory) and 57 (operator intervention: a terminated
// backend, a shutdown, a server still starting, a cancelled statement, statement_timeout);
// 55P03, lock_timeout; and 25006, a write on a read-only server: a connection that still
// reaches a standby after a failover, which can never write.
const UNAVAILABLE_SQLSTATE = /^((08|53|57)[0-9A-Z]{3}|55P03|25006)$/
// statement_timeout (57014, also a pg_cancel_backend) and lock_timeout (55P03): the
// server cancelled one statement and the connection is fine. A 503 rather than a 409 for
// the lock: in these APIs a 409 says the document's state refused the change, and a
// client would re-read instead of retrying; a lock held that long is contention or a
// stuck writer, a condition of the store that passes.
const CANCELLED_SQLSTATE = new Set(['57014', '55P03'])
// pg's own errors for a connection that ended or cannot be used, a pool that had no
// client free in time, and a statement not answered within query_timeout.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable/i

/** Whether `error` says that PostgreSQL cannot serve right now. */
export function isUnavailable (error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown, message?: unknown }
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)
}

/** Whether the server cancelled a statement (a timeout) on a connection that is still usable. */
export function isCancelledStatement (error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown }
  return typeof code === 'string' && CANCELLED_SQLSTATE.has(code)
}

// What the log says of a 503; the response says only that the service is unavailable.
function unavailableReason (error: unknown): string {
  switch ((error as { code?: unknown }).code) {
    case '57014': return 'a PostgreSQL statement ran past statement_timeout (PG_STATEMENT_TIMEOUT_MS) or was cancelled'
    case '55P03': return 'a PostgreSQL statement waited for a lock past lock_timeout (PG_LOCK_TIMEOUT_MS)'
    case '25006': return 'the PostgreSQL server is read-only (a standby)'
    default: return 'PostgreSQL cannot be reached'
  }
}

/** StoreUnavailableError for an unavailable database; any other error as it is. */
export function translated (error: unknown): unknown {
  return isUnavailable(error) ? new StoreUnavailableError(unavailableReason(error)) : error
}

/** A client taken from the pool, listened to until it is released. */
export interface CheckedOutClient {
  readonly client: pg.PoolClient
  /**
   * Gives the client back. With `failure`, or after the client has emitted an error of
   * its own, the pool destroys it instead of keeping it: its connection is gone or in
   * an unknown state, and the server rolls back the transaction of a closed connection.
   */
  release: (failure?: Error) => void
}

/**
 * Takes a client for work of several statements. pg emits 'error' on a checked-out
 * client whose connection ends (pg_terminate_backend, a restart, a failover), whether a
 * statement is running or not, and an 'error' event without a listener ends the
 * process; the pool listens only while a client is idle. Rejects with
 * StoreUnavailableError when no connection can be had.
 */
export async function checkOut (pool: pg.Pool): Promise<CheckedOutClient> {
  return await new Promise((resolve, reject) => {
    // The callback form, not the promise: the listener must be on before pg reads on.
    // A connection's readiness and the error that ends it can arrive in one read, and a
    // promise would resume the caller only after pg had emitted that error.
    pool.connect((error, client) => {
      if (error !== undefined || client === undefined) {
        reject(translated(error))
        return
      }
      let fault: Error | undefined
      // The statement that was running, if any, fails on its own; this only remembers
      // that the connection is lost.
      const onError = (clientError: Error): void => { fault ??= clientError }
      client.on('error', onError)
      resolve({
        client,
        release (failure) {
          // Removed before the release, which hands the client back to the pool's own listener.
          client.off('error', onError)
          client.release(failure ?? fault)
        }
      })
    })
  })
}
