// The open watch streams of this instance: each follows the change log from its cursor,
// a page at a time, and waits for the store's commit signal once caught up. What one
// stream holds is bounded: one page of entries (changesSince's bound) and what its socket
// has not sent yet, which may not pass WATCH_BUFFER_BYTES: a client that reads slower
// than changes come is disconnected, and resumes from the last event it received. The
// number of streams is bounded too (WATCH_MAX_STREAMS), and shutdown ends them all.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Counter, Gauge, Histogram } from 'prom-client'
import { WatchStreamsExhaustedError } from '../errors.js'
import { changeEntryJson, type ChangeEntry, type ChangeFamily, type ChangeFilter, type ChangeLog } from '../store/change-log.js'
import type { CommitSignal } from '../store/commit-signal.js'

/** Entries one read of the log asks for; changesSince bounds their bytes too. */
const WATCH_PAGE = 200

export interface WatchMetrics {
  streams: Gauge<'family'>
  lag: Histogram<'family'>
  events: Counter<'family'>
  slowClosed: Counter<'family'>
}

export interface WatchStreamsOptions {
  changeLog: ChangeLog
  commits: CommitSignal
  maxStreams: number
  bufferBytes: number
  /** How long a stream waits for its socket to drain before it is closed as stuck, in ms. */
  drainTimeoutMs: number
  metrics: WatchMetrics
}

/** One event of the stream, as text/event-stream frames it. */
export function eventText (entry: ChangeEntry): string {
  // The entry's JSON text holds no line break (JSON.stringify writes none, and what
  // changed is stored as it wrote it); were there one, each line is a data line.
  const data = changeEntryJson(entry).split('\n').join('\ndata: ')
  return `id: ${entry.sequence}\nevent: ${entry.kind}\ndata: ${data}\n\n`
}

/** A wake-up that is not lost when it comes before anyone waits for it. */
class Wake {
  #pending = false
  #resolve: (() => void) | undefined

  fire (): void {
    this.#pending = true
    const resolve = this.#resolve
    this.#resolve = undefined
    resolve?.()
  }

  async next (): Promise<void> {
    if (!this.#pending) await new Promise<void>((resolve) => { this.#resolve = resolve })
    this.#pending = false
  }
}

interface OpenStream { open: boolean, close: () => void, buffered: () => number }

export class WatchStreams {
  readonly #options: WatchStreamsOptions
  readonly #open = new Set<OpenStream>()
  #closing = false

  constructor (options: WatchStreamsOptions) {
    this.#options = options
  }

  get size (): number {
    return this.#open.size
  }

  /** The bytes the open streams' sockets hold unsent: what slow clients cost this instance. */
  bufferedBytes (): number {
    let total = 0
    for (const stream of this.#open) total += stream.buffered()
    return total
  }

  /** Refuses a stream past the bound, before anything of it is sent. */
  admit (): void {
    if (this.#closing || this.#open.size >= this.#options.maxStreams) throw new WatchStreamsExhaustedError(this.#options.maxStreams)
  }

  /** Ends every open stream (at shutdown): each client may reconnect to another instance. */
  closeAll (): void {
    this.#closing = true
    for (const stream of [...this.#open]) stream.close()
  }

  /** Streams the entries after `cursor` that match `filter`, until the client or the server ends the stream. */
  async serve (request: FastifyRequest, reply: FastifyReply, family: ChangeFamily, filter: ChangeFilter, cursor: number): Promise<void> {
    this.admit()
    const { changeLog, commits, bufferBytes, drainTimeoutMs, metrics } = this.#options
    const sse = reply.sse
    const raw = reply.raw
    const wake = new Wake()
    const stream: OpenStream = {
      open: true,
      buffered: () => raw.writableLength,
      close () {
        stream.open = false
        wake.fire()
      }
    }
    this.#open.add(stream)
    metrics.streams.inc({ family })
    const unsubscribe = commits.subscribe(() => { wake.fire() })
    sse.onClose(() => { stream.close() })
    const onDrain = (): void => { wake.fire() }
    raw.on('drain', onDrain)
    try {
      sse.sendHeaders()
      // The headers go out at once, with where the stream starts.
      raw.write(`: watching after ${cursor}\n\n`)
      while (stream.open && sse.isConnected) {
        const page = await changeLog.changesSince(cursor, WATCH_PAGE, filter)
        if (!stream.open || !sse.isConnected) break
        const now = Date.now()
        for (const entry of page.changes) {
          raw.write(eventText(entry))
          metrics.lag.observe({ family }, Math.max(0, now - Date.parse(entry.time)) / 1000)
        }
        metrics.events.inc({ family }, page.changes.length)
        cursor = page.next
        if (raw.writableLength > bufferBytes) {
          metrics.slowClosed.inc({ family })
          request.log.info({ buffered: raw.writableLength, cursor }, 'watch stream closed: its client reads too slowly (it may resume)')
          break
        }
        if (raw.writableNeedDrain) {
          if (!await drained(raw, wake, drainTimeoutMs, () => stream.open)) {
            if (!stream.open) break
            metrics.slowClosed.inc({ family })
            request.log.info({ buffered: raw.writableLength, cursor }, 'watch stream closed: its socket did not drain (it may resume)')
            break
          }
          continue
        }
        if (page.caughtUp) await wake.next()
      }
    } catch (error) {
      // The store could not be read: the client resumes, here or elsewhere.
      request.log.warn({ err: error, cursor }, 'watch stream closed: the change log cannot be read')
    } finally {
      raw.off('drain', onDrain)
      unsubscribe()
      this.#open.delete(stream)
      metrics.streams.dec({ family })
      sse.close()
    }
  }
}

// Resolves true once the socket drained, false when it did not within `timeoutMs`;
// `wake` is fired by the drain, a commit or the stream's end, whichever comes first.
async function drained (raw: FastifyReply['raw'], wake: Wake, timeoutMs: number, isOpen: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (raw.writableNeedDrain && isOpen()) {
    const left = deadline - Date.now()
    if (left <= 0 || raw.destroyed) return false
    let timer: NodeJS.Timeout | undefined
    await Promise.race([wake.next(), new Promise<void>((resolve) => { timer = setTimeout(resolve, left) })])
    clearTimeout(timer)
  }
  return isOpen()
}
