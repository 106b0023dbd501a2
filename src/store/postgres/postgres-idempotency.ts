// Idempotency records in PostgreSQL (store/idempotency.ts), for every instance over one
// database. A write made with a key first takes a transaction-scoped advisory lock on the
// key without waiting: a write of the same key in progress elsewhere holds it, and this
// one is refused at once (409) rather than queued behind it. The primary key is what
// guarantees one record per key: a write whose record finds one already rolls back.
import type pg from 'pg'
import { IdempotencyKeyInUseError } from '../../errors.js'
import { keptResponse, keyTakenError, recordOfRow, type IdempotencyRepository, type IdempotencyRow, type IdempotentWrite } from '../idempotency.js'

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>

// The key's lock name: hashtext gives 32 bits, so two keys may share a lock now and then,
// which only makes one of them wait for a retry.
const lockName = (write: IdempotentWrite): string => `${write.principal}\n${write.operation}\n${write.key}`

const CHECK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked,
  (SELECT fingerprint FROM idempotency_key WHERE principal = $2 AND operation = $3 AND key = $4 AND expires_at > $5) AS fingerprint`

// A lapsed record of the key is replaced; an unexpired one is left, and no row returned.
const RECORD_SQL = `INSERT INTO idempotency_key (principal, operation, key, fingerprint, status, headers, body, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (principal, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
    headers = excluded.headers, body = excluded.body, expires_at = excluded.expires_at
  WHERE idempotency_key.expires_at <= $9
  RETURNING 1 AS recorded`

/** Refuses, in the write's transaction, a key being written by another transaction or recorded already. */
export async function checkIdempotency (client: pg.PoolClient, write: IdempotentWrite | undefined): Promise<void> {
  if (write === undefined) return
  const [row] = (await client.query<{ locked: boolean, fingerprint: string | null }>(CHECK_SQL,
    [lockName(write), write.principal, write.operation, write.key, Date.now()])).rows
  if (row?.locked !== true) throw new IdempotencyKeyInUseError()
  if (row.fingerprint !== null) throw keyTakenError(write, row.fingerprint)
}

/** Records the response `result` makes, in the write's transaction; throws (rolling it back) when the key was recorded meanwhile. */
export async function recordIdempotency (client: pg.PoolClient, write: IdempotentWrite | undefined, result: unknown): Promise<void> {
  if (write === undefined) return
  const response = keptResponse(write, result)
  if (response === undefined) return
  const { rows } = await client.query(RECORD_SQL, [write.principal, write.operation, write.key, write.fingerprint,
    response.status, JSON.stringify(response.headers), response.body, write.expiresAt, Date.now()])
  if (rows.length > 0) return
  const [existing] = (await client.query<{ fingerprint: string }>('SELECT fingerprint FROM idempotency_key WHERE principal = $1 AND operation = $2 AND key = $3',
    [write.principal, write.operation, write.key])).rows
  throw keyTakenError(write, existing?.fingerprint)
}

export function postgresIdempotency (query: Query): IdempotencyRepository {
  return {
    async get (scope) {
      const [row] = await query<IdempotencyRow>('SELECT fingerprint, status, headers, body FROM idempotency_key WHERE principal = $1 AND operation = $2 AND key = $3 AND expires_at > $4',
        [scope.principal, scope.operation, scope.key, Date.now()])
      return row === undefined ? undefined : recordOfRow(row)
    },
    async purgeExpired (now, limit) {
      const rows = await query('DELETE FROM idempotency_key WHERE ctid = ANY (ARRAY(SELECT ctid FROM idempotency_key WHERE expires_at <= $1 LIMIT $2)) RETURNING 1', [now, limit])
      return rows.length
    }
  }
}
