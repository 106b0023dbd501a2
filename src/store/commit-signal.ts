// "Something was committed to the change log": a wake-up for readers that follow the log
// (the watch streams), never the data itself. A subscriber reads changesSince again when
// woken; a wake-up may find nothing new, and many commits may wake it once. Writes of
// this process wake subscribers at once; another process's are noticed by a source of the
// adapter's (SQLite's data_version poll, PostgreSQL's LISTEN), which runs only while
// someone subscribes.
export interface CommitSignal {
  /** Calls `listener` after commits, coalesced; returns what ends the subscription. */
  subscribe: (listener: () => void) => () => void
}

/** What notices other processes' commits: started with the first subscriber, stopped after the last. */
export interface CommitSource {
  start: (notify: () => void) => void
  stop: () => void
}

export class CommitSignals implements CommitSignal {
  readonly #listeners = new Set<() => void>()
  readonly #source: CommitSource | undefined
  #scheduled = false
  #closed = false

  constructor (source?: CommitSource) {
    this.#source = source
  }

  subscribe (listener: () => void): () => void {
    // A distinct wrapper per subscription, so that one listener may subscribe twice.
    const entry = (): void => { listener() }
    this.#listeners.add(entry)
    if (this.#listeners.size === 1 && !this.#closed) this.#source?.start(() => { this.notify() })
    return () => {
      if (!this.#listeners.delete(entry)) return
      if (this.#listeners.size === 0) this.#source?.stop()
    }
  }

  /** Wakes every subscriber once, soon: notifications before then are one. */
  notify (): void {
    if (this.#scheduled || this.#listeners.size === 0) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      for (const listener of [...this.#listeners]) listener()
    })
  }

  /** Stops the source for good; subscribers are no longer woken by other processes. */
  close (): void {
    this.#closed = true
    this.#source?.stop()
  }
}

const WRITE_METHODS = new Set(['insert', 'update', 'updateMany', 'delete'])

/**
 * The repository, whose writes wake `signals` once they settle (a failed write may have
 * committed part of a bulk update, so it wakes them too: a wake-up that finds nothing costs a read).
 */
export function signallingWrites<R extends object> (repository: R, signals: CommitSignals): R {
  const methods = repository as Record<string, unknown>
  const wrapped: Record<string, unknown> = { ...methods }
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function' || !WRITE_METHODS.has(property)) continue
    wrapped[property] = async (...args: unknown[]) => {
      try {
        return await (value as (...args: unknown[]) => Promise<unknown>).apply(repository, args)
      } finally {
        signals.notify()
      }
    }
  }
  return wrapped as R
}
