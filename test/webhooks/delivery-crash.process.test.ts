// The delivering instance is killed (SIGKILL) mid-stream; another instance over the same
// PostgreSQL database takes the subscription over once the lease expires. Every event
// arrives at least once, and an event that arrives twice carries the same webhook-id.
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { startReceiver, verify } from '../helpers/webhook-receiver.js'

const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

const WEBHOOKS = { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '20', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_LEASE_MS: '2000' }
const EVENTS = 150

describe.skipIf(postgresUrl === null)('an instance killed while delivering', () => {
  it('is covered by another: every event arrives, duplicates only with the same webhook-id', async () => {
    const env = await storeFor.postgres()
    const receiver = await startReceiver()
    const writer = await startServer({ ...env, WEBHOOKS_ENABLED: 'false' })
    const delivering = await startServer({ ...env, ...WEBHOOKS, WEBHOOKS_ENABLED: 'true' })
    let successor: Awaited<ReturnType<typeof startServer>> | undefined
    try {
      const created = await fetch(`${writer.url}/webhooks/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url, eventTypes: ['task-status.created'] }) })
      const { id, secret } = await created.json() as { id: string, secret: string }
      for (let index = 0; index < EVENTS; index++) {
        const response = await fetch(`${writer.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })
        expect(response.status).toBe(201)
        // Killed while events are still being written and delivered.
        if (index === 40) {
          await receiver.waitFor(10)
          delivering.child.kill('SIGKILL')
          successor = await startServer({ ...env, ...WEBHOOKS, WEBHOOKS_ENABLED: 'true' })
        }
      }
      const expected = Array.from({ length: EVENTS }, (_, index) => `${id}_${index + 1}`)
      const deadline = Date.now() + 30_000
      while (!expected.every((webhookId) => receiver.received.some((webhook) => webhook.id === webhookId)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      for (const webhook of receiver.received) verify(secret, webhook)
      const ids = new Set(receiver.received.map((webhook) => webhook.id))
      expect([...ids].sort()).toEqual([...expected].sort())
      // A duplicate is the same event again: the same id, the same body.
      const bodies = new Map<string, string>()
      for (const webhook of receiver.received) {
        const earlier = bodies.get(webhook.id)
        if (earlier !== undefined) expect(JSON.parse(webhook.body).data).toEqual(JSON.parse(earlier).data)
        bodies.set(webhook.id, webhook.body)
      }
    } finally {
      await writer.stop()
      await successor?.stop()
    }
  }, 90_000)
})
