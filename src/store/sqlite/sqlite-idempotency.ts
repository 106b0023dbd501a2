// Idempotency records in SQLite (store/idempotency.ts). `record` runs inside the write's
// own transaction (its group-commit savepoint), and a keyed updateMany writes its record
// in every slice it commits: the file's write lock serializes writers of every process on
// the file, so a second record of a key finds the first and rolls its write back, and an
// owner whose key was taken over finds another owner named and rolls its slice back.
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import { IdempotencyKeyInUseError } from '../../errors.js'
import {
  IN_PROGRESS_HEADERS, IN_PROGRESS_STATUS, keptResponse, keyTakenError, recordOfRow,
  type IdempotencyRecord, type IdempotencyRepository, type IdempotencyRow, type IdempotencyScope, type IdempotentWrite, type ProgressRow
} from '../idempotency.js'
import type { GroupCommit } from './group-commit.js'

type ScopeParams = [string, string, string]
const scopeParams = (write: IdempotencyScope): ScopeParams => [write.principal, write.operation, write.key]

export class SqliteIdempotency {
  readonly #get: Statement<[...ScopeParams, number], IdempotencyRow>
  readonly #progressRow: Statement<[...ScopeParams, number], ProgressRow>
  readonly #fingerprint: Statement<ScopeParams, { fingerprint: string }>
  // A lapsed record of the key is replaced; an unexpired one is left, and nothing returned.
  readonly #insert: Statement
  readonly #takeOver: Statement
  readonly #advance: Statement
  readonly #complete: Statement
  readonly #release: Statement
  readonly #purge: Statement<[number, number]>

