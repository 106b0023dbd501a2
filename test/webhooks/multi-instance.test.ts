// Two taskd instances over one PostgreSQL database, both delivering: the lease in the
// database lets one at a time deliver to a subscription, and a lease its holder never
// gives back (an instance killed mid-delivery) is taken over once it expires.
import { describe, expect, it, onTestFinished } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'
import { startReceiver, verify } from '../helpers/webhook-receiver.js'

const ENV = { WEBHOOKS_ENABLED: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '20', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_LEASE_MS: '3000' }

async function instances (count: number): Promise<Array<Awaited<ReturnType<typeof testApp>>>> {
  const schema = testSchemaName()
  onTestFinished(async () => { await dropTestSchemas(schema) })
  const apps = []
  for (let index = 0; index < count; index++) {
    const store = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    apps.push(await testApp(ENV, store))
  }
  return apps
}

describe.skipIf(postgresUrl === null)('webhook delivery from two instances over PostgreSQL', () => {
  it('delivers every event once, in order, whichever instance wrote it', async () => {
    const [a, b] = await instances(2)
    const receiver = await startReceiver()
    const created = await a!.app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: receiver.url, eventTypes: ['task-status.created'] } })
    const { id, secret } = created.json()
    for (let index = 0; index < 20; index++) await createTaskStatusOver(index % 2 === 0 ? a!.app : b!.app)
    const received = await receiver.waitFor(20)
    await new Promise((resolve) => setTimeout(resolve, 300))
    for (const webhook of received) verify(secret, webhook)
    expect(receiver.received.map((webhook) => webhook.id)).toEqual(Array.from({ length: 20 }, (_, index) => `${id as string}_${index + 1}`))
  })

  it('takes over a subscription whose lease holder went silent, once the lease expires', async () => {
    const [a] = await instances(1)
    const receiver = await startReceiver()
    const { id } = (await a!.app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: receiver.url, eventTypes: ['task-status.created'] } })).json()
    // What an instance killed mid-delivery leaves: a lease nobody renews or releases. Taken
    // while the subscription is at the head, so the worker cannot have claimed it first.
    const claimedAt = Date.now()
    const claimed = await a!.store.webhooks.claim('killed-instance', { now: claimedAt, leaseUntil: claimedAt + 1500, limit: 1, head: Number.MAX_SAFE_INTEGER, except: [] })
    expect(claimed.map((stored) => stored.subscription.id)).toEqual([id])
    await createTaskStatusOver(a!.app)
    const [webhook] = await receiver.waitFor(1, 10_000)
    expect(webhook!.at - claimedAt).toBeGreaterThanOrEqual(1400)
    expect(webhook!.id).toBe(`${id as string}_1`)
  })
})
