// Idempotency records in PostgreSQL (store/idempotency.ts), for every instance over one
// database. A write made with a key first takes a transaction-scoped advisory lock on the
// key without waiting: a write of the same key in progress elsewhere holds it, and this
// one is refused at once (409) rather than queued behind it. The primary key is what
// guarantees one record per key: a write whose record finds one already rolls back. A
// keyed updateMany takes the lock in each of its chunks' transactions, so a takeover of
// its key falls between two of them, and each chunk advances the record only while it
// still names the chunk's owner (checked by the UPDATE itself, on the row's newest version).
// Its chunks after the first wait for the lock instead: what else takes it is a short
// check or takeover attempt of a request that is refused, and waiting holds no other lock.
import type pg from 'pg'
import { IdempotencyKeyInUseError } from '../../errors.js'
import {
  IN_PROGRESS_HEADERS, IN_PROGRESS_STATUS, keptResponse, keyTakenError, recordOfRow,
  type IdempotencyRepository, type IdempotencyRow, type IdempotentWrite, type ProgressRow
} from '../idempotency.js'

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>

// The key's lock name: hashtext gives 32 bits, so two keys may share a lock now and then,
// which only makes one of them wait for a retry.
const lockName = (write: IdempotentWrite): string => `${write.principal}\n${write.operation}\n${write.key}`

