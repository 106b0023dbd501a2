// Delivery to a real receiver on loopback: every delivery is verified with the
// reference implementation's Webhook.verify; failures are retried until the receiver
// recovers, and what the receiver refuses to hear of (410) stops delivery.
import { describe, expect, it } from 'vitest'
import { createTaskStatusOver, mergePatchTaskStatus, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'
import { eventually } from '../helpers/eventually.js'
import { startReceiver, verify, type Receiver } from '../helpers/webhook-receiver.js'

const ENV = { WEBHOOKS_ENABLED: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '20', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_LEASE_MS: '5000' }

type App = Awaited<ReturnType<typeof testApp>>['app']

async function subscribe (app: App, receiver: Receiver, fields: Record<string, unknown> = {}): Promise<{ id: string, secret: string }> {
  const response = await app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: receiver.url, eventTypes: ['task-status.created', 'task-status.updated', 'task-status.completed', 'task-status.deleted'], ...fields } })
  if (response.statusCode !== 201) throw new Error(response.body)
  return response.json()
}

const retryAtOnce = { status: 503, headers: { 'retry-after': '0' } }

describe('webhook delivery', () => {
  it('POSTs a thin task-status.created event, signed so that Webhook.verify accepts it', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(app, receiver)
    const created = await createTaskStatusOver(app)
    const [webhook] = await receiver.waitFor(1)
    expect(verify(secret, webhook!)).toEqual(webhook!.payload)
    expect(webhook!.id).toBe(`${id}_1`)
    expect(webhook!.payload).toEqual({ type: 'task-status.created', timestamp: expect.any(String), data: { id: created.id, family: 'task-status', kind: 'create', version: 1, sequence: 1, principal: expect.any(String) } })
  })

  it('delivers every event, in order, to a receiver that fails and then recovers; a retry keeps its webhook-id', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver((_webhook, index) => index < 3 ? retryAtOnce : { status: 200 })
    const { id, secret } = await subscribe(app, receiver)
    const created = await createTaskStatusOver(app)
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 50 }])
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 60 }])
    const received = await receiver.waitFor(6)
    for (const webhook of received) verify(secret, webhook)
    expect(received.map((webhook) => webhook.id)).toEqual([`${id}_1`, `${id}_1`, `${id}_1`, `${id}_1`, `${id}_2`, `${id}_3`])
    expect(received.map((webhook) => webhook.payload.data.version)).toEqual([1, 1, 1, 1, 2, 3])
  })

  it('honours Retry-After: the next attempt waits as long as the receiver asked', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver((_webhook, index) => index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 })
    await subscribe(app, receiver)
    await createTaskStatusOver(app)
    const [first, second] = await receiver.waitFor(2)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
  })

  it('sends task-status.completed once, with the update that first sets completionStatus (JSON Patch or merge patch)', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver, { eventTypes: ['task-status.completed'] })
    const patched = await createTaskStatusOver(app)
    await patchTaskStatus(app, patched.id, [{ op: 'replace', path: '/completionStatus', value: 'Success' }])
    await patchTaskStatus(app, patched.id, [{ op: 'replace', path: '/percentComplete', value: 100 }])
    const merged = await createTaskStatusOver(app)
    await mergePatchTaskStatus(app, merged.id, { percentComplete: 10 })
    await mergePatchTaskStatus(app, merged.id, { completionStatus: 'Error' })
    await mergePatchTaskStatus(app, merged.id, { percentComplete: 100 })
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json().position === 7)
    expect(receiver.received.map((webhook) => [webhook.payload.type, webhook.payload.data.id, webhook.id])).toEqual([
      ['task-status.completed', patched.id, `${id}_2_completed`],
      ['task-status.completed', merged.id, `${id}_6_completed`]
    ])
  })

  it('sends only the task statuses the filter matches', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver, { eventTypes: ['task-status.created'], filter: 'type eq "QPOC"' })
    await createTaskStatusOver(app, { type: 'QUARTZ' })
    const wanted = await createTaskStatusOver(app, { type: 'QPOC' })
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json().position === 2)
    expect(receiver.received.map((webhook) => webhook.payload.data.id)).toEqual([wanted.id])
  })

  it('adds the document to a full payload', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    await subscribe(app, receiver, { payload: 'full' })
    const created = await createTaskStatusOver(app)
    const [webhook] = await receiver.waitFor(1)
    expect(webhook!.payload.data.document).toMatchObject({ id: created.id, uniqueName: created.uniqueName })
  })

  it('disables the subscription, with its reason, when the receiver answers 410', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver(() => ({ status: 410 }))
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json().enabled === false)
    const subscription = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json()
    expect(subscription).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone', position: 0 })
    expect(receiver.received).toHaveLength(1)
  })

  it('does not follow a redirect: a 3xx is a failed attempt and the target is never asked', async () => {
    const { app } = await testApp(ENV)
    const target = await startReceiver()
    const receiver = await startReceiver(() => ({ status: 302, headers: { location: target.url } }))
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json().length > 0)
    const [attempt] = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(attempt).toMatchObject({ status: 302, outcome: 'failed', error: expect.stringContaining('not followed') })
    expect(target.received).toHaveLength(0)
  })

  it('logs each attempt: status, outcome, latency and error, newest first', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver((_webhook, index) => index === 0 ? retryAtOnce : { status: 200 })
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await receiver.waitFor(2)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json().length === 2)
    const log = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(log).toMatchObject([
      { webhookId: `${id}_1`, eventType: 'task-status.created', sequence: 1, attempt: 2, status: 200, outcome: 'delivered', error: null },
      { webhookId: `${id}_1`, eventType: 'task-status.created', sequence: 1, attempt: 1, status: 503, outcome: 'failed', error: 'the receiver answered 503' }
    ])
    expect(log[0].latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('counts attempts by outcome on /metrics', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver((_webhook, index) => index === 0 ? retryAtOnce : { status: 200 })
    await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await receiver.waitFor(2)
    await eventually(async () => /taskd_webhook_deliveries_total\{outcome="delivered"\} 1/.test((await app.inject({ method: 'GET', url: '/metrics' })).body))
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/taskd_webhook_deliveries_total\{outcome="failed"\} 1/)
  })

  it('signs with the old and the new secret after a rotation: both verify', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id, secret } = await subscribe(app, receiver)
    const rotated = (await app.inject({ method: 'POST', url: `/webhooks/subscriptions/${id}/rotate-secret` })).json()
    await createTaskStatusOver(app)
    const [webhook] = await receiver.waitFor(1)
    expect(webhook!.signature.split(' ')).toHaveLength(2)
    expect(verify(secret, webhook!)).toBeDefined()
    expect(verify(rotated.secret, webhook!)).toBeDefined()
  })

  it('replays from a sequence: the events come again with the same webhook-ids', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await createTaskStatusOver(app)
    await receiver.waitFor(2)
    await app.inject({ method: 'POST', url: `/webhooks/subscriptions/${id}/replay`, payload: { fromSequence: 1 } })
    const received = await receiver.waitFor(4)
    expect(received.map((webhook) => webhook.id)).toEqual([`${id}_1`, `${id}_2`, `${id}_1`, `${id}_2`])
  })

  it('a receiver that never answers holds only its own subscription: another gets its events at once', async () => {
    const { app } = await testApp(ENV)
    const dead = await startReceiver(() => 'hang')
    const live = await startReceiver()
    await subscribe(app, dead)
    await subscribe(app, live)
    const started = Date.now()
    for (let index = 0; index < 5; index++) await createTaskStatusOver(app)
    await live.waitFor(5)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(dead.received).toHaveLength(1)
  })

  it('reads at most 16 KiB of an answer: a 200 whose body never ends is a delivery, not a timeout', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver(() => 'endless')
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json().length > 0, 5000)
    const [attempt] = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(attempt).toMatchObject({ status: 200, outcome: 'delivered', error: null })
    expect(attempt.latencyMs).toBeLessThan(1000)
  })

  it('fails an attempt that gets no answer within WEBHOOK_TIMEOUT_MS', async () => {
    const { app } = await testApp(ENV)
    const dead = await startReceiver(() => 'hang')
    const { id } = await subscribe(app, dead)
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json().length > 0, 5000)
    const [attempt] = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(attempt).toMatchObject({ status: null, outcome: 'failed', error: 'no answer within 1000 ms (WEBHOOK_TIMEOUT_MS)' })
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(990)
  })
})

