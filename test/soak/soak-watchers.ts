// The soak's watchers: one per instance per family, opened from the head before the load
// starts, each keeping what it needs of every event (sequence, entity, version, the
// custom-property values a human task update set) and resuming with Last-Event-ID
// whenever the server ends its stream, as an EventSource would. One of them can be a slow
// client, pausing its reading so that the server disconnects it; the oracle then holds
// it to the same account as the others. Whether the server disconnects it depends on
// how many bytes the load's events make against the sockets' buffers; so that every run
// resumes at least once, a slow watcher the server has not disconnected by the middle
// of the load drops its connection itself, as a client whose network fails would. The
// oracle holds it: every acknowledged write exactly once, in
// sequence order, each entity's in version order, nothing that was not acknowledged.
// The failover test opens them too, told to try a refused resume again (a 503 while the
// database has no primary) as a client that outlasts an outage would.
import http from 'node:http'

export type WatchedFamily = 'task-status' | 'human-task'

/** What the oracle checks of one event. */
export interface WatchedChange {
  sequence: number
  family: string
  id: string
  version: number
  /** For a human task update: the custom-property values it set, `name=value`. */
  tags: string[]
}

/** What a watcher heard, as the oracle reads it. */
export interface WatchedStream {
  instance: number
  family: WatchedFamily
  changes: readonly WatchedChange[]
  /** What went wrong on the wire: a refused resume, an event id that is not its sequence. */
  problems: readonly string[]
}

export interface WatcherReport {
  instance: number
  family: WatchedFamily
  slow: boolean
  /** The sequence it started after: the X-Change-Sequence of a list on its instance. */
  from: number
  events: number
  /** How often its stream ended and it resumed with Last-Event-ID. */
  resumes: number
  /** Of those, how often the server ended it (a slow client, in the soak). */
  serverEnded: number
  /** How long after the load it had every acknowledged write; null when it never did. */
  caughtUpMs?: number | null
  /** Resumes refused with a 503, or whose connection failed before an answer, tried again (when told to). */
  refusedResumes: number
  /** The longest time from a stream's end to the next stream opened, in ms. */
  longestGapMs: number
}

export interface WatcherOptions {
  /** Tries a resume again after RETRY_MS when it is refused with a 503 or its connection fails, rather than reporting it. */
  retryRefusedResumes?: boolean
}

const WATCH_PATHS: Record<WatchedFamily, string> = { 'task-status': '/task-status/watch', 'human-task': '/v1/tasks/watch' }
const LIST_PATHS: Record<WatchedFamily, string> = { 'task-status': '/task-status?limit=1', 'human-task': '/v1/tasks?limit=1' }

/** How a slow watcher reads: paused this long, then reading for READ_MS, over and over. */
const PAUSE_MS = 1500
const READ_MS = 100
/** How long a refused resume waits before it is tried again. */
const RETRY_MS = 250

export class SoakWatcher implements WatchedStream {
  readonly changes: WatchedChange[] = []
  readonly problems: string[] = []
  /** The bodies of the 503s that refused a resume tried again, for the caller to check their shape. */
  readonly refusals: string[] = []
  resumes = 0
  serverEnded = 0
  refusedResumes = 0
  longestGapMs = 0
  readonly #base: string
  readonly #instance: number
  readonly #family: WatchedFamily
  readonly #from: number
  readonly #options: WatcherOptions
  #slowUntil = 0
  #cursor: number
  #request: http.ClientRequest | undefined
  #closed = false
  #dropping = false
  #readingUntil = 0

  private constructor (base: string, instance: number, family: WatchedFamily, from: number, options: WatcherOptions) {
    this.#base = base
    this.#instance = instance
    this.#family = family
    this.#from = from
    this.#cursor = from
    this.#options = options
  }

  /** A watcher from the head its instance's list reports, its stream open before this resolves. */
  static async open (base: string, instance: number, family: WatchedFamily, options: WatcherOptions = {}): Promise<SoakWatcher> {
    const listed = await fetch(`${base}${LIST_PATHS[family]}`)
    await listed.arrayBuffer()
    const head = Number(listed.headers.get('x-change-sequence'))
    if (listed.status !== 200 || !Number.isSafeInteger(head)) throw new Error(`${base}${LIST_PATHS[family]} answered ${listed.status} with X-Change-Sequence ${String(listed.headers.get('x-change-sequence'))}`)
    const watcher = new SoakWatcher(base, instance, family, head, options)
    await watcher.#connect({ since: head })
    return watcher
  }

