// One delivery attempt: a signed POST (Standard Webhooks 1.0, through its reference
// implementation), within a timeout that covers resolving, connecting and the answer;
// redirects are not followed (a 3xx is a failure) and at most a few KiB of the answer
// are read. The socket's address is checked before anything is sent.
import http from 'node:http'
import https from 'node:https'
import { isIP, type Socket } from 'node:net'
import { Webhook } from 'standardwebhooks'
import type { ReceiverAddresses } from './receiver-addresses.js'

/** How much of a receiver's answer is read before the connection is dropped. */
const MAX_ANSWER_BYTES = 16 * 1024

export interface SignedMessage {
  /** The webhook-id: the same for every attempt of one event. */
  id: string
  body: string
  /** Every secret that signs now, newest first. */
  secrets: readonly string[]
}

export interface AttemptResult {
  /** The receiver's status, or null when it gave none. */
  status: number | null
  /** A Retry-After of the answer, in ms from now. */
  retryAfterMs: number | undefined
  error: string | undefined
  latencyMs: number
}

/** The webhook-signature header: one `v1,…` per secret, separated by spaces. */
export function signatureHeader (message: SignedMessage, at: Date): string {
  return message.secrets.map((secret) => new Webhook(secret).sign(message.id, at, message.body)).join(' ')
}

// Seconds, or an HTTP date (RFC 9110 §10.2.3); capped at a day.
export function retryAfterMs (value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now
  if (Number.isNaN(ms)) return undefined
  return Math.min(Math.max(ms, 0), 86_400_000)
}

export class WebhookSender {
  readonly #addresses: ReceiverAddresses
  readonly #timeoutMs: number
  readonly #agents: { http: http.Agent, https: https.Agent }

  constructor (addresses: ReceiverAddresses, timeoutMs: number) {
    this.#addresses = addresses
    this.#timeoutMs = timeoutMs
    // Keep-alive: a busy subscription sends its events over one connection.
    const options = { keepAlive: true, maxSockets: 4, maxTotalSockets: 256, lookup: addresses.lookup }
    this.#agents = { http: new http.Agent(options), https: new https.Agent(options) }
  }

  async send (url: string, message: SignedMessage, signal: AbortSignal): Promise<AttemptResult> {
    const started = performance.now()
    const result = (fields: Partial<AttemptResult>): AttemptResult =>
      ({ status: null, retryAfterMs: undefined, error: undefined, ...fields, latencyMs: Math.round(performance.now() - started) })
    const target = new URL(url)
    // A literal address is never looked up: it is checked here, as a name's addresses are.
    const host = target.hostname.replace(/^\[|\]$/g, '')
    if (isIP(host) !== 0) {
      const refusal = this.#addresses.refusal(host)
      if (refusal !== undefined) return result({ error: refusal })
    }
    const now = new Date()
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'taskd-webhooks',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signatureHeader(message, now)
    }
    return await new Promise<AttemptResult>((resolve) => {
      let settled = false
      const finish = (fields: Partial<AttemptResult>): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result(fields))
      }
      const request = (target.protocol === 'https:' ? https : http).request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(message.body) },
        agent: target.protocol === 'https:' ? this.#agents.https : this.#agents.http,
        signal
      })
      const timer = setTimeout(() => { request.destroy(new Error(`no answer within ${this.#timeoutMs} ms (WEBHOOK_TIMEOUT_MS)`)) }, this.#timeoutMs)
      request.on('socket', (socket: Socket) => {
        // The address the socket connected to, whatever resolved it.
        const check = (): void => {
          const refusal = socket.remoteAddress === undefined ? undefined : this.#addresses.refusal(socket.remoteAddress)
          if (refusal !== undefined) request.destroy(new Error(refusal))
        }
        if (socket.connecting) socket.once('connect', check)
        else check()
      })
      request.on('error', (error) => { finish({ error: error.message }) })
      request.on('response', (response) => {
        let read = 0
        const done = (): void => {
          const status = response.statusCode ?? null
          const retryAfter = retryAfterMs(response.headers['retry-after'], Date.now())
          const ok = status !== null && status >= 200 && status < 300
          finish({ status, retryAfterMs: retryAfter, ...(!ok && { error: status !== null && status >= 300 && status < 400 ? `redirect to ${response.headers.location ?? '?'} not followed` : `the receiver answered ${status ?? '?'}` }) })
        }
        response.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > MAX_ANSWER_BYTES) {
            done()
            response.destroy()
          }
        })
        response.on('end', done)
        response.on('error', done)
      })
      request.end(message.body)
    })
  }

  close (): void {
    this.#agents.http.destroy()
    this.#agents.https.destroy()
  }
}
