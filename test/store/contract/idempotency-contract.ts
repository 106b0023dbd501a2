// The Idempotency-Key half of the storage contract, run against every adapter: a write
// made with a key records its response in its own transaction, and a key recorded once
// refuses every other write until its record lapses.
import { describe, expect, it, onTestFinished } from 'vitest'
import { createHumanTask, type HumanTask } from '../../../src/domain/human-task.js'
import { HumanTaskStateError, IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../../../src/errors.js'
import type { IdempotentWrite, KeptResponse } from '../../../src/store/idempotency.js'
import type { BulkUpdateOutcome, Stored, TaskStore } from '../../../src/store/task-store.js'
import type { TaskStatus } from '../../../src/domain/task-status.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { fresh, type StoreFactory } from './task-status-contract.js'
import { allChanges } from './change-log-contract.js'

/** Two stores over the same data (two instances, or two processes' worth of connections). */
export type TwinStoresFactory = () => Promise<[TaskStore, TaskStore]>

let count = 0
function humanTask (): HumanTask {
  count++
  return createHumanTask({ name: `task-${count}` }, `idem-${String(count).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`, 'tester', new Date(Date.UTC(2024, 0, 1)))
}

const HOUR = 3600_000

function keyed (key: string, fingerprint = 'request-1', fields: Partial<IdempotentWrite> = {}): IdempotentWrite {
  return {
    principal: 'alice',
    operation: 'createTaskStatus',
    key,
    fingerprint,
    expiresAt: Date.now() + HOUR,
    maxBodyBytes: 1024 * 1024,
    leaseMs: 10_000,
    response: (result) => {
      const stored = result as Stored<TaskStatus> | undefined
      return stored === undefined ? undefined : { status: 201, headers: { etag: `"${stored.version}"`, 'content-type': 'application/json' }, body: stored.json ?? '' }
    },
    ...fields
  }
}

// Documents of about 100 KB: forty of them take at least four transactions of updateMany
// in either adapter (1 MiB a slice in SQLite, 512 KiB a chunk in PostgreSQL), so a watcher
// that may miss the first still sees the record advance.
const LARGE_DESCRIPTION = 'd'.repeat(100 * 1024)
const SPANNING = 40

async function spanningTasks (store: TaskStore): Promise<string[]> {
  const tasks = Array.from({ length: SPANNING }, () => ({ ...humanTask(), description: LARGE_DESCRIPTION }))
  await store.humanTasks.insertMany(tasks)
  return tasks.map((task) => task.tkiid)
}

// Each outcome as a response of the bulk update would tell it: a refused one by its error's code.
function outcomesResponse (result: unknown): KeptResponse {
  const outcomes = (result as BulkUpdateOutcome[]).map((outcome) => outcome.outcome === 'refused'
    ? `${outcome.id}:refused:${(outcome.error as Error & { code?: string }).code ?? ''}`
    : `${outcome.id}:${outcome.outcome}${outcome.outcome === 'updated' ? `:${outcome.version}` : ''}`)
  return { status: 200, headers: {}, body: JSON.stringify(outcomes) }
}

function bulkKeyed (key: string, fields: Partial<IdempotentWrite> = {}): IdempotentWrite {
  return keyed(key, 'bulk-1', { operation: 'bulkUpdateHumanTasks', response: outcomesResponse, ...fields })
}

const bumpPriority = (current: Stored<HumanTask>): HumanTask => ({ ...current.document, priority: (current.document.priority ?? 0) + 1 })

// The first crash of an updateMany: its response is made in its last transaction only,
// so one that throws rolls that transaction back and leaves the earlier ones committed.
const CRASH_AT_LAST: Partial<IdempotentWrite> = { response: () => { throw new Error('crashed before the last commit') } }

async function changesPerTask (store: TaskStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const entry of await allChanges(store.changeLog, { family: 'human-task' }, 0, 1000)) {
    if (entry.kind !== 'create') counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1)
  }
  return counts
}

async function versionsOf (store: TaskStore, ids: readonly string[]): Promise<number[]> {
  return await Promise.all(ids.map(async (id) => (await store.humanTasks.get(id))?.version ?? 0))
}

const sleep = async (ms: number): Promise<void> => { await new Promise((resolve) => setTimeout(resolve, ms)) }

const scopeOf = (write: IdempotentWrite): { principal: string, operation: string, key: string } => ({ principal: write.principal, operation: write.operation, key: write.key })

