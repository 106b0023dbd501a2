// The database goes away while taskd runs: requests answer 503 in their family's
// shape, and taskd recovers by itself when the database is back.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { postgresUrl } from '../helpers/postgres.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

describe.skipIf(postgresUrl === null)('PostgreSQL lost while running', () => {
  it('answers 503 in each family\'s shape and /ready says not ready, then recovers when the database returns', async () => {
    const target = new URL(postgresUrl as string)
    const proxy = await startTcpProxy(target.hostname, Number(target.port === '' ? 5432 : target.port))
    const schema = `taskd_test_${randomBytes(6).toString('hex')}`
    const proxied = new URL(postgresUrl as string)
    proxied.port = String(proxy.port)
    const store = await openPostgresStore({ connectionString: proxied.toString(), poolSize: 2, schema })
    onTestFinished(async () => {
      await proxy.close()
      const client = new pg.Client({ connectionString: postgresUrl as string })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    })
    const { app } = await testApp({}, store)
    const created = await createTaskStatusOver(app)

    await proxy.cut()
    const taskStatus = await app.inject({ method: 'GET', url: `/task-status/${created.id}` })
    expect(taskStatus.statusCode).toBe(503)
    expect(taskStatus.json()).toMatchObject({ detailCode: '503 Service Unavailable', messages: [{ text: 'The service is unavailable for a moment; retry later' }] })
    const humanTask = await app.inject({ method: 'GET', url: '/v1/task/abc' })
    expect(humanTask.statusCode).toBe(503)
    expect(humanTask.json()).toEqual({ errorNumber: 'TASKD0007E', errorMessage: 'The service is unavailable for a moment; retry later' })

    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503)

    await proxy.restore()
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200)
    const again = await app.inject({ method: 'GET', url: `/task-status/${created.id}` })
    expect(again.statusCode).toBe(200)
  })
})
