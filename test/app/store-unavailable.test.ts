// The database goes away while taskd runs: requests answer 503 in their family's
// shape, and taskd recovers by itself when the database is back.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { createHumanTaskOver } from '../helpers/human-task-client.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

describe.skipIf(postgresUrl === null)('PostgreSQL lost while running', () => {
  it('answers 503 in each family\'s shape and /ready says not ready, then recovers when the database returns', async () => {
    const target = new URL(postgresUrl as string)
    const proxy = await startTcpProxy(target.hostname, Number(target.port === '' ? 5432 : target.port))
    const schema = testSchemaName()
    const proxied = new URL(postgresUrl as string)
    proxied.port = String(proxy.port)
    const store = await openPostgresStore({ connectionString: proxied.toString(), poolSize: 2, schema })
    onTestFinished(async () => {
      await proxy.close()
      await dropTestSchemas(schema)
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

describe('SQLite file locked by another process', () => {
  it('answers writes 503 in each family\'s shape past the busy timeout, then takes them again once the lock is released', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'taskd-sqlite-locked-'))
    const filename = join(directory, 'taskd.db')
    const { app } = await testApp({}, openSqliteStore({ filename, busyTimeoutMs: 50 }))
    const other = new Database(filename)
    onTestFinished(() => {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
      rmSync(directory, { recursive: true, force: true })
    })
    const created = await createTaskStatusOver(app)
    const task = await createHumanTaskOver(app)
    const progress = [{ op: 'replace', path: '/percentComplete', value: 40 }]

    other.exec('BEGIN IMMEDIATE')
    const taskStatus = await patchTaskStatus(app, created.id, progress)
    expect(taskStatus.statusCode).toBe(503)
    expect(taskStatus.json()).toMatchObject({ detailCode: '503 Service Unavailable', messages: [{ text: 'The service is unavailable for a moment; retry later' }] })
    const humanTask = await app.inject({ method: 'PUT', url: `/v1/task/${task.tkiid}?action=update`, payload: { priority: 1 } })
    expect(humanTask.statusCode).toBe(503)
    expect(humanTask.json()).toEqual({ errorNumber: 'TASKD0007E', errorMessage: 'The service is unavailable for a moment; retry later' })

    other.exec('ROLLBACK')
    expect((await patchTaskStatus(app, created.id, progress)).statusCode).toBe(200)
  })
})
