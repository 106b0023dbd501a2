import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { createStreamTokens } from '../../src/watch/stream-tokens.js'
import { AUTH_ENV, TOKENS } from '../helpers/auth-fixtures.js'
import { testApp } from '../helpers/test-app.js'
import { openWatch } from '../helpers/watch-client.js'

const SECRET = 'a-stream-token-secret-of-32-characters!'

async function issued (app: Awaited<ReturnType<typeof testApp>>['app'], bearer: string): Promise<{ token: string, expires_in: number, scope: string }> {
  const response = await app.inject({ method: 'POST', url: '/task-status/watch-tokens', headers: { authorization: `Bearer ${bearer}` } })
  expect(response.statusCode).toBe(201)
  return response.json()
}

describe('POST /task-status/watch-tokens', () => {
  it('gives a credential a stream token with the read scopes it holds, valid WATCH_TOKEN_TTL seconds', async () => {
    const { app } = await testApp({ ...AUTH_ENV, WATCH_TOKEN_TTL: '30' })
    expect(await issued(app, TOKENS.all)).toMatchObject({ token: expect.stringMatching(/^st1\./), expires_in: 30, scope: 'task-status:read task:read' })
    expect((await issued(app, TOKENS.hashed)).scope).toBe('task-status:read')
  })

  it('refuses a request without credentials with 401', async () => {
    const { app } = await testApp(AUTH_ENV)
    expect((await app.inject({ method: 'POST', url: '/task-status/watch-tokens' })).statusCode).toBe(401)
  })

  it('opens a watch stream as ?access_token=, where no Authorization header can be sent', async () => {
    const { app } = await testApp(AUTH_ENV)
    const { token } = await issued(app, TOKENS.readOnly)
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const client = await openWatch(`${base}/v1/tasks/watch?access_token=${encodeURIComponent(token)}`)
    onTestFinished(() => { client.close() })
    expect(client.status).toBe(200)
    await client.waitForComment(/^watching after/)
  })

  it('opens only the families its scopes read: a task-status reader\'s token is refused on the human task watch with 403', async () => {
    const { app } = await testApp(AUTH_ENV)
    const { token } = await issued(app, TOKENS.hashed)
    const response = await app.inject({ method: 'GET', url: `/v1/tasks/watch?since=999999&access_token=${encodeURIComponent(token)}` })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ errorNumber: 'CWTKA0012E' })
  })

  it('is no credential anywhere else: refused as a Bearer token and as ?access_token= on other operations', async () => {
    const { app } = await testApp(AUTH_ENV)
    const { token } = await issued(app, TOKENS.all)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: `/task-status?access_token=${encodeURIComponent(token)}` })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/task-status/watch?since=999999', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
  })

  it('refuses a token whose claims were changed with 401 and the invalid_token challenge', async () => {
    const { app } = await testApp(AUTH_ENV)
    const { token } = await issued(app, TOKENS.hashed)
    const [prefix, payload, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scope: string }
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, scope: 'task-status:read task:read' })).toString('base64url')}.${signature}`
    const response = await app.inject({ method: 'GET', url: `/v1/tasks/watch?access_token=${encodeURIComponent(forged)}` })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="taskd", error="invalid_token"')
  })
})

describe('stream tokens', () => {
  afterEach(() => { vi.useRealTimers() })

  it('expire after their time to live', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const tokens = createStreamTokens(SECRET, 60)
    const { token } = tokens.issue('alice', new Set(['task:read']))
    vi.advanceTimersByTime(59_000)
    expect(tokens.verify(token)).toEqual({ name: 'alice', scopes: new Set(['task:read']) })
    vi.advanceTimersByTime(2000)
    expect(() => tokens.verify(token)).toThrow('the stream token has expired')
  })

  it('are accepted by every instance that shares the secret, and by no other', () => {
    const { token } = createStreamTokens(SECRET, 60).issue('alice', undefined)
    expect(createStreamTokens(SECRET, 60).verify(token).name).toBe('alice')
    expect(() => createStreamTokens(`${SECRET}-other`, 60).verify(token)).toThrow('the stream token is not valid')
    expect(() => createStreamTokens(undefined, 60).verify(token)).toThrow('the stream token is not valid')
  })

  it('never carry a write scope, whatever the credential holds', () => {
    const tokens = createStreamTokens(SECRET, 60)
    expect(tokens.issue('admin', new Set(['task-status:read', 'task-status:write', 'task:read', 'task:write'])).scope).toBe('task-status:read task:read')
  })
})
