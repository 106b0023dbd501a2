import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { AUTH_ENV, hs256, hs256Exactly, JWT_SECRET, rs256, rsaPublicKeyFile, TOKENS, tokensFile, writeJson } from '../helpers/auth-fixtures.js'
import { testApp } from '../helpers/test-app.js'

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

describe('static API tokens (AUTH_TOKENS_FILE)', () => {
  it('grant the scopes the file gives them', async () => {
    const { app } = await testApp({ AUTH_TOKENS_FILE: tokensFile })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(TOKENS.readOnly) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/task-status', headers: bearer(TOKENS.readOnly), payload: CREATE_BODY })).statusCode).toBe(403)
    expect((await app.inject({ method: 'POST', url: '/task-status', headers: bearer(TOKENS.all), payload: CREATE_BODY })).statusCode).toBe(201)
  })

  it('may be kept in the file as sha256:<hex> of the token', async () => {
    const { app } = await testApp({ AUTH_TOKENS_FILE: tokensFile })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(TOKENS.hashed) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(`sha256:${TOKENS.hashed}`) })).statusCode).toBe(401)
  })

  it('are read at start, so a changed file takes effect with a restart', async () => {
    const file = writeJson('changing-tokens.json', { 'first-token': ['task-status:read'] })
    const before = await testApp({ AUTH_TOKENS_FILE: file })
    writeJson('changing-tokens.json', { 'second-token': ['task-status:read'] })
    expect((await before.app.inject({ method: 'GET', url: '/task-status', headers: bearer('second-token') })).statusCode).toBe(401)
    const after = await testApp({ AUTH_TOKENS_FILE: file })
    expect((await after.app.inject({ method: 'GET', url: '/task-status', headers: bearer('second-token') })).statusCode).toBe(200)
    expect((await after.app.inject({ method: 'GET', url: '/task-status', headers: bearer('first-token') })).statusCode).toBe(401)
  })

  it('refuse a file with no token, which would leave every caller unauthenticated, naming the variable', async () => {
    const file = writeJson('no-tokens.json', {})
    const built = testApp({ AUTH_TOKENS_FILE: file, HOST: '0.0.0.0' })
    await expect(built).rejects.toBeInstanceOf(ConfigError)
    await expect(built).rejects.toThrow(/^AUTH_TOKENS_FILE names a file with no tokens/)
  })

  it('refuse a file that grants an unknown scope, naming the variable', async () => {
    const file = writeJson('bad-tokens.json', { t: ['task-status:admin'] })
    await expect(testApp({ AUTH_TOKENS_FILE: file })).rejects.toThrow(/^AUTH_TOKENS_FILE gives 'token:[0-9a-f]{12}' scopes that are not a list of/)
  })
})

describe('OAuth clients (AUTH_CLIENTS_FILE)', () => {
  it('refuse a file with no client, naming the variable', async () => {
    const file = writeJson('no-clients.json', {})
    const built = testApp({ AUTH_CLIENTS_FILE: file, AUTH_JWT_SECRET: JWT_SECRET, HOST: '0.0.0.0' })
    await expect(built).rejects.toBeInstanceOf(ConfigError)
    await expect(built).rejects.toThrow(/^AUTH_CLIENTS_FILE names a file with no clients/)
  })
})

