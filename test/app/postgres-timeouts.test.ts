// A write that waits for a row lock past PG_LOCK_TIMEOUT_MS is cancelled by PostgreSQL
// and answered 503 in its family's shape, changing nothing; the next request is served.
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { createHumanTaskOver } from '../helpers/human-task-client.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

const UNAVAILABLE_TEXT = 'The service is unavailable for a moment; retry later'

/** An app over a PostgreSQL store in a schema of its own with a short lock timeout, and a connection that can lock its rows. */
async function appWithShortLockTimeout (): Promise<{ app: Awaited<ReturnType<typeof testApp>>['app'], lockRow: (table: string, column: string, id: string) => Promise<void> }> {
  const schema = testSchemaName()
  const store = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 2, schema, lockTimeoutMs: 200 })
  const holder = new pg.Client({ connectionString: postgresUrl as string })
  await holder.connect()
  onTestFinished(async () => {
    await holder.query('ROLLBACK')
    await holder.end()
    await dropTestSchemas(schema)
  })
  const { app } = await testApp({}, store)
  return {
    app,
    async lockRow (table, column, id) {
      await holder.query('BEGIN')
      await holder.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.${table} WHERE ${column} = $1 FOR UPDATE`, [id])
    }
  }
}

describe.skipIf(postgresUrl === null)('a write cancelled by lock_timeout', () => {
  it('answers a task status patch 503 in the Task Status shape', async () => {
    const { app, lockRow } = await appWithShortLockTimeout()
    const created = await createTaskStatusOver(app)
    await lockRow('task_status', 'id', created.id)

    const response = await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 50 }])
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ detailCode: '503 Service Unavailable', messages: [{ text: UNAVAILABLE_TEXT }] })
  })

  it('answers a human task update 503 in the Human Task shape', async () => {
    const { app, lockRow } = await appWithShortLockTimeout()
    const created = await createHumanTaskOver(app)
    await lockRow('human_task', 'tkiid', created.tkiid)

    const response = await app.inject({ method: 'PUT', url: `/v1/task/${created.tkiid}?action=update`, payload: { customProperties: { k: 'v' } } })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ errorNumber: 'TASKD0007E', errorMessage: UNAVAILABLE_TEXT })
  })

  it('changes nothing and serves the next request', async () => {
    const { app, lockRow } = await appWithShortLockTimeout()
    const created = await createTaskStatusOver(app)
    const other = await createTaskStatusOver(app)
    await lockRow('task_status', 'id', created.id)
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 50 }])

    expect((await app.inject({ method: 'GET', url: `/task-status/${created.id}` })).json()).toMatchObject({ percentComplete: created.percentComplete })
    expect((await patchTaskStatus(app, other.id, [{ op: 'replace', path: '/percentComplete', value: 70 }])).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200)
  })
})