  constructor (db: Database.Database) {
    this.#get = db.prepare(`SELECT fingerprint, status, headers, body, json_array_length(progress) AS completed, lease_expires
      FROM idempotency_key WHERE principal = ? AND operation = ? AND key = ? AND expires_at > ?`)
    this.#progressRow = db.prepare('SELECT fingerprint, owner, lease_expires, progress FROM idempotency_key WHERE principal = ? AND operation = ? AND key = ? AND expires_at > ?')
    this.#fingerprint = db.prepare('SELECT fingerprint FROM idempotency_key WHERE principal = ? AND operation = ? AND key = ?')
    this.#insert = db.prepare(`INSERT INTO idempotency_key (principal, operation, key, fingerprint, status, headers, body, expires_at, owner, lease_expires, progress)
      VALUES (@principal, @operation, @key, @fingerprint, @status, @headers, @body, @expiresAt, @owner, @leaseExpires, @progress)
      ON CONFLICT (principal, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
        headers = excluded.headers, body = excluded.body, expires_at = excluded.expires_at,
        owner = excluded.owner, lease_expires = excluded.lease_expires, progress = excluded.progress
      WHERE idempotency_key.expires_at <= @now
      RETURNING 1`)
    const ownScope = 'principal = @principal AND operation = @operation AND key = @key'
    this.#takeOver = db.prepare(`UPDATE idempotency_key SET owner = @owner, lease_expires = @leaseExpires
      WHERE ${ownScope} AND owner = @from AND progress IS NOT NULL AND lease_expires <= @now AND expires_at > @now
      RETURNING progress`)
    this.#advance = db.prepare(`UPDATE idempotency_key SET progress = @progress, lease_expires = @leaseExpires WHERE ${ownScope} AND owner = @owner`)
    this.#complete = db.prepare(`UPDATE idempotency_key SET status = @status, headers = @headers, body = @body, owner = NULL, lease_expires = NULL, progress = NULL
      WHERE ${ownScope} AND owner = @owner`)
    this.#release = db.prepare(`DELETE FROM idempotency_key WHERE ${ownScope} AND owner = @owner`)
    this.#purge = db.prepare('DELETE FROM idempotency_key WHERE rowid IN (SELECT rowid FROM idempotency_key WHERE expires_at <= ? LIMIT ?)')
  }

  /** Throws, rolling the write back, when the key has an unexpired record: the write must not apply twice. */
  check (write: IdempotentWrite | undefined): void {
    if (write === undefined) return
    const row = this.#get.get(...scopeParams(write), Date.now())
    if (row !== undefined) throw keyTakenError(write, row.fingerprint)
  }

  /** Records the response `result` makes, in the caller's transaction; throws when the key was recorded meanwhile. */
  record (write: IdempotentWrite | undefined, result: unknown): void {
    if (write === undefined) return
    const response = keptResponse(write, result)
    if (response === undefined) return
    this.#inserted(write, { status: response.status, headers: JSON.stringify(response.headers), body: response.body, owner: null, leaseExpires: null, progress: null })
  }

  /** The key's unexpired record as a keyed updateMany reads it before it starts. */
  progressRow (write: IdempotentWrite): ProgressRow | undefined {
    return this.#progressRow.get(...scopeParams(write), Date.now())
  }

  /** Makes `owner` the owner of the record in progress that `from` owned, its lease lapsed; resolves to its outcomes' text, or throws when another took it first. */
  takeOver (write: IdempotentWrite, from: string, owner: string): string {
    const now = Date.now()
    const row = this.#takeOver.get({ ...this.#scope(write), owner, from, now, leaseExpires: now + write.leaseMs }) as { progress: string } | undefined
    if (row === undefined) throw new IdempotencyKeyInUseError()
    return row.progress
  }

  /**
   * In a slice's transaction, writes the record of `owner`'s updateMany: in progress with
   * `progress` (the committed outcomes' text), or, when `result` is given, complete with its
   * response. `fresh`: the first slice of a write started anew, which makes the record.
   * Throws, rolling the slice back, when the key is recorded by another.
   */
  advance (write: IdempotentWrite, owner: string, fresh: boolean, step: { progress: string } | { result: unknown }): void {
    const leaseExpires = Date.now() + write.leaseMs
    if ('progress' in step) {
      if (fresh) this.#inserted(write, { status: IN_PROGRESS_STATUS, headers: IN_PROGRESS_HEADERS, body: null, owner, leaseExpires, progress: step.progress })
      else if (this.#advance.run({ ...this.#scope(write), owner, leaseExpires, progress: step.progress }).changes === 0) throw new IdempotencyKeyInUseError()
      return
    }
    const response = keptResponse(write, step.result)
    if (fresh) {
      if (response !== undefined) this.#inserted(write, { status: response.status, headers: JSON.stringify(response.headers), body: response.body, owner: null, leaseExpires: null, progress: null })
      return
    }
    const changes = response === undefined
      ? this.#release.run({ ...this.#scope(write), owner }).changes
      : this.#complete.run({ ...this.#scope(write), owner, status: response.status, headers: JSON.stringify(response.headers), body: response.body }).changes
    if (changes === 0) throw new IdempotencyKeyInUseError()
  }

  #scope (write: IdempotencyScope): IdempotencyScope {
    return { principal: write.principal, operation: write.operation, key: write.key }
  }

  #inserted (write: IdempotentWrite, columns: { status: number, headers: string, body: string | null, owner: string | null, leaseExpires: number | null, progress: string | null }): void {
    const inserted = this.#insert.get({ ...this.#scope(write), fingerprint: write.fingerprint, expiresAt: write.expiresAt, now: Date.now(), ...columns })
    if (inserted === undefined) throw keyTakenError(write, this.#fingerprint.get(...scopeParams(write))?.fingerprint)
  }

  repository (writes: GroupCommit): IdempotencyRepository {
    return {
      get: async (scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> => {
        const row = this.#get.get(...scopeParams(scope), Date.now())
        return row === undefined ? undefined : recordOfRow(row)
      },
      purgeExpired: async (now, limit) => await writes.run(() => this.#purge.run(now, limit).changes)
    }
  }
}
