import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { AUTH_ENV, TOKENS } from '../helpers/auth-fixtures.js'
import { startServer } from '../helpers/server-process.js'
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

describe('rate limiting', () => {
  it('answers 429 with Retry-After in the family\'s shape past RATE_LIMIT_MAX, and clears after the window', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '1000' })
    const get = async (url: string): Promise<{ statusCode: number, headers: Record<string, unknown>, json: () => any }> => await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKENS.all}` } })
    for (let index = 0; index < 3; index++) expect((await get('/task-status')).statusCode).toBe(200)
    const limited = await get('/task-status')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ detailCode: '429 Too Many Requests', messages: [{ text: 'Rate limit of 3 requests a 1 second exceeded; retry later' }] })
    const human = await get('/v1/tasks')
    expect(human.statusCode).toBe(429)
    expect(human.json().errorNumber).toBe('TASKD0008E')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await get('/task-status')).statusCode).toBe(200)
  })

  it('counts each credential apart', async () => {
    const { app } = await testApp({ ...AUTH_ENV, RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })
    for (let index = 0; index < 2; index++) await app.inject({ method: 'GET', url: '/task-status', headers: { authorization: `Bearer ${TOKENS.all}` } })
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: { authorization: `Bearer ${TOKENS.all}` } })).statusCode).toBe(429)
    expect((await app.inject({ method: 'GET', url: '/task-status', headers: { authorization: `Bearer ${TOKENS.readOnly}` } })).statusCode).toBe(200)
  })

  it.skipIf(!hasRedis)('is shared by two instances through RATE_LIMIT_REDIS_URL', async () => {
    // A credential of its own, so that runs never share a count in Redis.
    const token = `shared-${randomBytes(8).toString('hex')}`
    const { writeJson } = await import('../helpers/auth-fixtures.js')
    const env = { AUTH_TOKENS_FILE: writeJson(`${token}.json`, { [token]: ['task-status:read'] }), STORE_URL: 'sqlite::memory:', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000', RATE_LIMIT_REDIS_URL: REDIS_URL }
    const instances = [await startServer(env), await startServer(env)]
    try {
      const statuses = []
      for (let index = 0; index < 8; index++) {
        const response = await fetch(`${instances[index % 2]?.url ?? ''}/task-status`, { headers: { authorization: `Bearer ${token}` } })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    } finally {
      await Promise.all(instances.map(async (instance) => await instance.stop()))
    }
  })
})
