// Idempotency records (draft-ietf-httpapi-idempotency-key-header): the response of a
// write made with an Idempotency-Key, kept under the key for the principal and the
// operation that made it. The adapter writes the record in the transaction of the write
// itself (ChangeContext.idempotency), so that no write is applied without its record nor
// recorded without being applied; a key that already has a record when the write comes
// to record it rolls the write back (IdempotencyKeyInUseError, IdempotencyKeyReusedError).
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../errors.js'

/** Whose key it is: a key is one client's, for one operation. */
export interface IdempotencyScope {
  principal: string
  /** The spec's operationId. */
  operation: string
  key: string
}

/** A response as kept for replay. */
export interface KeptResponse {
  status: number
  /** The headers a replay repeats (location, etag, content-type), by lower-case name. */
  headers: Record<string, string>
  /** The body's text; null when there was none, or when it was over the bound (see keptResponse). */
  body: string | null
}

export interface IdempotencyRecord {
  /** What identifies the request that made it (see the idempotency plugin). */
  fingerprint: string
  response: KeptResponse
}

/** What a write made with an Idempotency-Key tells the store, so that it records its response with it. */
export interface IdempotentWrite extends IdempotencyScope {
  fingerprint: string
  /** When the record lapses, in ms since the epoch: past it, the key is free again. */
  expiresAt: number
  /** The most bytes of body a record keeps. */
  maxBodyBytes: number
  /**
   * The response the write's result makes (a Stored document, undefined for a missing
   * one, or the outcomes of an updateMany), or undefined when it makes none to keep.
   */
  response: (result: unknown) => KeptResponse | undefined
}

export interface IdempotencyRepository {
  /** The record of the key, unless there is none or it has lapsed. */
  get: (scope: IdempotencyScope) => Promise<IdempotencyRecord | undefined>
  /** Deletes at most `limit` records lapsed by `now` (ms since the epoch); resolves to how many it deleted. */
  purgeExpired: (now: number, limit: number) => Promise<number>
}

/** The response to keep for `write`'s `result`, its body left out when over the bound. */
export function keptResponse (write: IdempotentWrite, result: unknown): KeptResponse | undefined {
  const response = write.response(result)
  if (response === undefined || response.body === null || Buffer.byteLength(response.body) <= write.maxBodyBytes) return response
  // A replay then repeats the status and where the resource is, not the representation.
  const { 'content-type': _type, ...headers } = response.headers
  return { status: response.status, headers, body: null }
}

/** The error a write whose key was recorded meanwhile fails with, from the recorded request's fingerprint. */
export function keyTakenError (write: IdempotentWrite, recordedFingerprint: string | undefined): Error {
  return recordedFingerprint === undefined || recordedFingerprint === write.fingerprint
    ? new IdempotencyKeyInUseError()
    : new IdempotencyKeyReusedError()
}

/** The record as its columns hold it. */
export interface IdempotencyRow {
  fingerprint: string
  status: number
  headers: string
  body: string | null
}

export function recordOfRow (row: IdempotencyRow): IdempotencyRecord {
  return { fingerprint: row.fingerprint, response: { status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body } }
}

/** Records purged per batch by the periodic purge: each batch is a short write. */
export const PURGE_BATCH = 500
