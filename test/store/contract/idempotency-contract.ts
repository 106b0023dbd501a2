// The Idempotency-Key half of the storage contract, run against every adapter: a write
// made with a key records its response in its own transaction, and a key recorded once
// refuses every other write until its record lapses.
import { describe, expect, it, onTestFinished } from 'vitest'
import { createHumanTask, type HumanTask } from '../../../src/domain/human-task.js'
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from '../../../src/errors.js'
import type { IdempotentWrite, KeptResponse } from '../../../src/store/idempotency.js'
import type { BulkUpdateOutcome, Stored, TaskStore } from '../../../src/store/task-store.js'
import type { TaskStatus } from '../../../src/domain/task-status.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { fresh, type StoreFactory } from './task-status-contract.js'

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
    response: (result) => {
      const stored = result as Stored<TaskStatus> | undefined
      return stored === undefined ? undefined : { status: 201, headers: { etag: `"${stored.version}"`, 'content-type': 'application/json' }, body: stored.json ?? '' }
    },
    ...fields
  }
}

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
      expect((await store.idempotency.get(scopeOf(write)))?.response.headers.etag).toBe('"2"')
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
      expect((await store.idempotency.get(scopeOf(write)))?.response.body).toBe('["updated","missing","updated"]')
      await expect(store.humanTasks.updateMany(ids, change, { principal: 'alice', idempotency: write })).rejects.toBeInstanceOf(IdempotencyKeyInUseError)
      expect((await store.humanTasks.get(tasks[0]?.tkiid as string))?.version).toBe(2)
    })

    it('updateMany of ids that are all missing still records its outcome', async () => {
      const store = await fresh(makeStore)
      const write = keyed('k-bulk-missing', 'bulk-1', { operation: 'bulkUpdateHumanTasks', response: (): KeptResponse => ({ status: 200, headers: {}, body: 'none' }) })
      await store.humanTasks.updateMany(['a', 'b'], (current) => current.document, { principal: 'alice', idempotency: write })
      expect((await store.idempotency.get(scopeOf(write)))?.response.body).toBe('none')
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
  })
}
