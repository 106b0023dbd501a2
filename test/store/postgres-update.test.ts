// How the PostgreSQL store updates one document without an idempotency key: it reads the
// row without a lock and writes over the version it read, with the other updates of its
// turn, in a statement that commits by itself. These cases make another write overtake
// it between the two, and run such statements against each other.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createHumanTask } from '../../src/domain/human-task.js'
import type { TaskStatus } from '../../src/domain/task-status.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import type { Stored, TaskStore } from '../../src/store/task-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { allChanges } from './contract/change-log-contract.js'

async function connected (): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl as string })
  await client.connect()
  onTestFinished(async () => { await client.end() })
  return client
}

async function openStore (schema = testSchemaName(), options?: string): Promise<{ store: TaskStore, schema: string }> {
  const url = new URL(postgresUrl as string)
  url.searchParams.set('application_name', schema)
  if (options !== undefined) url.searchParams.set('options', options)
  const store = await openPostgresStore({ connectionString: url.toString(), schema })
  onTestFinished(async () => {
    await store.close()
    await dropTestSchemas(schema)
  })
  return { store, schema }
}

/** Another transaction writes the row (a new launcher and version) and holds its lock until `commit`. */
async function writeAndHold (schema: string, id: string): Promise<{ commit: () => Promise<void> }> {
  const writer = await connected()
  await writer.query('BEGIN')
  await writer.query(`UPDATE ${pg.escapeIdentifier(schema)}.task_status SET version = version + 1, document = jsonb_set(document::jsonb, '{launcher}', '"overtaker"')::json WHERE id = $1`, [id])
  return { commit: async () => { await writer.query('COMMIT') } }
}

/** Resolves once `count` connections of the store wait for a row lock. */
async function waitingForLock (admin: pg.Client, schema: string, count = 1): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [schema])
    if (rows.length >= count) return
    await sleep(10)
  }
  throw new Error(`fewer than ${count} connections of the store wait for a lock`)
}

