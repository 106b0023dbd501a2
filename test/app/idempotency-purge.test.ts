import Fastify from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createAuthenticator } from '../../src/auth/authenticator.js'
import { loadConfig } from '../../src/config.js'
import idempotency from '../../src/plugins/idempotency.js'
import jsonBodyParsers from '../../src/plugins/json-body-parsers.js'
import metrics from '../../src/plugins/metrics.js'
import rateLimit from '../../src/plugins/rate-limit.js'
import requestChecks from '../../src/plugins/request-checks.js'
import taskStore from '../../src/plugins/task-store.js'
import { PURGE_BATCH, type IdempotentWrite } from '../../src/store/idempotency.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'

function lapsed (key: string): IdempotentWrite {
  return { principal: 'alice', operation: 'createTaskStatus', key, fingerprint: 'f', expiresAt: Date.now() - 1000, maxBodyBytes: 1024, leaseMs: 10_000, response: () => ({ status: 201, headers: {}, body: null }) }
}

describe('the idempotency plugin', () => {
  it('purges lapsed records periodically, a bounded batch at a time, leaving the unexpired', async () => {
    const store = openSqliteStore({ filename: ':memory:' })
    for (let index = 0; index < PURGE_BATCH + 20; index++) await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: lapsed(`old-${index}`) })
    await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: { ...lapsed('kept'), expiresAt: Date.now() + 3600_000 } })
    const app = Fastify({ logger: false })
    const config = loadConfig({})
    const authenticator = await createAuthenticator(config.auth)
    // The plugins it depends on, as app.ts registers them.
    await app.register(requestChecks)
    await app.register(rateLimit, { config, authenticator })
    await app.register(jsonBodyParsers)
    await app.register(metrics, { authenticator, requireAuth: false })
    await app.register(taskStore, { store })
    await app.register(idempotency, { config: { ttlSeconds: 60, maxResponseBytes: 1024, leaseMs: 10_000 }, purgeIntervalMs: 20 })
    await app.ready()
    onTestFinished(async () => {
      // Closing the app closes its store.
      await app.close()
    })
    // The poll deletes one record a try, 100 tries at most: the plugin's purge must do the rest.
    await expect.poll(async () => await store.idempotency.purgeExpired(Date.now(), 1), { timeout: 5000 }).toBe(0)
    expect(await store.idempotency.get({ principal: 'alice', operation: 'createTaskStatus', key: 'kept' })).toBeDefined()
  })
})
