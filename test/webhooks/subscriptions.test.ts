// The webhook subscription resource: what a client may create, read, change, rotate
// and replay, and what it is refused (in the Task Status error shape, changing nothing).
import { describe, expect, it } from 'vitest'
import { MAX_WEBHOOK_SUBSCRIPTIONS } from '../../src/store/webhook-repository.js'
import { MAX_SIGNING_SECRETS } from '../../src/webhooks/subscription-rules.js'
import { AUTH_ENV, hs256 } from '../helpers/auth-fixtures.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

const BASE = '/webhooks/subscriptions'
const valid = { url: 'https://hooks.example.com/taskd', eventTypes: ['task-status.created', 'task-status.completed'] }

type App = Awaited<ReturnType<typeof testApp>>['app']

async function create (app: App, body: unknown = valid): Promise<{ statusCode: number, body: any, headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'POST', url: BASE, payload: body as object })
  return { statusCode: response.statusCode, body: response.json(), headers: response.headers }
}

describe('POST /webhooks/subscriptions', () => {
  it('creates a subscription and shows its whsec_ secret of 32 random bytes once', async () => {
    const { app } = await testApp()
    const { statusCode, body, headers } = await create(app)
    expect(statusCode).toBe(201)
    expect(headers.location).toBe(`${BASE}/${body.id as string}`)
    expect(body).toMatchObject({ ...valid, filter: null, payload: 'thin', enabled: true, disabledReason: null, failures: 0 })
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from((body.secret as string).slice(6), 'base64')).toHaveLength(32)
    const read = await app.inject({ method: 'GET', url: `${BASE}/${body.id as string}` })
    expect(read.json()).not.toHaveProperty('secret')
  })

  it('starts a subscription at the change log head: it gets what happens from then on', async () => {
    const { app, store } = await testApp()
    await store.taskStatuses.insert(taskStatus())
    const { body } = await create(app)
    expect(body.position).toBe(1)
  })

  it('keeps the filter and the payload it is given', async () => {
    const { app } = await testApp()
    const { body } = await create(app, { ...valid, filter: 'type eq "QUARTZ"', payload: 'full' })
    expect(body).toMatchObject({ filter: 'type eq "QUARTZ"', payload: 'full' })
  })

  it.each([
    ['a relative URL', { ...valid, url: '/hooks' }, /not an absolute URL/],
    ['a URL that is not http(s)', { ...valid, url: 'ftp://example.com/x' }, /not http or https/],
    ['a URL with credentials', { ...valid, url: 'https://user:pw@example.com/x' }, /user name or password/],
    ['an unknown event type', { ...valid, eventTypes: ['task-status.exploded'] }, /eventTypes/],
    ['no event type', { ...valid, eventTypes: [] }, /eventTypes/],
    ['a filter the list would refuse (unknown field)', { ...valid, filter: 'colour eq "red"' }, /unknown field 'colour'/],
    ['a filter the list would refuse (syntax)', { ...valid, filter: 'type eq' }, /Invalid filters/],
    ['an unknown payload', { ...valid, payload: 'fat' }, /payload/],
    ['an unknown member', { ...valid, colour: 'red' }, /additional/]
  ])('refuses %s with a 400 and creates nothing', async (_case, body, message) => {
    const { app } = await testApp()
    const { statusCode, body: answer } = await create(app, body)
    expect(statusCode).toBe(400)
    expect(answer.detailCode).toBe('400.1 Bad Request Content')
    expect(JSON.stringify(answer.messages)).toMatch(message)
    expect((await app.inject({ method: 'GET', url: BASE })).json()).toEqual([])
  })
})

describe('the subscription bound', () => {
  it(`refuses a subscription past ${MAX_WEBHOOK_SUBSCRIPTIONS} with a 409, creating nothing`, async () => {
    const { app, store } = await testApp()
    const template = (await create(app)).body
    const stored = await store.webhooks.get(template.id)
    for (let index = 1; index < MAX_WEBHOOK_SUBSCRIPTIONS; index++) {
      await store.webhooks.insert({ ...stored!.subscription, id: `bulk-${index}` }, 0)
    }
    const { statusCode, body } = await create(app)
    expect(statusCode).toBe(409)
    expect(body.messages[0].text).toMatch(/as many as it may/)
    expect((await store.webhooks.list()).length).toBe(MAX_WEBHOOK_SUBSCRIPTIONS)
  })
})

describe('GET /webhooks/subscriptions and /{id}', () => {
  it('lists every subscription, oldest first, without secrets', async () => {
    const { app } = await testApp()
    const first = (await create(app)).body
    const second = (await create(app, { ...valid, url: 'http://other.example.com/' })).body
    const list = (await app.inject({ method: 'GET', url: BASE })).json()
    expect(list.map((item: { id: string }) => item.id)).toEqual([first.id, second.id])
    expect(JSON.stringify(list)).not.toContain('whsec_')
  })

  it('answers an unknown id with 404 in the Task Status shape', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `${BASE}/nope` })
    expect(response.statusCode).toBe(404)
    expect(response.json().messages[0].text).toBe("Webhook subscription 'nope' was not found")
  })
})