  get family (): WatchedFamily {
    return this.#family
  }

  get instance (): number {
    return this.#instance
  }

  /**
   * Reads slowly until `until` (a Date.now() time), then at full speed; at `dropAt`, drops
   * its connection unless the server has ended one already.
   */
  slowUntil (until: number, dropAt: number): void {
    this.#slowUntil = until
    this.dropAt(dropAt, { unlessResumed: true })
  }

  /** Drops its connection at `at` (a Date.now() time), as a client whose network fails; `unlessResumed`: not if it has resumed by then. */
  dropAt (at: number, { unlessResumed = false } = {}): void {
    setTimeout(() => {
      if ((unlessResumed && this.resumes > 0) || this.#closed) return
      this.#dropping = true
      this.#request?.destroy()
    }, Math.max(0, at - Date.now())).unref()
  }

  report (): WatcherReport {
    return {
      instance: this.#instance,
      family: this.#family,
      slow: this.#slowUntil > 0,
      from: this.#from,
      events: this.changes.length,
      resumes: this.resumes,
      serverEnded: this.serverEnded,
      refusedResumes: this.refusedResumes,
      longestGapMs: this.longestGapMs
    }
  }

  /** Resolves once `done()` holds, or after `timeoutMs`; false then. */
  async until (done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (!done()) {
      if (Date.now() >= deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return true
  }

  close (): void {
    this.#closed = true
    this.#request?.destroy()
  }

  async #connect (from: { since: number } | { lastEventId: number }, endedAt?: number): Promise<void> {
    const url = 'since' in from ? `${this.#base}${WATCH_PATHS[this.#family]}?since=${from.since}` : `${this.#base}${WATCH_PATHS[this.#family]}`
    const headers: Record<string, string> = { accept: 'text/event-stream', ...('lastEventId' in from && { 'last-event-id': String(from.lastEventId) }) }
    const retry = (): void => {
      this.refusedResumes++
      setTimeout(() => {
        if (this.#closed) return
        this.#connect(from, endedAt).catch((error: Error) => { this.problems.push(`resuming after ${this.#cursor}: ${error.message}`) })
      }, RETRY_MS)
    }
    await new Promise<void>((resolve, reject) => {
      let answered = false
      // A connection of its own, as an EventSource's: never a pooled socket the server may have closed.
      const request = http.get(url, { headers, agent: false }, (response) => {
        answered = true
        if (response.statusCode === 503 && this.#options.retryRefusedResumes === true && !this.#closed) {
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => { body += chunk })
          response.on('end', () => {
            this.refusals.push(body)
            resolve()
            retry()
          })
          return
        }
        if (response.statusCode !== 200) {
          this.problems.push(`${url} (${JSON.stringify(headers)}) answered ${String(response.statusCode)}`)
          response.resume()
          resolve()
          return
        }
        if (endedAt !== undefined) this.longestGapMs = Math.max(this.longestGapMs, Date.now() - endedAt)
        response.setEncoding('utf8')
        let buffer = ''
        let opened = false
        response.on('data', (chunk: string) => {
          buffer += chunk
          let boundary
          while ((boundary = buffer.indexOf('\n\n')) >= 0) {
            this.#frame(buffer.slice(0, boundary))
            buffer = buffer.slice(boundary + 2)
          }
          if (!opened) {
            opened = true
            resolve()
          }
          this.#maybePause(response)
        })
        // The server ended the stream (a slow client, a shutdown): resume after the last
        // complete event, as an EventSource does; a frame cut short is sent again.
        response.on('close', () => {
          if (!opened) resolve()
          if (this.#closed) return
          this.resumes++
          if (this.#dropping) this.#dropping = false
          else this.serverEnded++
          this.#connect({ lastEventId: this.#cursor }, Date.now()).catch((error: Error) => { this.problems.push(`resuming after ${this.#cursor}: ${error.message}`) })
        })
      })
      this.#request = request
      request.on('error', (error) => {
        if (this.#closed) return
        if (!answered && 'lastEventId' in from && this.#options.retryRefusedResumes === true) {
          resolve()
          retry()
          return
        }
        reject(error)
      })
    })
  }

  #frame (frame: string): void {
    let id: string | undefined
    const data: string[] = []
    for (const line of frame.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    if (data.length === 0) return
    const entry = JSON.parse(data.join('\n')) as { sequence: number, family: string, id: string, version: number, changes: unknown }
    if (String(entry.sequence) !== id) this.problems.push(`event id ${String(id)} carries sequence ${entry.sequence}`)
    const tags = Array.isArray(entry.changes)
      ? (entry.changes as Array<{ property?: string, name?: string, newValue?: unknown }>)
          .filter((change) => change.property === 'customProperties' && typeof change.newValue === 'string')
          .map((change) => `${String(change.name)}=${String(change.newValue)}`)
      : []
    this.changes.push({ sequence: entry.sequence, family: entry.family, id: entry.id, version: entry.version, tags })
    this.#cursor = entry.sequence
  }

  #maybePause (response: http.IncomingMessage): void {
    const now = Date.now()
    if (now >= this.#slowUntil || now < this.#readingUntil || response.isPaused()) return
    response.pause()
    setTimeout(() => {
      // Reads for a moment, then pauses again at a chunk after that.
      this.#readingUntil = Date.now() + READ_MS
      response.resume()
    }, PAUSE_MS)
  }
}

/** The writes a watcher of each family must see, as `id version` keys, with the tags of human task updates. */
export interface WatchExpectation {
  'task-status': Set<string>
  'human-task': Set<string>
  /** Human task id → the `client=value` tags its acknowledged updates set. */
  humanTaskTags: Map<string, string[]>
}

/** What is wrong with what `watcher` received, against what was acknowledged. */
export function watcherViolations (watcher: WatchedStream, expected: WatchExpectation): string[] {
  const name = `the ${watcher.family} watcher of instance ${watcher.instance}`
  const violations = watcher.problems.map((problem) => `${name}: ${problem}`)
  const keys = expected[watcher.family]
  const seen = new Map<string, number>()
  const lastVersion = new Map<string, number>()
  const tagsSeen = new Map<string, Set<string>>()
  let lastSequence = -Infinity
  for (const change of watcher.changes) {
    if (change.sequence <= lastSequence) violations.push(`${name}: sequence ${change.sequence} came after ${lastSequence}`)
    lastSequence = Math.max(lastSequence, change.sequence)
    if (change.family !== watcher.family) violations.push(`${name}: received a ${change.family} entry (${change.sequence})`)
    const key = `${change.id} ${change.version}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
    if (!keys.has(key)) violations.push(`${name}: received ${key} (sequence ${change.sequence}), never acknowledged`)
    const previous = lastVersion.get(change.id) ?? 0
    if (change.version <= previous) violations.push(`${name}: ${change.id} version ${change.version} came after version ${previous}`)
    lastVersion.set(change.id, Math.max(previous, change.version))
    let tags = tagsSeen.get(change.id)
    if (tags === undefined) tagsSeen.set(change.id, tags = new Set())
    for (const tag of change.tags) {
      if (tags.has(tag)) violations.push(`${name}: ${change.id} set ${tag} twice`)
      tags.add(tag)
    }
  }
  const missing = [...keys].filter((key) => seen.get(key) === undefined)
  if (missing.length > 0) violations.push(`${name}: missed ${missing.length} acknowledged writes, e.g. ${missing.slice(0, 5).join(', ')}`)
  const twice = [...seen].filter(([, count]) => count > 1).map(([key]) => key)
  if (twice.length > 0) violations.push(`${name}: received ${twice.length} writes more than once, e.g. ${twice.slice(0, 5).join(', ')}`)
  if (watcher.family === 'human-task') {
    for (const [id, acknowledged] of expected.humanTaskTags) {
      const received = tagsSeen.get(id) ?? new Set()
      const lost = acknowledged.filter((tag) => !received.has(tag))
      if (lost.length > 0) violations.push(`${name}: ${id} missed the updates setting ${lost.slice(0, 5).join(', ')}`)
    }
  }
  return violations
}

/** Whether `watcher` has every write expected of it (it may still be behind, or have missed one). */
export function hasAllExpected (watcher: WatchedStream, expected: WatchExpectation): boolean {
  const keys = expected[watcher.family]
  if (watcher.changes.length < keys.size) return false
  const seen = new Set(watcher.changes.map((change) => `${change.id} ${change.version}`))
  for (const key of keys) if (!seen.has(key)) return false
  return true
}