describe.skipIf(postgresUrl === null)('PostgreSQL update without a key', () => {
  it('applies its change again over a write that committed after its read, and logs the version it wrote', async () => {
    const { store, schema } = await openStore()
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const overtaker = await writeAndHold(schema, document.id)
    const seen: number[] = []
    const updating = store.taskStatuses.update(document.id, (current: Stored<TaskStatus>) => {
      seen.push(current.version)
      return { ...current.document, percentComplete: 50 }
    })
    await waitingForLock(admin, schema)
    await overtaker.commit()

    const updated = await updating
    expect(seen).toEqual([1, 2])
    expect(updated).toMatchObject({ version: 3, document: { launcher: 'overtaker', percentComplete: 50 } })
    expect(await store.taskStatuses.get(document.id)).toMatchObject({ version: 3, document: { launcher: 'overtaker', percentComplete: 50 } })
    const entries = (await allChanges(store.changeLog, undefined, 0, 100)).filter((entry) => entry.id === document.id)
    expect(entries.map((entry) => [entry.kind, entry.version])).toEqual([['create', 1], ['patch', 3]])
  })

  it('answers undefined for a document deleted after its read, and writes nothing', async () => {
    const { store, schema } = await openStore()
    const document = taskStatus()
    await store.taskStatuses.insert(document)
    const admin = await connected()
    const deleter = await connected()
    await deleter.query('BEGIN')
    await deleter.query(`DELETE FROM ${pg.escapeIdentifier(schema)}.task_status WHERE id = $1`, [document.id])
    const updating = store.taskStatuses.update(document.id, (current) => ({ ...current.document, percentComplete: 50 }))
    await waitingForLock(admin, schema)
    await deleter.query('COMMIT')

    expect(await updating).toBeUndefined()
    expect(await store.taskStatuses.get(document.id)).toBeUndefined()
  })

  it('writes the updates of different documents asked in one turn in one transaction, each with its entry', async () => {
    const { store, schema } = await openStore()
    const documents = Array.from({ length: 10 }, () => taskStatus())
    for (const document of documents) await store.taskStatuses.insert(document)
    const updated = await Promise.all(documents.map(async (document) =>
      await store.taskStatuses.update(document.id, (current) => ({ ...current.document, percentComplete: 50 }))))

    expect(updated.map((stored) => stored?.version)).toEqual(documents.map(() => 2))
    const admin = await connected()
    const { rows } = await admin.query<{ entries: string, transactions: string }>(
      `SELECT count(*) AS entries, count(DISTINCT txid) AS transactions FROM ${pg.escapeIdentifier(schema)}.change_log WHERE kind = 'patch'`)
    expect(rows[0]).toEqual({ entries: '10', transactions: '1' })
  })

  it('stores the text of documents written together as it was given, quotes, backslashes and escapes included', async () => {
    const { store } = await openStore()
    const documents = [taskStatus(), taskStatus()]
    for (const document of documents) await store.taskStatuses.insert(document)
    // (U+0000 never reaches a store: the API's JSON parsers refuse it, as PostgreSQL would.)
    const progress = 'a "quoted" \\ back\\slash,\ttab\nline \u2028 ünïcödé 😀'
    const updated = await Promise.all(documents.map(async (document) =>
      await store.taskStatuses.update(document.id, (current) => ({ ...current.document, progress }))))

    for (const [index, document] of documents.entries()) {
      const stored = await store.taskStatuses.get(document.id)
      expect(stored?.document).toEqual({ ...document, progress })
      expect(stored?.json).toBe(updated[index]?.json)
    }
    const entries = (await allChanges(store.changeLog, undefined, 0, 100)).filter((entry) => entry.kind === 'patch')
    expect(entries.map((entry) => JSON.parse(entry.changesJson ?? 'null'))).toEqual(documents.map((document) => [{ op: 'replace', path: '', value: { ...document, progress } }]))
  })

  it('keeps the text of documents loaded and updated in bulk as it was given, quotes, backslashes and escapes included', async () => {
    const { store } = await openStore()
    const name = 'a "quoted" \\ back\\slash,\ttab\nline \u2028 ünïcödé 😀'
    const tasks = [0, 1].map((n) => createHumanTask({ name: `${name} ${n}` }, `text-${n}`, 'tester', new Date()))
    await store.humanTasks.insertMany(tasks)
    await store.humanTasks.updateMany(tasks.map((task) => task.tkiid), (current) => ({ ...current.document, displayName: name }))

    for (const task of tasks) expect((await store.humanTasks.get(task.tkiid))?.document).toEqual({ ...task, displayName: name })
    const entries = (await allChanges(store.changeLog, undefined, 0, 100)).filter((entry) => entry.family === 'human-task')
    expect(entries.map((entry) => [entry.kind, entry.subject.state])).toEqual([['create', 'STATE_READY'], ['create', 'STATE_READY'], ['update', 'STATE_READY'], ['update', 'STATE_READY']])
    expect(entries.slice(2).map((entry) => JSON.parse(entry.changesJson ?? 'null'))).toEqual(tasks.map(() => [{ property: 'displayName', oldValue: null, newValue: name }]))
  })

  it('two instances updating the same documents in opposite orders wait for each other instead of deadlocking', async () => {
    // Join plans that visit the rows in the order of the ids given, as PostgreSQL plans
    // a large table: the order the rows are locked in is then the statement's own.
    const planner = '-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off'
    const { store: first, schema } = await openStore(testSchemaName(), planner)
    const { store: second } = await openStore(schema, planner)
    const documents = Array.from({ length: 20 }, () => taskStatus())
    for (const document of documents) await first.taskStatuses.insert(document)
    const ids = documents.map((document) => document.id).sort()
    const turn = async (store: TaskStore, order: readonly string[], mark: string): Promise<void> => {
      await Promise.all(order.map(async (id) => await store.taskStatuses.update(id, (current) => ({
        ...current.document,
        returns: [...current.document.returns, { name: mark, attributeName: 'a' }]
      }))))
    }
    // With the first id locked, both statements wait, one of them holding every other row
    // unless they lock in one order.
    const holder = await connected()
    await holder.query('BEGIN')
    await holder.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.task_status WHERE id = $1 FOR UPDATE`, [ids[0]])
    const turns = Promise.all([turn(first, ids, 'first'), turn(second, [...ids].reverse(), 'second')])
    await waitingForLock(await connected(), schema, 2)
    await holder.query('COMMIT')

    await turns
    for (const id of ids) {
      const stored = await first.taskStatuses.get(id)
      expect(stored?.version).toBe(3)
      expect(stored?.document.returns.map((entry) => entry.name).sort()).toEqual(['first', 'second'])
    }
  })
})
