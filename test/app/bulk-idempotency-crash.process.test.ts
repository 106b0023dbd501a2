// A server killed with SIGKILL in the middle of a keyed bulk update (once its record shows
// some of the ids committed and not all), then started again and sent the same request
// with the same Idempotency-Key: the retry goes on from where the kill stopped it. Every
// task is changed exactly once (its version up by one, one change-log entry), and the
// answer lists the refusals of the ids committed before the kill as well as after it.
import { afterAll, describe, expect, it } from 'vitest'
import { createHumanTask, type HumanTask } from '../../src/domain/human-task.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { ANONYMOUS } from '../../src/http/principal.js'
import { allChanges } from '../store/contract/change-log-contract.js'
import { pageDocuments } from '../helpers/page-documents.js'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { exited, startServer } from '../helpers/server-process.js'

// Enough ids for tens of transactions in either adapter (1,000 ids a chunk on PostgreSQL,
// about 12 ms of work a slice on SQLite), so that the kill lands between two of them.
const TASKS = 12_000
// Every REFUSED_EVERY-th task is terminated, so its update is refused; an id that names
// no task follows every MISSING_EVERY-th one.
const REFUSED_EVERY = 200
const MISSING_EVERY = 300
const KEY = 'bulk-crash-1'
const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

async function openStoreOf (env: Record<string, string>): Promise<TaskStore> {
  const url = env.STORE_URL as string
  if (url.startsWith('sqlite:')) return openSqliteStore({ filename: url.slice('sqlite:'.length) })
  return await openPostgresStore({ connectionString: url, schema: env.PG_SCHEMA })
}

interface Seeded { ids: string[], refused: Set<string>, missing: Set<string> }

async function seed (store: TaskStore): Promise<Seeded> {
  const created = new Date(Date.UTC(2025, 0, 1))
  const tasks: HumanTask[] = []
  const ids: string[] = []
  const refused = new Set<string>()
  const missing = new Set<string>()
  for (let index = 0; index < TASKS; index++) {
    const task = createHumanTask({ name: `bulk-${index}` }, `bulk-crash-${String(index).padStart(6, '0')}`, 'tester', created)
    if (index % REFUSED_EVERY === 7) {
      tasks.push({ ...task, state: 'STATE_TERMINATED', completionTime: created.toISOString() })
      refused.add(task.tkiid)
    } else {
      tasks.push(task)
    }
    ids.push(task.tkiid)
    if (index % MISSING_EVERY === 3) {
      const id = `bulk-crash-missing-${index}`
      ids.push(id)
      missing.add(id)
    }
  }
  await store.humanTasks.insertMany(tasks)
  return { ids, refused, missing }
}

// Every task's version, a page of them at a time (a lookup per id would exhaust a pool).
async function versionsOf (store: TaskStore): Promise<Map<string, number>> {
  const versions = new Map<string, number>()
  for (let offset = 0; ; offset += 1000) {
    const { items } = await store.humanTasks.query({ sort: [{ field: 'tkiid', descending: false }], offset, limit: 1000 })
    const page = await pageDocuments(items)
    for (const stored of page) versions.set(stored.document.tkiid, stored.version)
    if (page.length < 1000) return versions
  }
}

const bulkRequest = (ids: readonly string[]): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json', 'idempotency-key': `"${KEY}"` },
  body: JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { priority: 7 } })
})

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('a server killed with SIGKILL mid-way through a keyed bulk update, over %s', (_name, storeEnv, skip) => {
  it.skipIf(skip)('is taken over by the retry with the same key: every task changed once, every refusal answered', async () => {
    const env = { ...await storeEnv(), RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'warn', RETENTION_SWEEP_INTERVAL_MS: '0' }
    const store = await openStoreOf(env)
    try {
      const { ids, refused, missing } = await seed(store)
      const scope = { principal: ANONYMOUS, operation: 'bulkUpdateHumanTasks', key: KEY }

      const first = await startServer(env)
      const exit = exited(first.child)
      const sent = fetch(`${first.url}/v1/task?action=update`, bulkRequest(ids)).then(() => 'answered', () => 'cut off')
      // Killed once the record shows a quarter of the ids committed, while the rest are still to go.
      let completedAtKill: number | undefined
      const deadline = Date.now() + 30_000
      while (completedAtKill === undefined && Date.now() < deadline) {
        const record = await store.idempotency.get(scope)
        if (record?.response !== undefined) break
        if (record?.progress !== undefined && record.progress.completed >= ids.length / 4) {
          first.child.kill('SIGKILL')
          completedAtKill = record.progress.completed
        } else {
          await new Promise((resolve) => setTimeout(resolve, 2))
        }
      }
      expect(completedAtKill, 'the kill came while the bulk update was in progress').toBeDefined()
      expect((await exit).signal).toBe('SIGKILL')
      expect(await sent).toBe('cut off')
      const second = await startServer(env)
      try {
        const afterKill = await store.idempotency.get(scope)
        expect(afterKill?.response).toBeUndefined()
        const committed = afterKill?.progress?.completed ?? 0
        expect(committed).toBeLessThan(ids.length)
        // The record and the tasks agree: exactly the ids it says are committed were changed.
        const changedBeforeKill = [...(await versionsOf(store)).values()].filter((version) => version === 2).length
        expect(changedBeforeKill).toBe(ids.slice(0, committed).filter((id) => !refused.has(id) && !missing.has(id)).length)
        // 409 while the killed owner's lease (IDEMPOTENCY_LEASE_MS, 10 s) holds, then the retry takes over.
        let response: Response
        let inUse = 0
        for (;;) {
          response = await fetch(`${second.url}/v1/task?action=update`, bulkRequest(ids))
          if (response.status !== 409) break
          inUse++
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        expect(response.status).toBe(200)
        expect(inUse).toBeGreaterThan(0)
        const { failedUpdates } = await response.json() as { failedUpdates: Array<{ tkiid: string, errorNumber: string }> }
        expect(failedUpdates.map((failure) => failure.tkiid)).toEqual(ids.filter((id) => refused.has(id) || missing.has(id)))
        for (const failure of failedUpdates) expect(failure.errorNumber).toBe(missing.has(failure.tkiid) ? 'CWTKA0024E' : 'CWTKA0007E')

        const replay = await fetch(`${second.url}/v1/task?action=update`, bulkRequest(ids))
        expect(replay.headers.get('idempotency-replayed')).toBe('true')
        expect((await replay.json() as { failedUpdates: unknown[] }).failedUpdates).toEqual(failedUpdates)

        const versions = await versionsOf(store)
        for (const id of ids) {
          const expected = missing.has(id) ? undefined : refused.has(id) ? 1 : 2
          if (versions.get(id) !== expected) expect(versions.get(id), `version of ${id}`).toBe(expected)
        }
        const updates = new Map<string, number>()
        for (const entry of await allChanges(store.changeLog, { family: 'human-task' }, 0, 5000)) {
          if (entry.kind !== 'create') updates.set(entry.id, (updates.get(entry.id) ?? 0) + 1)
        }
        const updatable = ids.filter((id) => !refused.has(id) && !missing.has(id))
        expect(updates.size).toBe(updatable.length)
        expect([...updates.values()].every((count) => count === 1)).toBe(true)
        console.info(`bulk of ${ids.length} ids killed with ${committed} committed (${changedBeforeKill} tasks changed); the retry answered after ${inUse} 409s`)
      } finally {
        expect((await second.stop()).code).toBe(0)
      }
    } finally {
      await store.close()
    }
  }, 120_000)
})
