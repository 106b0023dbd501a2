// The bounds taskd sets on its PostgreSQL connections: statement_timeout and
// lock_timeout, sent as startup options, cancel a statement on the server (a 503, and
// the connection stays in use); a database that accepts connections and never answers
// fails a call within the connect timeout, not after a TCP timeout.
import net from 'node:net'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { StoreUnavailableError } from '../../src/errors.js'
import { isCancelledStatement, isUnavailable } from '../../src/store/postgres/postgres-faults.js'
import { openPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'

async function connected (): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl as string })
  await client.connect()
  onTestFinished(async () => { await client.end() })
  return client
}

/** A store in a schema of its own whose connections carry a name of their own; closed and dropped when the test finishes. */
async function openStore (options: Partial<PostgresStoreOptions> = {}): Promise<{ store: TaskStore, schema: string }> {
  const schema = options.schema ?? testSchemaName()
  const url = new URL(options.connectionString ?? postgresUrl as string)
  url.searchParams.set('application_name', schema)
  const store = await openPostgresStore({ schema, ...options, connectionString: url.toString() })
  onTestFinished(async () => {
    await store.close()
    await dropTestSchemas(schema)
  })
  return { store, schema }
}

/** The backend ids of the store's connections, by the name they carry. */
async function backendsOf (admin: pg.Client, schema: string): Promise<number[]> {
  return (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid', [schema])).rows.map((row) => row.pid)
}

/** Another connection takes the task status's row lock and keeps it until the test finishes. */
async function holdRow (schema: string, id: string): Promise<void> {
  const holder = await connected()
  await holder.query('BEGIN')
  await holder.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.task_status WHERE id = $1 FOR UPDATE`, [id])
  onTestFinished(async () => { await holder.query('ROLLBACK') })
}

/** Every update of the schema's task statuses takes `seconds` on the server. */
async function slowUpdates (schema: string, seconds: number): Promise<void> {
  const admin = await connected()
  const name = pg.escapeIdentifier(schema)
  await admin.query(`CREATE FUNCTION ${name}.slow_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(${seconds}); RETURN NEW; END $$`)
  await admin.query(`CREATE TRIGGER slow_update BEFORE UPDATE ON ${name}.task_status FOR EACH ROW EXECUTE FUNCTION ${name}.slow_update()`)
}

/** A server on loopback that accepts connections and never answers, as a database host fallen silent. */
async function silentServer (port = 0): Promise<{ port: number }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => { sockets.add(socket) })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => { resolve() }))
  })
  return { port: (server.address() as net.AddressInfo).port }
}

const percentComplete = (value: number) => (current: { document: ReturnType<typeof taskStatus> }) => ({ ...current.document, percentComplete: value })

describe('PostgreSQL errors that say a statement was cancelled', () => {
  it.each([['57014', 'statement_timeout'], ['55P03', 'lock_timeout']])('counts SQLSTATE %s (%s) as the store being unavailable, on a connection that is still usable', (code) => {
    expect(isUnavailable({ code })).toBe(true)
    expect(isCancelledStatement({ code })).toBe(true)
  })

  it('counts SQLSTATE 25006 (a write on a read-only server, a standby) as the store being unavailable, on a connection to give up', () => {
    expect(isUnavailable({ code: '25006' })).toBe(true)
    expect(isCancelledStatement({ code: '25006' })).toBe(false)
  })

  it('counts neither a unique violation nor a syntax error as the store being unavailable', () => {
    expect(isUnavailable({ code: '23505' })).toBe(false)
    expect(isUnavailable({ code: '42601' })).toBe(false)
  })
})

describe.skipIf(postgresUrl === null)('PostgreSQL timeouts', () => {
  it('rejects an update that waits for a row lock past lockTimeoutMs with StoreUnavailableError', async () => {
    const { store, schema } = await openStore({ poolSize: 1, lockTimeoutMs: 200, statementTimeoutMs: 10_000 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    await holdRow(schema, document.id)

    const started = Date.now()
    await expect(store.taskStatuses.update(document.id, percentComplete(50))).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('keeps the connection of an update cancelled by lock_timeout and serves the next call on it', async () => {
    const { store, schema } = await openStore({ poolSize: 1, lockTimeoutMs: 200, statementTimeoutMs: 10_000 })
    const [locked, other] = [taskStatus(), taskStatus()]
    await store.taskStatuses.insert(locked)
    await store.taskStatuses.insert(other)
    const admin = await connected()
    const before = await backendsOf(admin, schema)
    await holdRow(schema, locked.id)
    await store.taskStatuses.update(locked.id, percentComplete(50)).catch(() => {})

    expect(await store.taskStatuses.update(other.id, percentComplete(70))).toMatchObject({ version: 2 })
    expect(await backendsOf(admin, schema)).toEqual(before)
  })

  it('rejects an update the server runs past statementTimeoutMs with StoreUnavailableError, changing nothing', async () => {
    const { store, schema } = await openStore({ poolSize: 1, statementTimeoutMs: 300, lockTimeoutMs: 300 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    await slowUpdates(schema, 5)

    const started = Date.now()
    await expect(store.taskStatuses.update(document.id, percentComplete(50))).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
  })

  it('runs its migrations without the statement and lock timeouts, so an instance waits out another\'s migration', async () => {
    const schema = testSchemaName()
    const admin = await connected()
    // What an instance migrating at this moment holds, for longer than the lock timeout.
    await admin.query('BEGIN')
    await admin.query('SELECT pg_advisory_xact_lock(7351001)')
    const opening = openStore({ schema, poolSize: 1, statementTimeoutMs: 200, lockTimeoutMs: 100 })
    await new Promise((resolve) => setTimeout(resolve, 600))
    await admin.query('COMMIT')
    const { store } = await opening
    await expect(store.ping()).resolves.toBeUndefined()
  })

  it('fails a call within connectTimeoutMs when the database accepts connections and never answers', async () => {
    const target = new URL(postgresUrl as string)
    const proxy = await startTcpProxy(target.hostname, Number(target.port === '' ? 5432 : target.port))
    onTestFinished(async () => { await proxy.close() })
    const proxied = new URL(postgresUrl as string)
    proxied.port = String(proxy.port)
    const { store } = await openStore({ connectionString: proxied.toString(), poolSize: 2, connectTimeoutMs: 500 })
    const document = taskStatus()
    await store.taskStatuses.insert(document)

    await proxy.cut()
    await silentServer(proxy.port)
    const started = Date.now()
    await expect(store.taskStatuses.get(document.id)).rejects.toBeInstanceOf(StoreUnavailableError)
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('refuses to open within connectTimeoutMs when the database accepts connections and never answers', async () => {
    const { port } = await silentServer()
    const started = Date.now()
    await expect(openPostgresStore({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectTimeoutMs: 500 })).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1:\d+/)
    expect(Date.now() - started).toBeLessThan(2500)
  })
})
