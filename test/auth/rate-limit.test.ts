import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { bearerIdentity } from '../../src/auth/authenticator.js'
import { clientAddressKey } from '../../src/limits/client-address.js'
import { AUTH_ENV, CLIENT, TOKENS, writeJson } from '../helpers/auth-fixtures.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function redisReachable (): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}
const hasRedis = await redisReachable()
if (!hasRedis && process.env.TASKD_REQUIRE_REDIS === '1') throw new Error(`Redis is not reachable at ${REDIS_URL}; TASKD_REQUIRE_REDIS=1 requires it`)

interface Reply { statusCode: number, headers: Record<string, unknown>, json: () => any }

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

async function get (app: FastifyInstance, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1', url = '/task-status'): Promise<Reply> {
  return await app.inject({ method: 'GET', url, headers, remoteAddress })
}

async function tokenRequest (app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1'): Promise<Reply> {
  return await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString(), remoteAddress })
}

/** A distinct address for each n, so that a test can speak from many callers. */
const address = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`

describe('the rate limit of an authenticated principal', () => {
  it('answers 429 with Retry-After in the family\'s shape past RATE_LIMIT_MAX, and clears after the window', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '1000' })
    for (let index = 0; index < 3; index++) expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(200)
    const limited = await get(app, bearer(TOKENS.all))
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ detailCode: '429 Too Many Requests', messages: [{ text: 'Rate limit of 3 requests per second exceeded; retry later' }] })
    const human = await get(app, bearer(TOKENS.all), '127.0.0.1', '/v1/tasks')
    expect(human.statusCode).toBe(429)
    expect(human.json().errorNumber).toBe('TASKD0008E')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(200)
  })

  it('counts each credential apart', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })
    for (let index = 0; index < 2; index++) await get(app, bearer(TOKENS.all))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(429)
    expect((await get(app, bearer(TOKENS.readOnly))).statusCode).toBe(200)
  })

  it('counts a principal, not the header\'s spelling: bearer and BEARER with extra spaces share one count', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })
    expect((await get(app, { authorization: `Bearer ${TOKENS.all}` })).statusCode).toBe(200)
    expect((await get(app, { authorization: `bearer ${TOKENS.all}` })).statusCode).toBe(200)
    expect((await get(app, { authorization: `BEARER  ${TOKENS.all} ` })).statusCode).toBe(429)
  })

  it('keeps a limited principal limited however many anonymous callers with junk headers come after it', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' })
    for (let index = 0; index < 3; index++) await get(app, bearer(TOKENS.all))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(429)
    // The token endpoint asks no credential: each of these is a caller the limit counts.
    for (let index = 0; index < 5100; index++) await tokenRequest(app, { grant_type: 'client_credentials' }, { authorization: `junk-${index}` }, address(index))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(429)
  })

  it('lets a script create 10,000 task statuses through the default configuration (loopback, no credentials)', async () => {
    const { app } = await testApp()
    const refused: number[] = []
    for (let index = 0; index < 10_000; index++) {
      const response = await app.inject({ method: 'POST', url: '/task-status', payload: CREATE_BODY })
      if (response.statusCode !== 201) refused.push(response.statusCode)
    }
    expect(refused).toEqual([])
  }, 60_000)
})

describe('failed authentications', () => {
  it('get 429 from the 21st wrong bearer token of one address (AUTH_FAILURE_MAX=20)', async () => {
    const { app } = await testApp(AUTH_ENV)
    const statuses: number[] = []
    for (let index = 0; index < 60; index++) statuses.push((await get(app, bearer(`wrong-${index}`))).statusCode)
    expect(statuses).toEqual([...Array<number>(20).fill(401), ...Array<number>(40).fill(429)])
  })

  it('answer 429 with Retry-After, in the family\'s shape and without a challenge, past the budget', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '2' })
    for (let index = 0; index < 2; index++) await get(app, bearer(`wrong-${index}`))
    const limited = await get(app, bearer('wrong-again'))
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['www-authenticate']).toBeUndefined()
    expect(limited.json().messages[0].text).toBe('More than 2 failed authentications per minute from this address or with this credential; retry later')
    expect((await get(app, bearer('wrong-again'), '127.0.0.1', '/v1/tasks')).json().errorNumber).toBe('TASKD0008E')
  })

  it('refuse even a right token from an address over its budget, so that a guesser cannot tell a right guess (no 200, no 403)', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '3' })
    for (let index = 0; index < 3; index++) await get(app, bearer(`wrong-${index}`))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(429)
    expect((await app.inject({ method: 'POST', url: '/task-status', headers: bearer(TOKENS.readOnly), payload: CREATE_BODY })).statusCode).toBe(429)
  })

  it('count requests without credentials too', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '3' })
    for (let index = 0; index < 3; index++) expect((await get(app)).statusCode).toBe(401)
    expect((await get(app)).statusCode).toBe(429)
  })

  it('of one address leave other addresses alone', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '3' })
    for (let index = 0; index < 5; index++) await get(app, bearer(`wrong-${index}`), '10.0.0.1')
    expect((await get(app, bearer(TOKENS.all), '10.0.0.2')).statusCode).toBe(200)
    expect((await get(app, bearer('wrong'), '10.0.0.3')).statusCode).toBe(401)
  })

  it('count one credential once however the header spells it: Bearer x, bearer x and BEARER  x from many addresses', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '20' })
    const spellings = ['Bearer x', 'bearer x', 'BEARER  x ']
    const statuses: number[] = []
    for (let index = 0; index < 21; index++) statuses.push((await get(app, { authorization: spellings[index % 3] ?? '' }, address(index))).statusCode)
    expect(statuses).toEqual([...Array<number>(20).fill(401), 429])
  })

  it('are forgiven when AUTH_FAILURE_WINDOW_MS has passed', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '2', AUTH_FAILURE_WINDOW_MS: '500' })
    for (let index = 0; index < 3; index++) await get(app, bearer(`wrong-${index}`))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(429)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await get(app, bearer(TOKENS.all))).statusCode).toBe(200)
  })

  it('count an IPv6 caller by its /64, so that its other addresses are no fresh budget', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '3' })
    for (let index = 0; index < 3; index++) await get(app, bearer(`wrong-${index}`), `2001:db8:1:2::${index + 1}`)
    expect((await get(app, bearer('wrong'), '2001:db8:1:2:ffff::9')).statusCode).toBe(429)
    expect((await get(app, bearer('wrong'), '2001:db8:1:3::1')).statusCode).toBe(401)
  })
})

describe('the token endpoint', () => {
  it('limits guesses of client secrets, a junk Authorization header or not: 429 from the 21st, in the OAuth shape', async () => {
    const { app } = await testApp(AUTH_ENV)
    const statuses: number[] = []
    let last: Reply | undefined
    for (let index = 0; index < 30; index++) {
      last = await tokenRequest(app, { grant_type: 'client_credentials', client_id: `guess-${index}`, client_secret: 'guess' }, { authorization: `junk-${index}` })
      statuses.push(last.statusCode)
    }
    expect(statuses).toEqual([...Array<number>(20).fill(401), ...Array<number>(10).fill(429)])
    expect(last?.json().error).toBe('too_many_requests')
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('limits guesses of one client\'s secret from many addresses, and then refuses its right secret too until the window ends', async () => {
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '5' })
    for (let index = 0; index < 5; index++) {
      expect((await tokenRequest(app, { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: `guess-${index}` }, {}, address(index))).statusCode).toBe(401)
    }
    expect((await tokenRequest(app, { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }, {}, address(99))).statusCode).toBe(429)
  })

  it('counts requests without a principal per address, against RATE_LIMIT_ANONYMOUS_MAX', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_ANONYMOUS_MAX: '3' })
    const fields = { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }
    for (let index = 0; index < 3; index++) expect((await tokenRequest(app, fields)).statusCode).toBe(200)
    expect((await tokenRequest(app, fields)).statusCode).toBe(429)
    expect((await tokenRequest(app, fields, {}, '10.9.9.9')).statusCode).toBe(200)
  })
})

describe('an attacker filling the limiter\'s tables', () => {
  // The volume goes straight to the app's limiter, as the security handler would send
  // it (20,000 requests through inject take seconds); one request then shows the effect.
  it('cannot keep a declared client from getting a token: 20,030 junk bearer tokens from one address, then the right secret from another', async () => {
    const { app } = await testApp(AUTH_ENV)
    for (let index = 0; index < 25; index++) await get(app, bearer(`junk-${index}`), '10.0.0.1')
    for (let index = 25; index < 20_030; index++) await app.requestLimiter.recordFailure('10.0.0.1', bearerIdentity(`Bearer junk-${index}`))
    const token = await tokenRequest(app, { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }, {}, '10.0.0.2')
    expect(token.statusCode).toBe(200)
  })

  it('cannot lock other networks out with failures from 20,021 /64s of one IPv6 /48; that /48 is refused', async () => {
    const { app } = await testApp(AUTH_ENV)
    for (let index = 0; index < 20_021; index++) await app.requestLimiter.recordFailure(clientAddressKey(`2001:db8:1:${index.toString(16)}::1`), bearerIdentity('Bearer junk'))
    expect((await get(app, bearer(TOKENS.all), '10.0.0.3')).statusCode).toBe(200)
    expect((await get(app, bearer(TOKENS.all), '2001:db8:2::1')).statusCode).toBe(200)
    expect((await get(app, bearer(TOKENS.all), '2001:db8:1:ffff::1')).statusCode).toBe(429)
  })
})

describe('with RATE_LIMIT_REDIS_URL', () => {
  it.skipIf(!hasRedis)('a principal\'s count is shared by two instances', async () => {
    // A credential of its own, so that runs never share a count in Redis.
    const token = `shared-${randomBytes(8).toString('hex')}`
    const env = { AUTH_TOKENS_FILE: writeJson(`${token}.json`, { [token]: ['task-status:read'] }), RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000', RATE_LIMIT_REDIS_URL: REDIS_URL }
    // Two apps share nothing but Redis, as two instances do.
    const instances = [(await testApp(env)).app, (await testApp(env)).app]
    const statuses: number[] = []
    for (let index = 0; index < 8; index++) statuses.push((await get(instances[index % 2] as FastifyInstance, bearer(token))).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
  })

  it.skipIf(!hasRedis)('failed authentications are shared by two instances, and lock the address out of both', async () => {
    // An address of its own, so that runs never share a count in Redis.
    const caller = `10.${randomBytes(3).join('.')}`
    const env = { ...AUTH_ENV, AUTH_FAILURE_MAX: '4', RATE_LIMIT_REDIS_URL: REDIS_URL }
    const instances = [(await testApp(env)).app, (await testApp(env)).app]
    const statuses: number[] = []
    for (let index = 0; index < 6; index++) statuses.push((await get(instances[index % 2] as FastifyInstance, bearer(`wrong-${index}`), caller)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
    expect((await get(instances[0] as FastifyInstance, bearer(TOKENS.all), caller)).statusCode).toBe(429)
    expect((await get(instances[1] as FastifyInstance, bearer(TOKENS.all), `10.${randomBytes(3).join('.')}`)).statusCode).toBe(200)
  })

  it.skipIf(!hasRedis)('an address over its failure budget adds no count for the tokens it goes on sending', async () => {
    const caller = `10.${randomBytes(3).join('.')}`
    const { app } = await testApp({ ...AUTH_ENV, AUTH_FAILURE_MAX: '2', RATE_LIMIT_REDIS_URL: REDIS_URL })
    const tokens = [0, 1, 2].map(() => `junk-${randomBytes(8).toString('hex')}`)
    const statuses: number[] = []
    for (const token of tokens) statuses.push((await get(app, bearer(token), caller)).statusCode)
    expect(statuses).toEqual([401, 401, 429])
    const redis = new Redis(REDIS_URL)
    try {
      const counted = await Promise.all(tokens.map(async (token) => await redis.exists(`taskd-rate-limit:failed-identity:${bearerIdentity(`Bearer ${token}`) ?? ''}`)))
      expect(counted).toEqual([1, 1, 0])
    } finally {
      redis.disconnect()
    }
  })

  it.skipIf(!hasRedis)('guesses of a client\'s secret are shared by two instances', async () => {
    const clientId = `client-${randomBytes(6).toString('hex')}`
    const clients = writeJson(`${clientId}.json`, { [clientId]: { secretSha256: '0'.repeat(64), scopes: ['task-status:read'] } })
    const env = { ...AUTH_ENV, AUTH_CLIENTS_FILE: clients, AUTH_FAILURE_MAX: '3', RATE_LIMIT_REDIS_URL: REDIS_URL }
    const instances = [(await testApp(env)).app, (await testApp(env)).app]
    const statuses: number[] = []
    for (let index = 0; index < 5; index++) {
      statuses.push((await tokenRequest(instances[index % 2] as FastifyInstance, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'guess' }, {}, address(index))).statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429])
  })
})
