// Work on one connection of the pool (a transaction, or statements that commit each by
// itself), and the lock that lets one instance at a time do the retention sweeper's work.
import type pg from 'pg'
import { checkOut, isCancelledStatement, isUnavailable, translated } from './postgres-faults.js'

/**
 * Runs `work` on a connection of the pool of its own, and gives the connection back. One
 * that failed is closed instead (the server rolls back whatever it had open); a statement
 * the server cancelled (statement_timeout, lock_timeout) left its connection usable.
 * `recover` readies a usable connection after `work` threw, or answers the error that
 * makes it unusable after all.
 */
async function onCheckedOut<R> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<R>, recover: (client: pg.PoolClient) => Promise<Error | undefined>): Promise<R> {
  const { client, release } = await checkOut(pool)
  let broken: Error | undefined
  try {
    return await work(client)
  } catch (error) {
    broken = isUnavailable(error) && !isCancelledStatement(error) ? error as Error : await recover(client)
    throw translated(error)
  } finally {
    release(broken)
  }
}

/**
 * Runs `work` between BEGIN and COMMIT on a connection of its own; rolls back if it throws.
 * A failed connection is closed, not rolled back: a ROLLBACK would wait behind a statement
 * that timed out, or fail on a connection that is gone.
 */
export async function inTransaction<R> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
  return await onCheckedOut(pool, async (client) => {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  }, async (client) => await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError))
}

/**
 * Runs `work`, statements that commit each by itself, on one connection of the pool. A
 * statement that fails leaves no transaction open, so its connection goes back to the
 * pool (pool.query would close it after any error).
 */
export async function onConnection<R> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
  return await onCheckedOut(pool, work, async () => undefined)
}

// Beside the migration lock (7_351_001) of postgres-store.ts.
const RETENTION_LOCK = 7_351_002

/**
 * Whether this transaction now holds the retention lock, taken without waiting and held
 * to its end: a retention batch of another instance holds it otherwise, and this one
 * then does nothing, so one instance sweeps at a time and no row is deleted twice.
 */
export async function tookRetentionLock (client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK])
  return rows[0]?.locked === true
}
