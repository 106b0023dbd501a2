// A real webhook receiver on loopback: it records every request it gets, verifies each
// against the subscription's secrets with the reference implementation, and answers
// as the test tells it to.
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { onTestFinished } from 'vitest'

export interface ReceivedWebhook {
  id: string
  timestamp: string
  signature: string
  body: string
  payload: { type: string, timestamp: string, data: Record<string, unknown> }
  at: number
}

/** A status to answer; 'hang' never answers; 'endless' answers 200 with a body that never ends. */
export type Answer = (received: ReceivedWebhook, index: number) => { status: number, headers?: Record<string, string> } | 'hang' | 'endless'

export interface Receiver {
  url: string
  received: ReceivedWebhook[]
  answer: Answer
  /** Resolves once `count` requests have come (rejects after `timeoutMs`). */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>
}

export async function startReceiver (answer: Answer = () => ({ status: 204 })): Promise<Receiver> {
  const received: ReceivedWebhook[] = []
  const receiver: Receiver = {
    url: '',
    received,
    answer,
    async waitFor (count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`got ${received.length} webhooks, not ${count}, within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      return received
    }
  }
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const webhook: ReceivedWebhook = {
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body,
        payload: JSON.parse(body) as ReceivedWebhook['payload'],
        at: Date.now()
      }
      received.push(webhook)
      const reply = receiver.answer(webhook, received.length - 1)
      if (reply === 'hang') return
      if (reply === 'endless') {
        response.writeHead(200)
        const chunk = Buffer.alloc(4096, 120)
        // Each chunk once the last is flushed, until the client goes: a write to a closed
        // socket calls back at once (with an error, or on Node 24 none), so the socket's
        // own state is asked too, or the pump would spin on process.nextTick for ever.
        const pump = (error?: Error | null): void => {
          if (error !== undefined && error !== null) return
          if (response.destroyed || response.writableEnded || response.socket === null || response.socket.destroyed) return
          response.write(chunk, pump)
        }
        pump()
        return
      }
      response.writeHead(reply.status, reply.headers).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  onTestFinished(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return receiver
}

/** Whether the secret verifies the webhook as Standard Webhooks says (throws when not). */
export function verify (secret: string, webhook: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(webhook.body, { 'webhook-id': webhook.id, 'webhook-timestamp': webhook.timestamp, 'webhook-signature': webhook.signature })
}
