// POST /webhooks/subscriptions/{id}/redeliver: one event sent again, now, to a real
// receiver on loopback, verified with the reference implementation's Webhook.verify; the
// subscription's position is never moved, and what cannot be redelivered sends nothing.
import { describe, expect, it, onTestFinished } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'
import { eventually } from '../helpers/eventually.js'
import { startReceiver, verify, type Receiver } from '../helpers/webhook-receiver.js'

// The worker off unless a test turns it on: what the receiver gets is the redelivery alone.
const ENV = { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_TIMEOUT_MS: '1000' }
const DELIVERING = { ...ENV, WEBHOOKS_ENABLED: 'true', WEBHOOK_POLL_MS: '20', WEBHOOK_LEASE_MS: '5000' }

type App = Awaited<ReturnType<typeof testApp>>['app']

async function subscribe (app: App, receiver: Receiver, fields: Record<string, unknown> = {}): Promise<{ id: string, secret: string }> {
  const response = await app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: receiver.url, eventTypes: ['task-status.created', 'task-status.updated', 'task-status.completed'], ...fields } })
  if (response.statusCode !== 201) throw new Error(response.body)
  return response.json()
}

async function redeliver (app: App, id: string, sequence: unknown): Promise<{ statusCode: number, json: () => any }> {
  return await app.inject({ method: 'POST', url: `/webhooks/subscriptions/${id}/redeliver`, payload: { sequence } })
}

async function position (app: App, id: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json().position
}

