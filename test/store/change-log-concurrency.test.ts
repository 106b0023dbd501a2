// The change log under concurrent writers: a reader following it sees every change
// exactly once, in an order that keeps each entity's versions in sequence, even when
// transactions commit in another order than they took their sequence numbers.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { createHumanTask } from '../../src/domain/human-task.js'
import type { ChangeEntry } from '../../src/store/change-log.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'

const directory = mkdtempSync(join(tmpdir(), 'taskd-change-log-'))
afterAll(() => { rmSync(directory, { recursive: true, force: true }) })

/** Two stores (two connections or pools) over one database, closed when the test finishes. */
async function twoStores (kind: 'sqlite' | 'postgres'): Promise<[TaskStore, TaskStore]> {
  if (kind === 'sqlite') {
    const filename = join(directory, `${randomBytes(4).toString('hex')}.db`)
    const stores: [TaskStore, TaskStore] = [openSqliteStore({ filename }), openSqliteStore({ filename })]
    onTestFinished(async () => { await Promise.all(stores.map(async (store) => { await store.close() })) })
    return stores
  }
  const schema = testSchemaName()
  const first = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
  const second = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
  onTestFinished(async () => {
    await Promise.all([first.close(), second.close()])
    await dropTestSchemas(schema)
  })
  return [first, second]
}

const stores = [
  ['SQLite, two connections to one file', 'sqlite', false],
  ['PostgreSQL, two pools', 'postgres', postgresUrl === null]
] as const

describe.each(stores)('the change log over %s', (_name, kind, skip) => {
  it.skipIf(skip)('a reader following it while both write sees every change exactly once, each entity in version order', async () => {
    const [a, b] = await twoStores(kind)
    const tkiids = Array.from({ length: 20 }, (_, index) => `c${index}-${randomBytes(3).toString('hex')}`)
    for (const tkiid of tkiids) await a.humanTasks.insert(createHumanTask({ name: tkiid }, tkiid, 'w', new Date()))
    let writing = true
    const seen: ChangeEntry[] = []
    const reader = (async () => {
      let cursor = 0
      for (;;) {
        const done = !writing
        const page = await b.changeLog.changesSince(cursor, 50)
        seen.push(...page.changes)
        cursor = page.next
        if (done && page.caughtUp) return
        if (page.caughtUp) await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    let acknowledged = tkiids.length
    const writer = async (store: TaskStore, round: number): Promise<void> => {
      for (let step = 0; step < 40; step++) {
        if ((step + round) % 10 === 0) {
          const outcomes = await store.humanTasks.updateMany(tkiids, (current) => ({ ...current.document, priority: step }), { principal: `bulk${round}` })
          acknowledged += outcomes.filter((outcome) => outcome.outcome === 'updated').length
        } else if (step % 3 === 0) {
          await store.taskStatuses.insert(taskStatus(), { principal: `w${round}` })
          acknowledged++
        } else {
          const tkiid = tkiids[(step * 7 + round) % tkiids.length] as string
          if (await store.humanTasks.update(tkiid, (current) => ({ ...current.document, priority: round }), { principal: `w${round}` }) !== undefined) acknowledged++
        }
      }
    }
    await Promise.all([writer(a, 0), writer(b, 1), writer(a, 2), writer(b, 3)])
    writing = false
    await reader
    const sequences = seen.map((entry) => entry.sequence)
    expect(sequences.every((sequence, index) => index === 0 || sequence > (sequences[index - 1] as number))).toBe(true)
    expect(seen).toHaveLength(acknowledged)
    const versions = new Map<string, number[]>()
    for (const entry of seen) versions.set(entry.id, [...(versions.get(entry.id) ?? []), entry.version])
    for (const list of versions.values()) expect(list).toEqual(list.map((_, index) => index + 1))
  }, 60_000)
})

describe.skipIf(postgresUrl === null)('the change log over PostgreSQL, a transaction committing out of order', () => {
  it('a reader does not pass an entry whose transaction is still in flight, and reads it once that commits', async () => {
    const schema = testSchemaName()
    const store = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    const held = new pg.Client({ connectionString: postgresUrl as string })
    await held.connect()
    onTestFinished(async () => {
      await held.end()
      await store.close()
      await dropTestSchemas(schema)
    })
    // A writer that takes its sequence value first and commits last, as the store's own
    // writers do when one is slow between its entry and its COMMIT.
    const slow = taskStatus()
    await held.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`)
    await held.query('BEGIN')
    await held.query('INSERT INTO task_status (id, version, document) VALUES ($1, 1, $2)', [slow.id, JSON.stringify(slow)])
    await held.query(`INSERT INTO change_log (txid, time, family, entity_id, version, kind, principal, subject, changes, changes_bytes)
      VALUES (pg_current_xact_id(), $1, 'task-status', $2, 1, 'create', 'slow', '{}', $3, 2)`, [new Date().toISOString(), slow.id, JSON.stringify(slow)])
    const fast = taskStatus()
    await store.taskStatuses.insert(fast, { principal: 'fast' })
    let read: ChangeEntry[] | undefined
    const reading = store.changeLog.changesSince(0, 10).then((page) => { read = page.changes })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(read).toBeUndefined()
    await held.query('COMMIT')
    await reading
    expect(read?.map((entry) => entry.principal)).toEqual(['slow', 'fast'])
  })
})
