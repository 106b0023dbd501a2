// Counts per key over a fixed window, in memory, for one limit. The window is the
// table's, not each key's: when it ends every count starts again at zero, so a key
// never needs a timestamp of its own, and a count is one map lookup.
//
// The table holds at most `capacity` keys and evicts none within a window: keys that
// arrive once it is full share one overflow count, so that no caller can push out
// another's count by making up new keys, and the memory stays bounded.

class Count {
  n = 0
}

export class WindowCounters {
  private readonly counts = new Map<string, Count>()
  private overflow = 0
  private endsAt = 0

  constructor (readonly max: number, readonly windowMs: number, private readonly capacity: number) {}

  /** Adds one to `key`'s count at `now` (ms) and returns the count. */
  add (key: string, now: number): number {
    if (now >= this.endsAt) this.restart(now)
    const count = this.counts.get(key)
    if (count !== undefined) return ++count.n
    if (this.counts.size >= this.capacity) return ++this.overflow
    const fresh = new Count()
    fresh.n = 1
    this.counts.set(key, fresh)
    return 1
  }

  /** `key`'s count at `now`, without adding to it. */
  count (key: string, now: number): number {
    if (now >= this.endsAt) this.restart(now)
    // Most windows count no failure at all: then no key needs hashing.
    if (this.counts.size === 0) return 0
    const count = this.counts.get(key)
    if (count !== undefined) return count.n
    return this.counts.size >= this.capacity ? this.overflow : 0
  }

  /** Milliseconds until the window that holds `now` ends. */
  msLeft (now: number): number {
    return Math.max(0, this.endsAt - now)
  }

  private restart (now: number): void {
    this.counts.clear()
    this.overflow = 0
    this.endsAt = now + this.windowMs
  }
}
