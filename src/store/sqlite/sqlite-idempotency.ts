// Idempotency records in SQLite (store/idempotency.ts). `record` runs inside the write's
// own transaction (its group-commit savepoint, or a bulk update's last slice): the file's
// write lock serializes writers of every process on the file, so a second record of a
// key finds the first and rolls its write back.
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import { keptResponse, keyTakenError, recordOfRow, type IdempotencyRecord, type IdempotencyRepository, type IdempotencyRow, type IdempotencyScope, type IdempotentWrite } from '../idempotency.js'
import type { GroupCommit } from './group-commit.js'

export class SqliteIdempotency {
  readonly #get: Statement<[string, string, string, number], IdempotencyRow>
  readonly #fingerprint: Statement<[string, string, string], { fingerprint: string }>
  // A lapsed record of the key is replaced; an unexpired one is left, and nothing returned.
  readonly #insert: Statement
  readonly #purge: Statement<[number, number]>

  constructor (db: Database.Database) {
    this.#get = db.prepare('SELECT fingerprint, status, headers, body FROM idempotency_key WHERE principal = ? AND operation = ? AND key = ? AND expires_at > ?')
    this.#fingerprint = db.prepare('SELECT fingerprint FROM idempotency_key WHERE principal = ? AND operation = ? AND key = ?')
    this.#insert = db.prepare(`INSERT INTO idempotency_key (principal, operation, key, fingerprint, status, headers, body, expires_at)
      VALUES (@principal, @operation, @key, @fingerprint, @status, @headers, @body, @expiresAt)
      ON CONFLICT (principal, operation, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
        headers = excluded.headers, body = excluded.body, expires_at = excluded.expires_at
      WHERE idempotency_key.expires_at <= @now
      RETURNING 1`)
    this.#purge = db.prepare('DELETE FROM idempotency_key WHERE rowid IN (SELECT rowid FROM idempotency_key WHERE expires_at <= ? LIMIT ?)')
  }

  /** Throws, rolling the write back, when the key has an unexpired record: the write must not apply twice. */
  check (write: IdempotentWrite | undefined): void {
    if (write === undefined) return
    const row = this.#get.get(write.principal, write.operation, write.key, Date.now())
    if (row !== undefined) throw keyTakenError(write, row.fingerprint)
  }

  /** Records the response `result` makes, in the caller's transaction; throws when the key was recorded meanwhile. */
  record (write: IdempotentWrite | undefined, result: unknown): void {
    if (write === undefined) return
    const response = keptResponse(write, result)
    if (response === undefined) return
    const inserted = this.#insert.get({
      principal: write.principal,
      operation: write.operation,
      key: write.key,
      fingerprint: write.fingerprint,
      status: response.status,
      headers: JSON.stringify(response.headers),
      body: response.body,
      expiresAt: write.expiresAt,
      now: Date.now()
    })
    if (inserted === undefined) throw keyTakenError(write, this.#fingerprint.get(write.principal, write.operation, write.key)?.fingerprint)
  }

  repository (writes: GroupCommit): IdempotencyRepository {
    return {
      get: async (scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> => {
        const row = this.#get.get(scope.principal, scope.operation, scope.key, Date.now())
        return row === undefined ? undefined : recordOfRow(row)
      },
      purgeExpired: async (now, limit) => await writes.run(() => this.#purge.run(now, limit).changes)
    }
  }
}