describe('JWTs', () => {
  it('verified with AUTH_JWT_SECRET grant the scopes of their scope claim', async () => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256({ scope: 'task:read task:write' })
    expect((await app.inject({ method: 'POST', url: '/v1/task', headers: bearer(token), payload: { name: 'n' } })).statusCode).toBe(201)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(token) })).statusCode).toBe(403)
  })

  it.each([
    ['another issuer', { issuer: 'someone-else' }],
    ['another audience', { audience: 'another-api' }],
    ['a nbf in the future', { notBefore: Math.floor(Date.now() / 1000) + 3600 }]
  ])('are refused with 401 when they have %s', async (_name, options) => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256({ scope: 'task-status:read' }, options)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(token) })).statusCode).toBe(401)
  })

  it('are refused with 401 when signed with another key', async () => {
    const { app } = await testApp(AUTH_ENV)
    const forged = await rs256({ scope: 'task-status:read' })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(forged) })).statusCode).toBe(401)
  })

  const now = (): number => Math.floor(Date.now() / 1000)
  const claims = { sub: 'jwt-user', iss: 'taskd', aud: 'taskd', scope: 'task-status:read' }

  it('are refused with 401 when they have no exp, which would make them valid forever', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await hs256Exactly({ ...claims, iat: now() })) })
    expect(response.statusCode).toBe(401)
    expect(response.json().messages[0].text).toBe('Authentication failed: the token has no exp claim')
  })

  it('are refused with 401 when exp − iat is longer than AUTH_JWT_MAX_LIFETIME (a day by default)', async () => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256Exactly({ ...claims, iat: now() - 60, exp: now() + 86_400 })
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: bearer(token) })
    expect(response.statusCode).toBe(401)
    expect(response.json().messages[0].text).toBe('Authentication failed: the token lives longer than the 86400 seconds accepted')
  })

  it('are refused with 401 when, without iat, exp is further away than AUTH_JWT_MAX_LIFETIME', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await hs256Exactly({ ...claims, exp: now() + 86_400 + 60 })) })
    expect(response.statusCode).toBe(401)
  })

  it('are refused with 401 when an iat in the future hides how far away exp is', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await hs256Exactly({ ...claims, iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 60 })) })
    expect(response.statusCode).toBe(401)
  })

  it('are accepted without iat when exp is within AUTH_JWT_MAX_LIFETIME', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await hs256Exactly({ ...claims, exp: now() + 3600 })) })
    expect(response.statusCode).toBe(200)
  })

  it('live as long as AUTH_JWT_MAX_LIFETIME says', async () => {
    const token = await hs256({ scope: 'task-status:read' }, { expiresIn: '2h' })
    const lenient = await testApp(AUTH_ENV)
    expect((await lenient.app.inject({ method: 'GET', url: '/task-status', headers: bearer(token) })).statusCode).toBe(200)
    const strict = await testApp({ ...AUTH_ENV, AUTH_JWT_MAX_LIFETIME: '3600' })
    expect((await strict.app.inject({ method: 'GET', url: '/task-status', headers: bearer(token) })).statusCode).toBe(401)
  })

  it('verified with AUTH_JWT_PUBLIC_KEY_FILE (RS256) are accepted, with issuer and audience checked', async () => {
    const { app } = await testApp({ AUTH_JWT_PUBLIC_KEY_FILE: rsaPublicKeyFile, AUTH_JWT_ISSUER: 'https://idp.example.com', AUTH_JWT_AUDIENCE: 'taskd' })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await rs256({ scope: 'task-status:read' })) })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await hs256({ scope: 'task-status:read' })) })).statusCode).toBe(401)
  })

  it('verified with AUTH_JWT_PUBLIC_KEY_FILE come from any issuer and for any audience only when AUTH_JWT_UNCHECKED_CLAIMS=iss,aud says so', async () => {
    const { app } = await testApp({ AUTH_JWT_PUBLIC_KEY_FILE: rsaPublicKeyFile, AUTH_JWT_UNCHECKED_CLAIMS: 'iss,aud' })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: bearer(await rs256({ scope: 'task-status:read' })) })).statusCode).toBe(200)
  })
})

describe('the authenticated principal', () => {
  it('is the originator of the human tasks it creates and the owner of those it claims', async () => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256({ scope: 'task:read task:write' })
    const created = (await app.inject({ method: 'POST', url: '/v1/task', headers: bearer(token), payload: { name: 'n' } })).json()
    expect(created.originator).toBe('jwt-user')
    const claimed = (await app.inject({ method: 'PUT', url: `/v1/task/${created.tkiid as string}?action=claim`, headers: bearer(TOKENS.all) })).json()
    expect(claimed.owner).toMatch(/^token:[0-9a-f]{12}$/)
  })
})