describe('webhook delivery refuses private addresses', () => {
  it.each([
    ['a loopback address', (receiver: Receiver) => receiver.url],
    ['a name that resolves to loopback', (receiver: Receiver) => receiver.url.replace('127.0.0.1', 'localhost')],
    ['an IPv4-mapped IPv6 loopback address', (receiver: Receiver) => receiver.url.replace('127.0.0.1', '[::ffff:127.0.0.1]')]
  ])('refuses %s unless WEBHOOK_ALLOWED_NETWORKS allows it', async (_case, urlOf) => {
    const { app } = await testApp({ ...ENV, WEBHOOK_ALLOWED_NETWORKS: '' })
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver, { url: urlOf(receiver) })
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json().length > 0)
    const [attempt] = (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}/deliveries` })).json()
    expect(attempt).toMatchObject({ status: null, outcome: 'failed', error: expect.stringContaining('WEBHOOK_ALLOWED_NETWORKS') })
    expect(receiver.received).toHaveLength(0)
  })
})

describe('webhook delivery metrics', () => {
  it('drops a deleted subscription\'s taskd_webhook_lag_entries label at the next scrape', async () => {
    const { app } = await testApp(ENV)
    const receiver = await startReceiver()
    const { id } = await subscribe(app, receiver)
    await createTaskStatusOver(app)
    await eventually(async () => (await app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}` })).json().position === 1)
    const label = `taskd_webhook_lag_entries{subscription="${id}"}`
    await eventually(async () => (await app.inject({ method: 'GET', url: '/metrics' })).body.includes(label))
    expect((await app.inject({ method: 'DELETE', url: `/webhooks/subscriptions/${id}` })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).not.toContain(label)
  })
})
