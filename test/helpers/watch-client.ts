// A text/event-stream client over real HTTP, for the watch tests: it parses the stream
// as an EventSource would (events, comments) and lets a test wait for what it expects.
import http from 'node:http'

export interface WatchEvent { id: string | undefined, event: string | undefined, data: string }

export interface WatchClient {
  status: number
  headers: http.IncomingHttpHeaders
  events: WatchEvent[]
  comments: string[]
  /** Resolves once `count` events have arrived (all of them); rejects after `timeoutMs`. */
  waitForEvents: (count: number, timeoutMs?: number) => Promise<WatchEvent[]>
  waitForComment: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  /** The response, to pause it as a slow client would. */
  response: http.IncomingMessage
  close: () => void
}

export async function openWatch (url: string, headers: Record<string, string> = {}): Promise<WatchClient> {
  return await new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const events: WatchEvent[] = []
      const comments: string[] = []
      let waiters: Array<() => void> = []
      let buffer = ''
      let endedResolve: () => void = () => {}
      const ended = new Promise<void>((resolve) => { endedResolve = resolve })
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let boundary
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          const event: WatchEvent = { id: undefined, event: undefined, data: '' }
          const data: string[] = []
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim())
            else if (line.startsWith('id: ')) event.id = line.slice(4)
            else if (line.startsWith('event: ')) event.event = line.slice(7)
            else if (line.startsWith('data: ')) data.push(line.slice(6))
          }
          if (data.length > 0) events.push({ ...event, data: data.join('\n') })
        }
        const ready = waiters
        waiters = []
        for (const wake of ready) wake()
      })
      response.on('end', () => { endedResolve() })
      response.on('close', () => { endedResolve() })
      response.on('error', () => { endedResolve() })
      async function until<T> (check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
        const deadline = Date.now() + timeoutMs
        for (;;) {
          const found = check()
          if (found !== undefined) return found
          const left = deadline - Date.now()
          if (left <= 0) throw new Error(`timed out waiting for ${what}; have ${events.length} events: ${JSON.stringify(events.map((event) => event.id))}`)
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left)
            waiters.push(() => { clearTimeout(timer); resolve() })
          })
        }
      }
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        comments,
        response,
        ended,
        waitForEvents: async (count, timeoutMs = 3000) => await until(() => events.length >= count ? events.slice() : undefined, timeoutMs, `${count} events`),
        waitForComment: async (pattern, timeoutMs = 3000) => await until(() => comments.find((comment) => pattern.test(comment)), timeoutMs, `a comment ${String(pattern)}`),
        close: () => { request.destroy() }
      })
    })
    request.on('error', reject)
  })
}