const CHECK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked,
  (SELECT fingerprint FROM idempotency_key WHERE principal = $2 AND operation = $3 AND key = $4 AND expires_at > $5) AS fingerprint`

// A lapsed record of the key is replaced; an unexpired one is left, and no row returned.
const RECORD_SQL = `INSERT INTO idempotency_key (principal, operation, key, fingerprint, status, headers, body, expires_at, owner, lease_expires, progress)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $11, $12)
  ON CONFLICT (principal, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
    headers = excluded.headers, body = excluded.body, expires_at = excluded.expires_at,
    owner = excluded.owner, lease_expires = excluded.lease_expires, progress = excluded.progress
  WHERE idempotency_key.expires_at <= $9
  RETURNING 1 AS recorded`

const OWN_SCOPE = 'principal = $1 AND operation = $2 AND key = $3'
const TAKE_OVER_SQL = `UPDATE idempotency_key SET owner = $4, lease_expires = $5
  WHERE ${OWN_SCOPE} AND owner = $6 AND progress IS NOT NULL AND lease_expires <= $7 AND expires_at > $7 RETURNING progress`
const ADVANCE_SQL = `UPDATE idempotency_key SET progress = $5, lease_expires = $6 WHERE ${OWN_SCOPE} AND owner = $4`
const COMPLETE_SQL = `UPDATE idempotency_key SET status = $5, headers = $6, body = $7, owner = NULL, lease_expires = NULL, progress = NULL
  WHERE ${OWN_SCOPE} AND owner = $4`
const RELEASE_SQL = `DELETE FROM idempotency_key WHERE ${OWN_SCOPE} AND owner = $4`

const scopeValues = (write: IdempotentWrite): string[] => [write.principal, write.operation, write.key]

/** Refuses, in the write's transaction, a key being written by another transaction or recorded already. */
export async function checkIdempotency (client: pg.PoolClient, write: IdempotentWrite | undefined): Promise<void> {
  if (write === undefined) return
  const [row] = (await client.query<{ locked: boolean, fingerprint: string | null }>(CHECK_SQL,
    [lockName(write), write.principal, write.operation, write.key, Date.now()])).rows
  if (row?.locked !== true) throw new IdempotencyKeyInUseError()
  if (row.fingerprint !== null) throw keyTakenError(write, row.fingerprint)
}

/** Takes the key's advisory lock in the write's transaction, or refuses the write when another transaction holds it. */
export async function lockIdempotency (client: pg.PoolClient, write: IdempotentWrite): Promise<void> {
  const [row] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [lockName(write)])).rows
  if (row?.locked !== true) throw new IdempotencyKeyInUseError()
}

/** Takes the key's advisory lock in the transaction of an updateMany's chunk after its first, waiting for it if need be. */
export async function awaitIdempotencyLock (client: pg.PoolClient, write: IdempotentWrite): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName(write)])
}

async function inserted (client: pg.PoolClient, write: IdempotentWrite, columns: [status: number, headers: string, body: string | null], progress: [owner: string | null, leaseExpires: number | null, progress: string | null]): Promise<void> {
  const { rows } = await client.query(RECORD_SQL, [...scopeValues(write), write.fingerprint, ...columns, write.expiresAt, Date.now(), ...progress])
  if (rows.length > 0) return
  const [existing] = (await client.query<{ fingerprint: string }>(`SELECT fingerprint FROM idempotency_key WHERE ${OWN_SCOPE}`, scopeValues(write))).rows
  throw keyTakenError(write, existing?.fingerprint)
}

/** Records the response `result` makes, in the write's transaction; throws (rolling it back) when the key was recorded meanwhile. */
export async function recordIdempotency (client: pg.PoolClient, write: IdempotentWrite | undefined, result: unknown): Promise<void> {
  if (write === undefined) return
  const response = keptResponse(write, result)
  if (response === undefined) return
  await inserted(client, write, [response.status, JSON.stringify(response.headers), response.body], [null, null, null])
}

/** The key's unexpired record as a keyed updateMany reads it before it starts. */
export async function progressRowOf (query: Query, write: IdempotentWrite): Promise<ProgressRow | undefined> {
  const [row] = await query<ProgressRow>(`SELECT fingerprint, owner, lease_expires, progress FROM idempotency_key WHERE ${OWN_SCOPE} AND expires_at > $4`,
    [...scopeValues(write), Date.now()])
  return row
}

/** Makes `owner` the owner of the record in progress that `from` owned, its lease lapsed; resolves to its outcomes' text, or throws when another took it first. */
export async function takeOverIdempotency (client: pg.PoolClient, write: IdempotentWrite, from: string, owner: string): Promise<string> {
  await lockIdempotency(client, write)
  const now = Date.now()
  const [row] = (await client.query<{ progress: string }>(TAKE_OVER_SQL, [...scopeValues(write), owner, now + write.leaseMs, from, now])).rows
  if (row === undefined) throw new IdempotencyKeyInUseError()
  return row.progress
}

/** As SqliteIdempotency.advance, in a chunk's transaction that holds the key's advisory lock. */
export async function advanceIdempotency (client: pg.PoolClient, write: IdempotentWrite, owner: string, fresh: boolean, step: { progress: string } | { result: unknown }): Promise<void> {
  const leaseExpires = Date.now() + write.leaseMs
  if ('progress' in step) {
    if (fresh) await inserted(client, write, [IN_PROGRESS_STATUS, IN_PROGRESS_HEADERS, null], [owner, leaseExpires, step.progress])
    else if ((await client.query(ADVANCE_SQL, [...scopeValues(write), owner, step.progress, leaseExpires])).rowCount === 0) throw new IdempotencyKeyInUseError()
    return
  }
  const response = keptResponse(write, step.result)
  if (fresh) {
    if (response !== undefined) await inserted(client, write, [response.status, JSON.stringify(response.headers), response.body], [null, null, null])
    return
  }
  const result = response === undefined
    ? await client.query(RELEASE_SQL, [...scopeValues(write), owner])
    : await client.query(COMPLETE_SQL, [...scopeValues(write), owner, response.status, JSON.stringify(response.headers), response.body])
  if (result.rowCount === 0) throw new IdempotencyKeyInUseError()
}

export function postgresIdempotency (query: Query): IdempotencyRepository {
  return {
    async get (scope) {
      const [row] = await query<IdempotencyRow>(`SELECT fingerprint, status, headers, body, json_array_length(progress::json) AS completed, lease_expires
        FROM idempotency_key WHERE principal = $1 AND operation = $2 AND key = $3 AND expires_at > $4`,
      [scope.principal, scope.operation, scope.key, Date.now()])
      return row === undefined ? undefined : recordOfRow(row)
    },
    async purgeExpired (now, limit) {
      const rows = await query('DELETE FROM idempotency_key WHERE ctid = ANY (ARRAY(SELECT ctid FROM idempotency_key WHERE expires_at <= $1 LIMIT $2)) RETURNING 1', [now, limit])
      return rows.length
    }
  }
}