describe('POST /webhooks/subscriptions/{id}/redeliver', () => {
  it('sends a delivered event again with its webhook-id, verified by Webhook.verify, and answers with the attempt', async () => {
    const { app } = await testApp(DELIVERING)
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await receiver.waitFor(1)
    const response = await redeliver(app, id, 1)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual([expect.objectContaining({ webhookId: `${id}_1`, eventType: 'task-status.created', sequence: 1, status: 204, outcome: 'delivered' })])
    const [first, again] = await receiver.waitFor(2)
    expect(again!.id).toBe(first!.id)
    expect(verify(secret, again!)).toEqual(first!.payload)
  })

  it('sends the one event asked for and leaves the position where it was', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const second = await createTaskStatusOver(app)
    await createTaskStatusOver(app)
    expect((await redeliver(app, id, 2)).statusCode).toBe(200)
    expect(receiver.received.map((webhook) => webhook.id)).toEqual([`${id}_2`])
    expect(verify(secret, receiver.received[0]!)).toMatchObject({ data: { id: second.id, sequence: 2 } })
    expect(await position(app, id)).toBe(0)
  })

  it('signs with the secrets that sign now: after a rotation, the new secret verifies it', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const { secret } = (await app.inject({ method: 'POST', url: `/webhooks/subscriptions/${id}/rotate-secret` })).json()
    await redeliver(app, id, 1)
    expect(verify(secret, receiver.received[0]!)).toMatchObject({ type: 'task-status.created' })
  })

  it('sends both events of an update that first sets the completion, each with its own webhook-id', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(app, receiver)
    const created = await createTaskStatusOver(app)
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/completionStatus', value: 'Success' }])
    expect((await redeliver(app, id, 2)).json().map((record: { webhookId: string }) => record.webhookId)).toEqual([`${id}_2`, `${id}_2_completed`])
    expect(receiver.received.map((webhook) => (verify(secret, webhook) as { type: string }).type)).toEqual(['task-status.updated', 'task-status.completed'])
  })

  it('counts each attempt on /metrics by outcome, as the worker counts its own', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver((_webhook, index) => ({ status: index === 0 ? 204 : 500 }))
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    expect((await redeliver(app, id, 1)).json()).toMatchObject([{ outcome: 'delivered' }])
    expect((await redeliver(app, id, 1)).json()).toMatchObject([{ outcome: 'failed' }])
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toMatch(/taskd_webhook_deliveries_total\{outcome="delivered"\} 1\n/)
    expect(metrics).toMatch(/taskd_webhook_deliveries_total\{outcome="failed"\} 1\n/)
  })

  it('records the attempt in the delivery log, newest first', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await createTaskStatusOver(app)
    await redeliver(app, id, 1)
    await redeliver(app, id, 2)
    const log = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(log.map((record: { webhookId: string }) => record.webhookId)).toEqual([`${id}_2`, `${id}_1`])
  })

  it('answers 200 with a failed record when the receiver fails, and leaves the position and the backoff alone', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver(() => ({ status: 500 }))
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const response = await redeliver(app, id, 1)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual([expect.objectContaining({ status: 500, outcome: 'failed' })])
    expect((await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json()).toMatchObject({ position: 0, failures: 0, enabled: true })
  })

  it('waits for a receiver that never answers at most WEBHOOK_TIMEOUT_MS per event', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver(() => 'hang')
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const started = Date.now()
    const response = await redeliver(app, id, 1)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(response.json()).toEqual([expect.objectContaining({ status: null, outcome: 'failed' })])
  })

  it('refuses a sequence beyond the change log head with a 400 that sends nothing', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const response = await redeliver(app, id, 2)
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain("beyond the change log's head, 1")
    expect(receiver.received).toEqual([])
    expect(await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` }).then((r) => r.json())).toEqual([])
  })

  it('refuses a sequence trimmed from the change log with a 400 that sends nothing', async () => {
    const { app, store } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await createTaskStatusOver(app)
    await store.changeLog.trimBefore(new Date(Date.now() + 60_000), 1)
    const response = await redeliver(app, id, 1)
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('trimmed through 1')
    expect(receiver.received).toEqual([])
  })

  it('refuses an event of a type the subscription is not sent with a 400 that sends nothing', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver, { eventTypes: ['task-status.deleted'] })
    await createTaskStatusOver(app)
    const response = await redeliver(app, id, 1)
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('leave it out')
    expect(receiver.received).toEqual([])
  })

  it('refuses a task status the subscription\'s filter leaves out with a 400 that sends nothing', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver, { filter: 'type eq "QPOC"' })
    await createTaskStatusOver(app, { type: 'QUARTZ' })
    expect((await redeliver(app, id, 1)).statusCode).toBe(400)
    expect(receiver.received).toEqual([])
  })

  it('refuses a sequence that is not a positive integer with a 400', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    expect((await redeliver(app, id, 0)).statusCode).toBe(400)
    expect((await redeliver(app, id, 'one')).statusCode).toBe(400)
  })

  it('answers 404 for an unknown subscription', async () => {
    const { app } = await testApp(ENV)
    await createTaskStatusOver(app)
    expect((await redeliver(app, 'nope', 1)).statusCode).toBe(404)
  })
})

// The worker stays on here: a redelivery while it delivers changes nothing of its progress.
describe('redelivery beside the delivery worker', () => {
  it('leaves the worker to deliver every event in order, whatever was redelivered', async () => {
    const { app } = await testApp(DELIVERING)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await eventually(async () => await position(app, id) === 1)
    await redeliver(app, id, 1)
    await createTaskStatusOver(app)
    await eventually(async () => await position(app, id) === 2)
    expect(receiver.received.map((webhook) => webhook.id)).toEqual([`${id}_1`, `${id}_1`, `${id}_2`])
  })
})

describe.skipIf(postgresUrl === null)('redelivery over PostgreSQL', () => {
  it('is sent by any instance, recorded in the shared delivery log, and leaves the shared position alone', async () => {
    const schema = testSchemaName()
    onTestFinished(async () => { await dropTestSchemas(schema) })
    const open = async (): Promise<App> => (await testApp(ENV, await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema }))).app
    const [writer, other] = [await open(), await open()]
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(writer, receiver)
    const created = await createTaskStatusOver(writer)
    const response = await redeliver(other, id, 1)
    expect(response.json()).toEqual([expect.objectContaining({ webhookId: `${id}_1`, outcome: 'delivered' })])
    expect(verify(secret, receiver.received[0]!)).toMatchObject({ data: { id: created.id } })
    expect((await writer.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()).toEqual(response.json())
    expect(await position(writer, id)).toBe(0)
    expect((await redeliver(other, id, 2)).statusCode).toBe(400)
  })
})
