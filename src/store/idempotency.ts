// Idempotency records (draft-ietf-httpapi-idempotency-key-header): the response of a
// write made with an Idempotency-Key, kept under the key for the principal and the
// operation that made it. The adapter writes the record in the transaction of the write
// itself (ChangeContext.idempotency), so that no write is applied without its record nor
// recorded without being applied; a key that already has a record when the write comes
// to record it rolls the write back (IdempotencyKeyInUseError, IdempotencyKeyReusedError).
//
// An update of many documents (updateMany) commits in several transactions, so its record
// is written in each of them: the first makes it, in progress, with the outcome of every
// id committed so far and the owner's lease on the key; each later one advances it under
// that owner; the last completes it with the response. A retry that finds the record in
// progress with its lease lapsed (its owner crashed, or stalled past the lease) takes the
// key over and goes on from the first id not committed, and answers for every id; an
// owner that lost the key is refused at its next transaction, which rolls back.
import { randomUUID } from 'node:crypto'
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../errors.js'
import type { UpdateOutcome } from './task-store.js'

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
  /** The response kept; undefined while the write is in progress (an updateMany between two of its transactions). */
  response: KeptResponse | undefined
  /** Of a record in progress: how many of the write's ids are committed, and when its owner's lease lapses (ms since the epoch). */
  progress?: { completed: number, leaseExpiresAt: number }
}

/** What a write made with an Idempotency-Key tells the store, so that it records its response with it. */
export interface IdempotentWrite extends IdempotencyScope {
  fingerprint: string
  /** When the record lapses, in ms since the epoch: past it, the key is free again. */
  expiresAt: number
  /** The most bytes of body a record keeps. */
  maxBodyBytes: number
  /**
   * How long, in ms, an updateMany holds its key in progress after each of its commits: a
   * request with the key and the same fingerprint that finds the record in progress past
   * that takes the write over (see above).
   */
  leaseMs: number
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

/** The record as its columns hold it; `completed` and `lease_expires` are null once it is complete. */
export interface IdempotencyRow {
  fingerprint: string
  status: number
  headers: string
  body: string | null
  completed: number | null
  lease_expires: number | null
}

export function recordOfRow (row: IdempotencyRow): IdempotencyRecord {
  if (row.completed !== null) return { fingerprint: row.fingerprint, response: undefined, progress: { completed: row.completed, leaseExpiresAt: Number(row.lease_expires) } }
  return { fingerprint: row.fingerprint, response: { status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body } }
}

// An in-progress record's columns of the response until it completes.
export const IN_PROGRESS_STATUS = 0
export const IN_PROGRESS_HEADERS = '{}'

/** A record in progress as the takeover reads it. */
export interface ProgressRow {
  fingerprint: string
  owner: string | null
  lease_expires: number | null
  progress: string | null
}

/**
 * Where a keyed updateMany starts, from its key's record as read before its first
 * transaction: anew (no record, or a lapsed one), or taking over the record in progress of
 * a write whose lease has lapsed. Throws for a record that refuses the write.
 */
export function resumption (write: IdempotentWrite, row: ProgressRow | undefined, now: number): { takeOver: false } | { takeOver: true, from: string } {
  if (row === undefined) return { takeOver: false }
  if (row.fingerprint !== write.fingerprint) throw new IdempotencyKeyReusedError()
  if (row.owner === null || row.progress === null || Number(row.lease_expires) > now) throw new IdempotencyKeyInUseError()
  return { takeOver: true, from: row.owner }
}

/** Who runs one updateMany: the owner its record names while it is in progress. */
export function newOwner (): string {
  return randomUUID()
}

// A committed outcome as the record keeps it: the new version of an updated document, 0
// for a missing one, and for a refused one what a response makes of its error.
type KeptOutcome = number | { name: string, message: string, code?: string, statusCode?: number }

function keptOutcome (outcome: UpdateOutcome): KeptOutcome {
  if (outcome.outcome === 'updated') return outcome.version
  if (outcome.outcome === 'missing') return 0
  const { name, message, code, statusCode } = outcome.error as Error & { code?: string, statusCode?: number }
  return { name, message, ...(code !== undefined && { code }), ...(statusCode !== undefined && { statusCode }) }
}

/**
 * The outcomes of an updateMany committed so far, as its record keeps them: in the order of
 * its ids, without the ids (the fingerprint fixes them), text added to at each commit.
 */
export class CommittedOutcomes {
  readonly outcomes: UpdateOutcome[] = []
  #text = ''

  /** The outcomes of `ids` kept in `text`, for a write taken over. */
  static of (ids: readonly string[], text: string): CommittedOutcomes {
    const committed = new CommittedOutcomes()
    const kept = JSON.parse(text) as KeptOutcome[]
    kept.forEach((entry, index) => {
      const id = ids[index] as string
      if (typeof entry !== 'number') committed.outcomes.push({ id, outcome: 'refused', error: Object.assign(new Error(entry.message), entry) })
      else committed.outcomes.push(entry === 0 ? { id, outcome: 'missing' } : { id, outcome: 'updated', version: entry })
    })
    committed.#text = text.slice(1, -1)
    return committed
  }

  /** The record's text once `added` (the outcomes of the ids after these, in order) are committed too. */
  textWith (added: readonly UpdateOutcome[]): string {
    const more = added.map((outcome) => JSON.stringify(keptOutcome(outcome))).join(',')
    return `[${this.#text}${this.#text !== '' && more !== '' ? ',' : ''}${more}]`
  }

  /** Takes `added` and the text made of them, once their transaction has committed. */
  commit (added: readonly UpdateOutcome[], text: string): void {
    for (const outcome of added) this.outcomes.push(outcome)
    this.#text = text.slice(1, -1)
  }
}

/** Records purged per batch by the periodic purge: each batch is a short write. */
export const PURGE_BATCH = 500
