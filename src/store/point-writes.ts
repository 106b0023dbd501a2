// Conditional writes of single documents that arrive in the same event-loop turn, sent
// together: on PostgreSQL one statement (and one commit) writes them all instead of a
// round trip and a commit each. A round trip costs Node a socket write, PostgreSQL a
// statement, and a commit its WAL flush; a turn's writes then share them. Each write is
// made over the version its caller read and says whether it was written: a write that
// another overtook is not, and its caller reads again (as a write of its own would have
// found). A batch holds one write per id, so that which write of an id won is never in
// doubt: a second write of the same id waits for the next batch, where it finds itself
// overtaken by the first. A batch holds at most MAX_WRITES writes and MAX_BYTES of their
// text (at least one write, whatever its size), so what one statement carries is bounded.

const MAX_WRITES = 64
const MAX_BYTES = 4 * 1024 * 1024

export interface PointWrite {
  /** The document written. */
  readonly id: string
  /** The bytes of text the write sends: what the batch's bound counts. */
  readonly bytes: number
}

interface Pending<W> {
  write: W
  resolve: (written: boolean) => void
  reject: (error: unknown) => void
}

export class BatchedPointWrites<W extends PointWrite> {
  readonly #commit: (writes: readonly W[]) => Promise<ReadonlySet<string>>
  #queue: Array<Pending<W>> = []
  #scheduled = false

  /**
   * `commit` makes every write of `writes` (distinct ids) that still applies, at once,
   * and returns the ids of those it made; it rejects when it made none (nothing it was
   * given is then written).
   */
  constructor (commit: (writes: readonly W[]) => Promise<ReadonlySet<string>>) {
    this.#commit = commit
  }

  /** Whether `write` was made, with the other writes of this turn; false when another write overtook it. */
  async write (write: W): Promise<boolean> {
    return await new Promise<boolean>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => { this.#flush() })
      }
    })
  }

  #flush (): void {
    const batch: Array<Pending<W>> = []
    const ids = new Set<string>()
    const left: Array<Pending<W>> = []
    let bytes = 0
    for (const [index, pending] of this.#queue.entries()) {
      const { id, bytes: size } = pending.write
      if (batch.length === MAX_WRITES || (batch.length > 0 && bytes + size > MAX_BYTES)) {
        left.push(...this.#queue.slice(index))
        break
      }
      if (ids.has(id)) {
        left.push(pending)
        continue
      }
      batch.push(pending)
      ids.add(id)
      bytes += size
    }
    this.#queue = left
    if (left.length > 0) setImmediate(() => { this.#flush() })
    else this.#scheduled = false
    this.#commit(batch.map((pending) => pending.write)).then((written) => {
      for (const pending of batch) pending.resolve(written.has(pending.write.id))
    }, (error: unknown) => {
      for (const pending of batch) pending.reject(error)
    })
  }
}
