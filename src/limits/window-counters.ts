// Counts per key over a fixed window, in memory, for one limit. The window is the
// table's, not each key's: when it ends every count starts again at zero, so a key
// never needs a timestamp of its own, and a count is one map lookup.
//
// The table holds at most `capacity` keys and evicts none within a window, so that no
// caller can push out another's count by making up new keys, and the memory stays
// bounded. A key that arrives once it is full is never refused on a count that others
// fill: with `groupOf` it is counted under its group (an address under its network),
// in a second table as large, so that only the group that overflowed shares a count;
// without one, or once the groups fill too, it is not counted at all.

class Count {
  n = 0
}

export class WindowCounters {
  private readonly counts = new Map<string, Count>()
  private readonly groups = new Map<string, Count>()
  private endsAt = 0

  constructor (readonly max: number, readonly windowMs: number, private readonly capacity: number, private readonly groupOf?: (key: string) => string) {}

  /** Adds one to `key`'s count at `now` (ms) and returns the count: 0 when the table counts it nowhere. */
  add (key: string, now: number): number {
    if (now >= this.endsAt) this.restart(now)
    const count = this.counts.get(key)
    if (count !== undefined) return ++count.n
    if (this.counts.size < this.capacity) return this.insert(this.counts, key)
    if (this.groupOf === undefined) return 0
    const group = this.groupOf(key)
    const groupCount = this.groups.get(group)
    if (groupCount !== undefined) return ++groupCount.n
    return this.groups.size < this.capacity ? this.insert(this.groups, group) : 0
  }

  /** `key`'s count at `now`, without adding to it. */
  count (key: string, now: number): number {
    if (now >= this.endsAt) this.restart(now)
    // Most windows count no failure at all: then no key needs hashing.
    if (this.counts.size === 0) return 0
    const count = this.counts.get(key)
    if (count !== undefined) return count.n
    if (this.counts.size < this.capacity || this.groupOf === undefined || this.groups.size === 0) return 0
    return this.groups.get(this.groupOf(key))?.n ?? 0
  }

  /** Milliseconds until the window that holds `now` ends. */
  msLeft (now: number): number {
    return Math.max(0, this.endsAt - now)
  }

  private insert (table: Map<string, Count>, key: string): number {
    const fresh = new Count()
    fresh.n = 1
    table.set(key, fresh)
    return 1
  }

  private restart (now: number): void {
    this.counts.clear()
    this.groups.clear()
    this.endsAt = now + this.windowMs
  }
}
