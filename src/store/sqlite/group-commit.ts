// Group commit: writes that arrive while the event loop is busy are applied together in
// one IMMEDIATE transaction, each in a savepoint of its own, and acknowledged only after
// the COMMIT, with synchronous=FULL, is on disk. One fsync then covers every write of
// the batch instead of one each, which is what bounds write throughput on a durable
// store; a write that throws rolls back to its savepoint alone and fails alone.
import type Database from 'better-sqlite3'

interface Pending {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

// The most writes one transaction takes; more wait for the next batch, so a burst
// cannot hold the file's write lock for long.
const MAX_BATCH = 256

type Outcome = { ok: true, value: unknown } | { ok: false, error: unknown }

export class GroupCommit {
  // Both made once: better-sqlite3 builds a wrapper per transaction() call. Nested in
  // the batch's transaction, the per-write one is a savepoint.
  readonly #inSavepoint: (work: () => unknown) => unknown
  readonly #commitBatch: (batch: readonly Pending[]) => Outcome[]
  #queue: Pending[] = []
  #scheduled = false

  constructor (db: Database.Database) {
    this.#inSavepoint = db.transaction((work: () => unknown) => work())
    this.#commitBatch = db.transaction((batch: readonly Pending[]) => batch.map((pending): Outcome => {
      try {
        return { ok: true, value: this.#inSavepoint(pending.work) }
      } catch (error) {
        return { ok: false, error }
      }
    })).immediate
  }

  /** Runs `work` inside the next batch's transaction; resolves once that batch is committed. */
  async run<R>(work: () => R): Promise<R> {
    return await new Promise<R>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        // setImmediate runs after the I/O callbacks of this loop turn, so every request
        // that arrived with this one has had the chance to join the batch.
        setImmediate(() => { this.#flush() })
      }
    })
  }

  /** Resolves once every write queued so far is committed (or has failed). */
  async settled (): Promise<void> {
    if (this.#queue.length > 0) await this.run(() => undefined).catch(() => undefined)
  }

  #flush (): void {
    const batch = this.#queue.splice(0, MAX_BATCH)
    if (this.#queue.length > 0) setImmediate(() => { this.#flush() })
    else this.#scheduled = false
    let outcomes: Outcome[]
    try {
      outcomes = this.#commitBatch(batch)
    } catch (error) {
      // The batch did not commit (the lock was not granted in time, the disk is full…):
      // nothing of it is stored, and no write of it is acknowledged.
      for (const pending of batch) pending.reject(error)
      return
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]
      if (outcome?.ok === true) pending.resolve(outcome.value)
      else pending.reject(outcome?.error)
    })
  }
}
