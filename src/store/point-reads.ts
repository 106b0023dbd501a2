// Reads of single documents by id that arrive in the same event-loop turn, answered
// together: on PostgreSQL by one statement (`= ANY` over their ids) instead of a round
// trip each, on SQLite in one read transaction instead of one each. A round trip costs
// Node a socket write and PostgreSQL a statement; a SQLite read transaction takes and
// releases the WAL's read lock with system calls. A turn's reads then share them. The
// batch is read once the turn's I/O has been handled (setImmediate), so its read starts
// after every read it answers was asked: each sees every change committed before it was
// asked, as a read of its own would. A batch holds at most MAX_IDS ids, so what one read
// returns is bounded by that many documents, no more than the reads would have fetched
// one by one.

const MAX_IDS = 64

interface Waiter<R> {
  resolve: (row: R | undefined) => void
  reject: (error: unknown) => void
}

export class BatchedPointReads<R> {
  readonly #read: (ids: string[]) => Promise<ReadonlyMap<string, R>>
  #waiting = new Map<string, Array<Waiter<R>>>()
  #scheduled = false

  /** `read` returns the rows of those of `ids` that exist, by id. */
  constructor (read: (ids: string[]) => Promise<ReadonlyMap<string, R>>) {
    this.#read = read
  }

  /** The row of `id`, or undefined when there is none, read with the other reads of this turn. */
  async get (id: string): Promise<R | undefined> {
    return await new Promise<R | undefined>((resolve, reject) => {
      const waiters = this.#waiting.get(id)
      if (waiters === undefined) this.#waiting.set(id, [{ resolve, reject }])
      else waiters.push({ resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => { this.#flush() })
      }
    })
  }

  #flush (): void {
    const batch = new Map<string, Array<Waiter<R>>>()
    for (const [id, waiters] of this.#waiting) {
      if (batch.size === MAX_IDS) break
      batch.set(id, waiters)
      this.#waiting.delete(id)
    }
    if (this.#waiting.size > 0) setImmediate(() => { this.#flush() })
    else this.#scheduled = false
    this.#read([...batch.keys()]).then((rows) => {
      for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(rows.get(id))
    }, (error: unknown) => {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error)
    })
  }
}
