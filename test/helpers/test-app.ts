import type { FastifyInstance } from 'fastify'
import { onTestFinished } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'

export interface TestApp {
  app: FastifyInstance
  store: TaskStore
}

/** A ready app over a fresh in-memory store, closed when the test finishes. */
export async function testApp (env: Record<string, string> = {}, store?: TaskStore): Promise<TestApp> {
  const config: Config = loadConfig({ STORE_URL: 'sqlite::memory:', ...env })
  const usedStore = store ?? openSqliteStore({ filename: ':memory:' })
  const app = await buildApp({ config, store: usedStore, logger: false })
  await app.ready()
  onTestFinished(async () => { await app.close() })
  return { app, store: usedStore }
}
