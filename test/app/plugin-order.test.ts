// The order app.ts registers its plugins in is stated by each plugin's `dependencies`:
// Fastify refuses to start an app that registers a plugin before one it depends on.
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { apiFamilies } from '../../src/api-families.js'
import { createAuthenticator } from '../../src/auth/authenticator.js'
import { loadConfig } from '../../src/config.js'
import apiFamilyRoutes from '../../src/plugins/api-family-routes.js'
import metrics from '../../src/plugins/metrics.js'
import operatorRoutes from '../../src/plugins/operator-routes.js'
import rateLimit from '../../src/plugins/rate-limit.js'
import requestChecks from '../../src/plugins/request-checks.js'
import taskStore from '../../src/plugins/task-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const config = loadConfig({})
const authenticator = await createAuthenticator(config.auth)

async function started (register: (app: ReturnType<typeof Fastify>) => Promise<void>): Promise<void> {
  const app = Fastify({ logger: false })
  try {
    await register(app)
    await app.ready()
  } finally {
    await app.close()
  }
}

describe('plugin order', () => {
  it('refuses the rate limit before the request checks that give every request its principal', async () => {
    await expect(started(async (app) => { await app.register(rateLimit, { config, authenticator }) })).rejects.toThrow(/taskd-request-checks/)
  })

  it('refuses the metrics before the rate limit whose failure budget /metrics shares', async () => {
    await expect(started(async (app) => {
      await app.register(requestChecks)
      await app.register(metrics, { authenticator, requireAuth: false })
    })).rejects.toThrow(/taskd-rate-limit/)
  })

  it('refuses the store before the metrics plugin, which clears the registry its histogram is on', async () => {
    await expect(started(async (app) => { await app.register(taskStore, { store: openSqliteStore({ filename: ':memory:' }) }) })).rejects.toThrow(/taskd-metrics/)
  })

  it('refuses the operator routes before the store they ask whether it is ready', async () => {
    await expect(started(async (app) => { await app.register(operatorRoutes) })).rejects.toThrow(/taskd-task-store/)
  })

  it('refuses the API families before the plugins whose hooks every route must get', async () => {
    await expect(started(async (app) => {
      await app.register(requestChecks)
      await app.register(apiFamilyRoutes, { families: apiFamilies(config).all, authenticator })
    })).rejects.toThrow(/taskd-security-headers|taskd-rate-limit/)
  })

  it('starts the operator routes once their dependencies are registered in order', async () => {
    await expect(started(async (app) => {
      await app.register(requestChecks)
      await app.register(rateLimit, { config, authenticator })
      await app.register(metrics, { authenticator, requireAuth: false })
      await app.register(taskStore, { store: openSqliteStore({ filename: ':memory:' }) })
      await app.register(operatorRoutes)
    })).resolves.toBeUndefined()
  })
})
