// Reads of single documents by id that arrive in the same event-loop turn, answered by one
// statement (`= ANY` over their ids) instead of a round trip each. Each round trip costs
// Node a socket write and PostgreSQL a statement, which on a shared machine is most of
// what a GET costs; a turn's reads then share both. The statement is sent once the turn's
// I/O has been handled (setImmediate), so it starts after every read it answers was
// asked for: each sees every change committed before it was asked, as a read of its own
// would. A batch holds at most MAX_IDS ids, so what one statement returns is bounded by
// that many documents, no more than the reads would have fetched one by one.

const MAX_IDS = 64

interface Waiter<R> {
  resolve: (row: R | undefined) => void
  reject: (error: unknown) => void
}

export class BatchedPointReads<R> {
  readonly #read: (ids: string[]) => Promise<R[]>
  readonly #idOf: (row: R) => string
  #waiting = new Map<string, Array<Waiter<R>>>()
  #scheduled = false

  /** `read` returns the rows of those of `ids` that exist, in any order; `idOf` names a row's id. */
  constructor (read: (ids: string[]) => Promise<R[]>, idOf: (row: R) => string) {
    this.#read = read
    this.#idOf = idOf
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
      const byId = new Map(rows.map((row) => [this.#idOf(row), row]))
      for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(byId.get(id))
    }, (error: unknown) => {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error)
    })
  }
}
