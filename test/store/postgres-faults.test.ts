// PostgreSQL faults met inside the store: a connection the server ends while a
// transaction holds it, a statement the server leaves unanswered. Each fails the call
// that meets it with StoreUnavailableError (a 503), and the store keeps working.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { StoreUnavailableError } from '../../src/errors.js'
import { openPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'

async function connected (): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl as string })
  await client.connect()
  onTestFinished(async () => { await client.end() })
  return client
}

/** A store in a schema of its own, closed and dropped when the test finishes. */
async function openStore (options: Partial<PostgresStoreOptions> = {}): Promise<{ store: TaskStore, schema: string }> {
  const schema = testSchemaName()
  const store = await openPostgresStore({ connectionString: postgresUrl as string, schema, ...options })
  onTestFinished(async () => {
    await store.close()
    await dropTestSchemas(schema)
  })
  return { store, schema }
}

/** Another connection takes the task status's row lock, so that the store's next update waits inside its transaction. */
async function holdRow (schema: string, id: string): Promise<{ holder: pg.Client, pid: number }> {
  const holder = await connected()
  await holder.query('BEGIN')
  await holder.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.task_status WHERE id = $1 FOR UPDATE`, [id])
  const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number
  return { holder, pid }
}

/** The backend that waits for the lock `holderPid` holds: the store's, inside its transaction. */
async function waitingBehind (admin: pg.Client, holderPid: number): Promise<{ pid: number, application_name: string }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [waiting] = (await admin.query<{ pid: number, application_name: string }>(
      'SELECT pid, application_name FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [holderPid])).rows
    if (waiting !== undefined) return waiting
    await sleep(10)
  }
  throw new Error(`no backend waits behind ${holderPid}`)
}

const percentComplete = (value: number) => (current: { document: ReturnType<typeof taskStatus> }) => ({ ...current.document, percentComplete: value })

describe.skipIf(postgresUrl === null)('PostgreSQL store faults', () => {
  it('rejects update() with StoreUnavailableError when the server ends the connection its transaction holds', async () => {
    const { store, schema } = await openStore({ poolSize: 1 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const { holder, pid } = await holdRow(schema, document.id)

    // Its outcome is taken at once: it may reject while the termination is still awaited.
    const updating = store.taskStatuses.update(document.id, percentComplete(50)).then(() => undefined, (error: unknown) => error)
    const waiting = await waitingBehind(admin, pid)
    await admin.query('SELECT pg_terminate_backend($1)', [waiting.pid])

    expect(await updating).toBeInstanceOf(StoreUnavailableError)
    await holder.query('ROLLBACK')
    expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
  })

  it('keeps working after the server ended the connection a transaction held, on a new connection', async () => {
    const { store, schema } = await openStore({ poolSize: 1 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const { holder, pid } = await holdRow(schema, document.id)
    const updating = store.taskStatuses.update(document.id, percentComplete(50)).catch(() => {})
    await admin.query('SELECT pg_terminate_backend($1)', [(await waitingBehind(admin, pid)).pid])
    await updating
    await holder.query('ROLLBACK')

    expect(await store.taskStatuses.update(document.id, percentComplete(60))).toMatchObject({ version: 2 })
    await expect(store.ping()).resolves.toBeUndefined()
  })

  it('rejects a statement the server leaves unanswered past queryTimeoutMs with StoreUnavailableError', async () => {
    const { store, schema } = await openStore({ poolSize: 1, queryTimeoutMs: 300 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    await holdRow(schema, document.id)

    const started = Date.now()
    await expect(store.taskStatuses.update(document.id, percentComplete(50))).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('closes the connection of a statement that timed out instead of handing it to the next call', async () => {
    const { store, schema } = await openStore({ poolSize: 1, queryTimeoutMs: 300 })
    const [locked, other] = [taskStatus(), taskStatus()]
    await store.taskStatuses.insert(locked)
    await store.taskStatuses.insert(other)
    const { holder } = await holdRow(schema, locked.id)
    await store.taskStatuses.update(locked.id, percentComplete(50)).catch(() => {})

    // The row is still locked: a call given the timed-out connection would queue behind its statement.
    expect(await store.taskStatuses.get(other.id)).toEqual({ document: other, version: 1 })
    await holder.query('ROLLBACK')
  })

  it('names its connections taskd, for operators reading pg_stat_activity', async () => {
    const { store, schema } = await openStore({ poolSize: 1 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const { holder, pid } = await holdRow(schema, document.id)
    const updating = store.taskStatuses.update(document.id, percentComplete(50))
    expect((await waitingBehind(admin, pid)).application_name).toBe('taskd')
    await holder.query('ROLLBACK')
    await updating
  })

  it('names its connections as the URL\'s application_name says, when it says', async () => {
    const url = new URL(postgresUrl as string)
    url.searchParams.set('application_name', 'taskd-eu-1')
    const { store, schema } = await openStore({ connectionString: url.toString(), poolSize: 1 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const { holder, pid } = await holdRow(schema, document.id)
    const updating = store.taskStatuses.update(document.id, percentComplete(50))
    expect((await waitingBehind(admin, pid)).application_name).toBe('taskd-eu-1')
    await holder.query('ROLLBACK')
    await updating
  })
})