describe('PUT and PATCH /webhooks/subscriptions/{id}', () => {
  it('PUT replaces the settings and keeps the secret', async () => {
    const { app, store } = await testApp()
    const { body } = await create(app)
    const response = await app.inject({ method: 'PUT', url: `${BASE}/${body.id as string}`, payload: { url: 'https://new.example.com/', eventTypes: ['human-task.claimed'] } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ url: 'https://new.example.com/', eventTypes: ['human-task.claimed'], filter: null, payload: 'thin' })
    expect((await store.webhooks.get(body.id))?.subscription.secrets[0]?.secret).toBe(body.secret)
  })

  it('PATCH changes only the members given; filter null removes the filter', async () => {
    const { app } = await testApp()
    const { body } = await create(app, { ...valid, filter: 'type eq "QUARTZ"' })
    const response = await app.inject({ method: 'PATCH', url: `${BASE}/${body.id as string}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: JSON.stringify({ filter: null, payload: 'full' }) })
    expect(response.json()).toMatchObject({ url: valid.url, eventTypes: valid.eventTypes, filter: null, payload: 'full' })
  })

  it('PATCH refuses a bad filter with a 400 and changes nothing', async () => {
    const { app } = await testApp()
    const { body } = await create(app, { ...valid, filter: 'type eq "QUARTZ"' })
    const response = await app.inject({ method: 'PATCH', url: `${BASE}/${body.id as string}`, payload: { filter: 'type eq "NOPE"' } })
    expect(response.statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: `${BASE}/${body.id as string}` })).json().filter).toBe('type eq "QUARTZ"')
  })

  it('enabled: true starts a disabled subscription again, with no failures', async () => {
    const { app, store } = await testApp()
    const { body } = await create(app)
    await store.webhooks.update(body.id, (current) => ({ subscription: current.subscription, state: { ...current.state, failures: 9, disabledReason: 'the receiver answered 410 Gone' } }))
    const response = await app.inject({ method: 'PATCH', url: `${BASE}/${body.id as string}`, payload: { enabled: true } })
    expect(response.json()).toMatchObject({ enabled: true, disabledReason: null, failures: 0 })
  })
})

describe('DELETE /webhooks/subscriptions/{id}', () => {
  it('deletes the subscription; a second delete is a 404', async () => {
    const { app } = await testApp()
    const { body } = await create(app)
    expect((await app.inject({ method: 'DELETE', url: `${BASE}/${body.id as string}` })).statusCode).toBe(204)
    expect((await app.inject({ method: 'DELETE', url: `${BASE}/${body.id as string}` })).statusCode).toBe(404)
  })
})

describe('POST /webhooks/subscriptions/{id}/rotate-secret', () => {
  it('returns a new secret; the old one keeps signing until WEBHOOK_SECRET_OVERLAP from now', async () => {
    const { app, store } = await testApp({ WEBHOOK_SECRET_OVERLAP: '3600' })
    const { body } = await create(app)
    const before = Date.now()
    const response = await app.inject({ method: 'POST', url: `${BASE}/${body.id as string}/rotate-secret` })
    expect(response.statusCode).toBe(200)
    const rotated = response.json()
    expect(rotated.secret).not.toBe(body.secret)
    const secrets = (await store.webhooks.get(body.id))?.subscription.secrets ?? []
    expect(secrets.map((secret) => secret.secret)).toEqual([rotated.secret, body.secret])
    expect(secrets[0]?.expires).toBeNull()
    const expires = Date.parse(secrets[1]?.expires ?? '')
    expect(expires).toBeGreaterThanOrEqual(before + 3_600_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000)
  })

  it(`keeps at most ${MAX_SIGNING_SECRETS} secrets, dropping the oldest`, async () => {
    const { app, store } = await testApp()
    const { body } = await create(app)
    for (let index = 0; index < MAX_SIGNING_SECRETS + 2; index++) await app.inject({ method: 'POST', url: `${BASE}/${body.id as string}/rotate-secret` })
    const secrets = (await store.webhooks.get(body.id))?.subscription.secrets ?? []
    expect(secrets).toHaveLength(MAX_SIGNING_SECRETS)
    expect(secrets.map((secret) => secret.secret)).not.toContain(body.secret)
  })
})

describe('POST /webhooks/subscriptions/{id}/replay', () => {
  it('moves the position to just before fromSequence and clears a disable', async () => {
    const { app, store } = await testApp()
    const { body } = await create(app)
    await store.webhooks.update(body.id, (current) => ({ subscription: current.subscription, state: { ...current.state, cursor: 50, disabledReason: 'gone' } }))
    const response = await app.inject({ method: 'POST', url: `${BASE}/${body.id as string}/replay`, payload: { fromSequence: 3 } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ position: 2, enabled: true })
  })

  it('refuses a fromSequence below 1 with a 400', async () => {
    const { app } = await testApp()
    const { body } = await create(app)
    expect((await app.inject({ method: 'POST', url: `${BASE}/${body.id as string}/replay`, payload: { fromSequence: 0 } })).statusCode).toBe(400)
  })
})

describe('webhook scopes', () => {
  it('a token with webhooks:read may list but not create', async () => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256({ scope: 'webhooks:read' })
    const headers = { authorization: `Bearer ${token}` }
    expect((await app.inject({ method: 'GET', url: BASE, headers })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: BASE, headers, payload: valid })).statusCode).toBe(403)
  })
})
