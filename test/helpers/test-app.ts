import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { expect, onTestFinished } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { operationIdOf } from '../../src/http/route-options.js'
import { specResponseProblems } from './spec-responses.js'

export interface TestApp {
  app: FastifyInstance
  store: TaskStore
}

/** A ready app over a fresh in-memory store, closed when the test finishes. */
export async function testApp (env: Record<string, string> = {}, store?: TaskStore): Promise<TestApp> {
  const config: Config = loadConfig({ STORE_URL: 'sqlite::memory:', ...env })
  const usedStore = store ?? openSqliteStore({ filename: ':memory:', limits: config.storeLimits })
  const app = await buildApp({ config, store: usedStore, logger: false })
  checkResponsesAgainstSpec(app)
  await app.ready()
  onTestFinished(async () => { await app.close() })
  return { app, store: usedStore }
}

/** Every response of an operation in the spec must be one the spec describes. */
export function checkResponsesAgainstSpec (app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const operationId = operationIdOf(request.routeOptions.schema)
    // A page streamed a batch at a time cannot be read here without buffering it whole;
    // the tests of such pages check their bodies themselves.
    if (operationId === undefined || payload instanceof Readable) return payload
    // A HEAD response carries no body, whatever was handed to send.
    const body = request.method === 'HEAD' ? '' : typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : String(payload)
    expect.soft(specResponseProblems(operationId, reply.statusCode, reply.getHeaders(), body), `${request.method} ${request.url}`).toEqual([])
    return payload
  })
}