export function idempotencyContract (makeStore: StoreFactory, openTwins: TwinStoresFactory): void {
  describe('idempotency records', () => {
    it('insert(document, {idempotency}) records the response the stored document makes', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k1')
      const stored = await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: write })
      expect(await store.idempotency.get(scopeOf(write))).toEqual({
        fingerprint: 'request-1',
        response: { status: 201, headers: { etag: '"1"', 'content-type': 'application/json' }, body: stored.json }
      })
    })

    it('a second write with a recorded key and the same request is refused with IdempotencyKeyInUseError and stores nothing', async () => {
      const store = await fresh(makeStore)
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1') })
      await expect(store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1') })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
      expect(await store.taskStatuses.count(undefined)).toBe(1)
    })

    it('a second write with a recorded key and another request is refused with IdempotencyKeyReusedError and stores nothing', async () => {
      const store = await fresh(makeStore)
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1') })
      await expect(store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1', 'request-2') })).rejects.toBeInstanceOf(IdempotencyKeyReusedError)
      expect(await store.taskStatuses.count(undefined)).toBe(1)
    })

    it('a key is scoped to its principal and operation: the same key of another principal or operation is free', async () => {
      const store = await fresh(makeStore)
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1') })
      await store.taskStatuses.insert(taskStatus(), { principal: 'bob', idempotency: keyed('k1', 'request-1', { principal: 'bob' }) })
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1', 'request-1', { operation: 'other' }) })
      expect(await store.taskStatuses.count(undefined)).toBe(3)
    })

    it('update(id, change, {idempotency}) records the updated document and refuses the key afterwards, changing nothing', async () => {
      const store = await fresh(makeStore)
      const created = await store.taskStatuses.insert(taskStatus())
      const write = keyed('k-update', 'patch-1', { operation: 'updateTaskStatus' })
      const change = (current: Stored<TaskStatus>): TaskStatus => ({ ...current.document, percentComplete: (current.document.percentComplete ?? 0) + 1 })
      await store.taskStatuses.update(created.document.id, change, { principal: 'alice', idempotency: write })
      await expect(store.taskStatuses.update(created.document.id, change, { principal: 'alice', idempotency: write })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
      expect((await store.taskStatuses.get(created.document.id))?.version).toBe(2)
      expect((await store.idempotency.get(scopeOf(write)))?.response?.headers.etag).toBe('"2"')
    })

    it('an update of a missing document records nothing', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k-missing', 'patch-1', { operation: 'updateTaskStatus' })
      expect(await store.taskStatuses.update('missing', (current) => current.document, { principal: 'alice', idempotency: write })).toBeUndefined()
      expect(await store.idempotency.get(scopeOf(write))).toBeUndefined()
    })

    it('an update whose change throws records nothing', async () => {
      const store = await fresh(makeStore)
      const created = await store.taskStatuses.insert(taskStatus())
      const write = keyed('k-refused', 'patch-1', { operation: 'updateTaskStatus' })
      await expect(store.taskStatuses.update(created.document.id, () => { throw new Error('refused') }, { principal: 'alice', idempotency: write })).rejects.toThrow('refused')
      expect(await store.idempotency.get(scopeOf(write))).toBeUndefined()
    })

    it('a write whose response function throws is rolled back with it: no document, no record', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k-throws', 'request-1', { response: () => { throw new Error('no response') } })
      await expect(store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: write })).rejects.toThrow('no response')
      expect(await store.taskStatuses.count(undefined)).toBe(0)
      expect(await store.idempotency.get(scopeOf(write))).toBeUndefined()
    })

    it('a lapsed record is not read, and a write with its key runs and replaces it', async () => {
      const store = await fresh(makeStore)
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1', 'old', { expiresAt: Date.now() - 1 }) })
      expect(await store.idempotency.get({ principal: 'alice', operation: 'createTaskStatus', key: 'k1' })).toBeUndefined()
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('k1', 'new') })
      expect((await store.idempotency.get({ principal: 'alice', operation: 'createTaskStatus', key: 'k1' }))?.fingerprint).toBe('new')
    })

    it('purgeExpired(now, limit) deletes at most limit lapsed records and leaves the others', async () => {
      const store = await fresh(makeStore)
      for (let index = 0; index < 5; index++) {
        await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed(`lapsed-${index}`, 'f', { expiresAt: Date.now() - 1000 }) })
      }
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('kept') })
      expect(await store.idempotency.purgeExpired(Date.now(), 3)).toBe(3)
      expect(await store.idempotency.purgeExpired(Date.now(), 3)).toBe(2)
      expect(await store.idempotency.purgeExpired(Date.now(), 3)).toBe(0)
      expect(await store.idempotency.get({ principal: 'alice', operation: 'createTaskStatus', key: 'kept' })).toBeDefined()
    })

    it('a response body over maxBodyBytes is kept without its body or content type', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k-large', 'request-1', { maxBodyBytes: 10 })
      await store.taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: write })
      expect((await store.idempotency.get(scopeOf(write)))?.response).toEqual({ status: 201, headers: { etag: '"1"' }, body: null })
    })

    it('updateMany(ids, change, {idempotency}) records the outcome of every id, and refuses the key afterwards', async () => {
      const store = await fresh(makeStore)
      const tasks = [humanTask(), humanTask()]
      for (const task of tasks) await store.humanTasks.insert(task)
      const ids = [tasks[0]?.tkiid as string, 'missing', tasks[1]?.tkiid as string]
      const write = keyed('k-bulk', 'bulk-1', {
        operation: 'bulkUpdateHumanTasks',
        response: (result): KeptResponse => ({ status: 200, headers: {}, body: JSON.stringify((result as BulkUpdateOutcome[]).map((outcome) => outcome.outcome)) })
      })
      const change = (current: Stored<HumanTask>): HumanTask => ({ ...current.document, priority: (current.document.priority ?? 0) + 1 })
      await store.humanTasks.updateMany(ids, change, { principal: 'alice', idempotency: write })
      expect((await store.idempotency.get(scopeOf(write)))?.response?.body).toBe('["updated","missing","updated"]')
      await expect(store.humanTasks.updateMany(ids, change, { principal: 'alice', idempotency: write })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
      expect((await store.humanTasks.get(tasks[0]?.tkiid as string))?.version).toBe(2)
    })

    it('updateMany of ids that are all missing still records its outcome', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k-bulk-missing', 'bulk-1', { operation: 'bulkUpdateHumanTasks', response: (): KeptResponse => ({ status: 200, headers: {}, body: 'none' }) })
      await store.humanTasks.updateMany(['a', 'b'], (current) => current.document, { principal: 'alice', idempotency: write })
      expect((await store.idempotency.get(scopeOf(write)))?.response?.body).toBe('none')
    })

    it('a keyed updateMany over several transactions writes its record in each: in progress with the ids committed so far, then complete', async () => {
      const store = await fresh(makeStore)
      const ids = await spanningTasks(store)
      const write = bulkKeyed('k-advancing')
      const seen: number[] = []
      const run = { done: false }
      const watching = (async () => {
        while (!run.done) {
          const progress = (await store.idempotency.get(scopeOf(write)))?.progress
          if (progress !== undefined && progress.completed !== seen.at(-1)) seen.push(progress.completed)
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      await store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: write }).finally(() => { run.done = true })
      await watching
      expect(seen.length).toBeGreaterThanOrEqual(2)
      expect([...seen].sort((a, b) => a - b)).toEqual(seen)
      for (const completed of seen) expect(completed).toBeGreaterThan(0)
      expect(seen.at(-1)).toBeLessThan(ids.length)
      const record = await store.idempotency.get(scopeOf(write))
      expect(record?.progress).toBeUndefined()
      expect(JSON.parse(record?.response?.body ?? '[]')).toEqual(ids.map((id) => `${id}:updated:2`))
    })

    it('a retry after a crash between two transactions of updateMany goes on from the first id not committed: each document changes once and the response answers for every id', async () => {
      const store = await fresh(makeStore)
      const tasks = await spanningTasks(store)
      // A missing id and a refused one early on, committed before the crash: the retry's response still lists them.
      const refused = tasks[1] as string
      const ids = [tasks[0] as string, 'missing-early', ...tasks.slice(1)]
      const change = (current: Stored<HumanTask>): HumanTask => {
        if (current.document.tkiid === refused) throw new HumanTaskStateError(refused, 'STATE_FINISHED', 'update')
        return bumpPriority(current)
      }
      await expect(store.humanTasks.updateMany(ids, change, { principal: 'alice', idempotency: bulkKeyed('k-crash', { ...CRASH_AT_LAST, leaseMs: 50 }) })).rejects.toThrow('crashed')
      const afterCrash = await versionsOf(store, tasks)
      expect(afterCrash.filter((version) => version === 2).length).toBeGreaterThan(0)
      expect(afterCrash.filter((version) => version === 1).length).toBeGreaterThan(1)
      await sleep(100)
      const outcomes = await store.humanTasks.updateMany(ids, change, { principal: 'alice', idempotency: bulkKeyed('k-crash') })
      const expected = ids.map((id) => id === 'missing-early' ? `${id}:missing` : id === refused ? `${id}:refused:TASKD_HUMAN_TASK_STATE` : `${id}:updated:2`)
      expect(outcomesResponse(outcomes).body).toBe(JSON.stringify(expected))
      expect((await store.idempotency.get(scopeOf(bulkKeyed('k-crash'))))?.response?.body).toBe(JSON.stringify(expected))
      expect(await versionsOf(store, tasks)).toEqual(tasks.map((id) => id === refused ? 1 : 2))
      const changes = await changesPerTask(store)
      expect(tasks.filter((id) => id !== refused).map((id) => changes.get(id))).toEqual(tasks.slice(1).map(() => 1))
    })

    it('while the lease of its owner holds, a record in progress refuses its key with IdempotencyKeyInUseError and nothing more changes', async () => {
      const store = await fresh(makeStore)
      const ids = await spanningTasks(store)
      await expect(store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-held', CRASH_AT_LAST) })).rejects.toThrow('crashed')
      const afterCrash = await versionsOf(store, ids)
      await expect(store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-held') })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
      await expect(store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-held', { fingerprint: 'bulk-2' }) })).rejects.toBeInstanceOf(IdempotencyKeyReusedError)
      expect(await versionsOf(store, ids)).toEqual(afterCrash)
      expect((await store.idempotency.get(scopeOf(bulkKeyed('k-held'))))?.progress?.leaseExpiresAt).toBeGreaterThan(Date.now())
    })

    it('a single write with the key of a bulk update in progress is refused like any recorded key', async () => {
      const store = await fresh(makeStore)
      const ids = await spanningTasks(store)
      await expect(store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-single', { ...CRASH_AT_LAST, leaseMs: 1 }) })).rejects.toThrow('crashed')
      await sleep(5)
      await expect(store.humanTasks.update(ids[0] as string, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-single') })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
    })

    it('an owner whose lease lapses mid-way and a retry that takes over change every document once between them', async () => {
      const store = await fresh(makeStore)
      const ids = await spanningTasks(store)
      const write = bulkKeyed('k-stalled', { leaseMs: 1 })
      const owner = store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: write })
      let retry: Promise<BulkUpdateOutcome[]> | undefined
      while (retry === undefined) {
        const record = await store.idempotency.get(scopeOf(write))
        if (record?.response !== undefined) break
        if (record?.progress !== undefined) retry = store.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: write })
        else await new Promise((resolve) => setImmediate(resolve))
      }
      expect(retry, 'a retry started while the record was in progress').toBeDefined()
      const settled = await Promise.allSettled([owner, ...(retry === undefined ? [] : [retry])])
      for (const outcome of settled) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(IdempotencyKeyInUseError)
      }
      expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      expect(await versionsOf(store, ids)).toEqual(ids.map(() => 2))
      expect(JSON.parse((await store.idempotency.get(scopeOf(write)))?.response?.body ?? '[]')).toEqual(ids.map((id) => `${id}:updated:2`))
    })

    it('of concurrent writes with one key over two store instances, exactly one applies and the others are refused', async () => {
      const [first, second] = await openTwins()
      onTestFinished(async () => {
        await first.close()
        await second.close()
      })
      const attempts = Array.from({ length: 12 }, async (_, index) =>
        await (index % 2 === 0 ? first : second).taskStatuses.insert(taskStatus(), { principal: 'alice', idempotency: keyed('shared') }))
      const settled = await Promise.allSettled(attempts)
      expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      for (const outcome of settled) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(IdempotencyKeyInUseError)
      }
      expect(await first.taskStatuses.count(undefined)).toBe(1)
      expect(await second.idempotency.get({ principal: 'alice', operation: 'createTaskStatus', key: 'shared' })).toBeDefined()
    })
    it('of concurrent retries of a crashed updateMany over two store instances, exactly one takes it over and the others are refused', async () => {
      const [first, second] = await openTwins()
      onTestFinished(async () => {
        await first.close()
        await second.close()
      })
      const ids = await spanningTasks(first)
      await expect(first.humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-shared-bulk', { ...CRASH_AT_LAST, leaseMs: 50 }) })).rejects.toThrow('crashed')
      await sleep(100)
      const retries = Array.from({ length: 6 }, async (_, index) =>
        await (index % 2 === 0 ? first : second).humanTasks.updateMany(ids, bumpPriority, { principal: 'alice', idempotency: bulkKeyed('k-shared-bulk') }))
      const settled = await Promise.allSettled(retries)
      expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      for (const outcome of settled) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(IdempotencyKeyInUseError)
      }
      expect(await versionsOf(second, ids)).toEqual(ids.map(() => 2))
      expect([...(await changesPerTask(second)).values()]).toEqual(ids.map(() => 1))
    })
  })
}
