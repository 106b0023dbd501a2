// The retention half of the storage contract, run against every adapter: the store keeps
// each human task's deletable instant with the task, deletes what is due in bounded
// batches and logs each delete, deletes completed task statuses past a cutoff, and trims
// the change log by age as a prefix that trimmedThrough describes.
import { describe, expect, it } from 'vitest'
import { actOnHumanTask, createHumanTask, type HumanTask, type HumanTaskCreate } from '../../../src/domain/human-task.js'
import { SYSTEM_PRINCIPAL } from '../../../src/store/change-log.js'
import { RETENTION_BATCH_ROWS, type TaskStore } from '../../../src/store/task-store.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { allChanges } from './change-log-contract.js'
import { fresh, type StoreFactory } from './task-status-contract.js'

const HOUR = 60 * 60 * 1000
const CREATED = new Date(Date.UTC(2024, 0, 1))

let count = 0
function readyTask (input: Partial<HumanTaskCreate> = {}): HumanTask {
  count++
  return createHumanTask({ name: `retained-${count}`, ...input }, `ret-${String(count).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`, 'tester', CREATED)
}

/** A task claimed and completed at `completedAt`, as the actions leave it. */
function finishedTask (completedAt: Date, durationUntilDeleted: string | null = 'PT1H'): HumanTask {
  const claimed = actOnHumanTask(readyTask(durationUntilDeleted === null ? {} : { durationUntilDeleted }), 'claim', 'carol', CREATED)
  return actOnHumanTask(claimed, 'complete', 'carol', completedAt)
}

async function exists (store: TaskStore, tkiid: string): Promise<boolean> {
  return (await store.humanTasks.get(tkiid)) !== undefined
}

export function retentionContract (makeStore: StoreFactory): void {
  describe('retention: human tasks past their deletion time', () => {
    it('deleteExpired(now) deletes a finished task once its deletionTime has passed, and not before', async () => {
      const store = await fresh(makeStore)
      const completedAt = new Date(Date.UTC(2024, 0, 2))
      const task = finishedTask(completedAt, 'PT1H')
      await store.humanTasks.insert(task)
      expect(await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + HOUR - 1), 100)).toEqual({ deleted: 0, yielded: false })
      expect(await exists(store, task.tkiid)).toBe(true)
      expect(await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + HOUR), 100)).toEqual({ deleted: 1, yielded: false })
      expect(await exists(store, task.tkiid)).toBe(false)
    })

    it('the deletable instant of a finished task is written by insertMany too', async () => {
      const store = await fresh(makeStore)
      const completedAt = new Date(Date.UTC(2024, 0, 2))
      const task = finishedTask(completedAt, 'PT1H')
      expect(await store.humanTasks.insertMany([task])).toBe(1)
      expect(await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + HOUR - 1), 100)).toEqual({ deleted: 0, yielded: false })
      expect(await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + HOUR), 100)).toEqual({ deleted: 1, yielded: false })
      expect(await exists(store, task.tkiid)).toBe(false)
    })

    it('the deletable instant is set by the update that ends the task, not by its creation', async () => {
      const store = await fresh(makeStore)
      const task = readyTask({ durationUntilDeleted: 'PT1H' })
      await store.humanTasks.insert(task)
      const far = new Date(Date.UTC(2100, 0, 1))
      expect((await store.humanTasks.deleteExpired(far, 100)).deleted).toBe(0)
      const terminatedAt = new Date(Date.UTC(2024, 0, 3))
      await store.humanTasks.update(task.tkiid, (current) => actOnHumanTask(current.document, 'terminate', 'carol', terminatedAt))
      expect((await store.humanTasks.deleteExpired(new Date(terminatedAt.getTime() + HOUR - 1), 100)).deleted).toBe(0)
      expect((await store.humanTasks.deleteExpired(new Date(terminatedAt.getTime() + HOUR), 100)).deleted).toBe(1)
    })

    it('the deletable instant is set by a bulk update that ends tasks too', async () => {
      const store = await fresh(makeStore)
      const tasks = [readyTask({ durationUntilDeleted: 'PT1H' }), readyTask({ durationUntilDeleted: 'PT2H' })]
      for (const task of tasks) await store.humanTasks.insert(task)
      const terminatedAt = new Date(Date.UTC(2024, 0, 3))
      await store.humanTasks.updateMany(tasks.map((task) => task.tkiid), (current) => actOnHumanTask(current.document, 'terminate', 'carol', terminatedAt))
      expect((await store.humanTasks.deleteExpired(new Date(terminatedAt.getTime() + HOUR), 100)).deleted).toBe(1)
      expect(await exists(store, tasks[0]?.tkiid as string)).toBe(false)
      expect(await exists(store, tasks[1]?.tkiid as string)).toBe(true)
    })

    it('a task that is not in an end state is never deleted, whatever its fields say', async () => {
      const store = await fresh(makeStore)
      // A document that claims a deletionTime without being finished: only the end state counts.
      const task = { ...readyTask({ durationUntilDeleted: 'PT1H' }), deletionTime: '2024-01-01T01:00:00.000Z' }
      await store.humanTasks.insert(task)
      expect((await store.humanTasks.deleteExpired(new Date(Date.UTC(2100, 0, 1)), 100)).deleted).toBe(0)
    })

    it('a finished task without durationUntilDeleted is kept for ever', async () => {
      const store = await fresh(makeStore)
      const task = finishedTask(new Date(Date.UTC(2024, 0, 2)), null)
      await store.humanTasks.insert(task)
      expect((await store.humanTasks.deleteExpired(new Date(Date.UTC(2100, 0, 1)), 100)).deleted).toBe(0)
    })

    it('a deletionTime past year 9999 is not taken for an early one', async () => {
      const store = await fresh(makeStore)
      const task = finishedTask(new Date(Date.UTC(2024, 0, 2)), 'P9000Y')
      expect(task.deletionTime?.startsWith('+')).toBe(true)
      await store.humanTasks.insert(task)
      expect((await store.humanTasks.deleteExpired(new Date(Date.UTC(2100, 0, 1)), 100)).deleted).toBe(0)
    })

    it('deleteExpired(now, limit) deletes at most limit tasks, the soonest due first', async () => {
      const store = await fresh(makeStore)
      const tasks = [3, 1, 2].map((hours) => finishedTask(new Date(Date.UTC(2024, 0, 2, hours))))
      for (const task of tasks) await store.humanTasks.insert(task)
      const now = new Date(Date.UTC(2024, 0, 3))
      expect((await store.humanTasks.deleteExpired(now, 2)).deleted).toBe(2)
      expect(await exists(store, tasks[0]?.tkiid as string)).toBe(true)
      expect((await store.humanTasks.deleteExpired(now, 2)).deleted).toBe(1)
      expect((await store.humanTasks.deleteExpired(now, 2)).deleted).toBe(0)
    })

    it(`one batch deletes at most ${RETENTION_BATCH_ROWS} tasks, whatever limit it is given`, async () => {
      const store = await fresh(makeStore)
      const completedAt = new Date(Date.UTC(2024, 0, 2))
      const task = finishedTask(completedAt)
      // The same finished task under many ids: one insert each is what it costs.
      await Promise.all(Array.from({ length: RETENTION_BATCH_ROWS + 1 }, async (_, index) => await store.humanTasks.insert({ ...task, tkiid: `bulk-${String(index).padStart(5, '0')}` })))
      expect((await store.humanTasks.deleteExpired(new Date(Date.UTC(2024, 0, 3)), 1_000_000)).deleted).toBe(RETENTION_BATCH_ROWS)
      expect((await store.humanTasks.deleteExpired(new Date(Date.UTC(2024, 0, 3)), 1_000_000)).deleted).toBe(1)
    })

    it('each deletion is a delete entry by the system principal, at the sweep\'s time, one version past the deleted one, with the subject as deleted', async () => {
      const store = await fresh(makeStore)
      const task = finishedTask(new Date(Date.UTC(2024, 0, 2)))
      await store.humanTasks.insert(task, { principal: 'alice' })
      const now = new Date(Date.UTC(2024, 0, 3))
      await store.humanTasks.deleteExpired(now, 100)
      const entries = await allChanges(store.changeLog)
      expect(entries.map((entry) => entry.kind)).toEqual(['create', 'delete'])
      expect(entries[1]).toMatchObject({ family: 'human-task', id: task.tkiid, kind: 'delete', version: 2, principal: SYSTEM_PRINCIPAL, time: now.toISOString(), subject: { state: 'STATE_FINISHED', owner: 'carol', namespace: null }, changesJson: null })
    })

    it('the history of a deleted task survives it, the retention delete last', async () => {
      const store = await fresh(makeStore)
      const task = finishedTask(new Date(Date.UTC(2024, 0, 2)))
      await store.humanTasks.insert(task)
      await store.humanTasks.deleteExpired(new Date(Date.UTC(2024, 0, 3)), 100)
      const history = []
      for await (const batch of store.changeLog.history('human-task', task.tkiid, 0, 10)) history.push(...batch)
      expect(history.map((entry) => entry.kind)).toEqual(['create', 'delete'])
    })
  })

  describe('retention: completed task statuses', () => {
    it('deleteCompletedBefore(cutoff) deletes the task statuses completed before cutoff and keeps the others', async () => {
      const store = await fresh(makeStore)
      const old = taskStatus({ completed: '2024-01-01T00:00:00.000Z', completionStatus: 'Success' })
      const recent = taskStatus({ completed: '2024-03-01T00:00:00.000Z' })
      const pending = taskStatus()
      for (const document of [old, recent, pending]) await store.taskStatuses.insert(document)
      const now = new Date(Date.UTC(2024, 3, 1))
      expect(await store.taskStatuses.deleteCompletedBefore(new Date(Date.UTC(2024, 1, 1)), 100, now)).toEqual({ deleted: 1, yielded: false })
      expect(await store.taskStatuses.get(old.id)).toBeUndefined()
      expect(await store.taskStatuses.get(recent.id)).toBeDefined()
      expect(await store.taskStatuses.get(pending.id)).toBeDefined()
      const [, , , entry] = await allChanges(store.changeLog)
      expect(entry).toMatchObject({ family: 'task-status', id: old.id, kind: 'delete', version: 2, principal: SYSTEM_PRINCIPAL, time: now.toISOString(), subject: { type: old.type, completionStatus: 'Success', launcher: old.launcher } })
    })

    it('deleteCompletedBefore(cutoff, limit) deletes at most limit, the longest completed first', async () => {
      const store = await fresh(makeStore)
      const documents = ['2024-01-03', '2024-01-01', '2024-01-02'].map((day) => taskStatus({ completed: `${day}T00:00:00.000Z` }))
      for (const document of documents) await store.taskStatuses.insert(document)
      expect((await store.taskStatuses.deleteCompletedBefore(new Date(Date.UTC(2024, 1, 1)), 2, new Date())).deleted).toBe(2)
      expect(await store.taskStatuses.get(documents[0]?.id as string)).toBeDefined()
    })

    it('a completion past year 9999 is not taken for an early one', async () => {
      const store = await fresh(makeStore)
      const document = { ...taskStatus(), completed: '+010000-01-01T00:00:00.000Z' }
      await store.taskStatuses.insert(document)
      expect((await store.taskStatuses.deleteCompletedBefore(new Date(Date.UTC(2100, 0, 1)), 100, new Date())).deleted).toBe(0)
    })
  })

  describe('retention: the change log trimmed by age', () => {
    async function loggedAt (store: TaskStore, days: readonly number[]): Promise<void> {
      for (const day of days) await store.taskStatuses.insert(taskStatus(), { principal: 'alice', time: new Date(Date.UTC(2024, 0, day)) })
    }

    it('trimBefore(cutoff) removes the entries older than cutoff and trimmedThrough() reports the last one removed', async () => {
      const store = await fresh(makeStore)
      await loggedAt(store, [1, 2, 10])
      const before = await allChanges(store.changeLog)
      expect(await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 100)).toEqual({ deleted: 2, yielded: false })
      expect(await store.changeLog.trimmedThrough()).toBe(before[1]?.sequence)
      expect((await allChanges(store.changeLog)).map((entry) => entry.sequence)).toEqual([before[2]?.sequence])
    })

    it('trims a prefix only: an old entry after a newer one waits for the newer one to age', async () => {
      const store = await fresh(makeStore)
      await loggedAt(store, [1, 10, 2])
      const before = await allChanges(store.changeLog)
      expect((await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 100)).deleted).toBe(1)
      expect(await store.changeLog.trimmedThrough()).toBe(before[0]?.sequence)
      expect((await allChanges(store.changeLog)).map((entry) => entry.sequence)).toEqual(before.slice(1).map((entry) => entry.sequence))
    })

    it('trimBefore(cutoff, limit) removes at most limit entries, and the next call goes on', async () => {
      const store = await fresh(makeStore)
      await loggedAt(store, [1, 2, 3])
      const before = await allChanges(store.changeLog)
      expect((await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 2)).deleted).toBe(2)
      expect(await store.changeLog.trimmedThrough()).toBe(before[1]?.sequence)
      expect((await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 2)).deleted).toBe(1)
      expect(await store.changeLog.trimmedThrough()).toBe(before[2]?.sequence)
    })

    it('a trim with nothing old enough changes nothing, trimmedThrough included', async () => {
      const store = await fresh(makeStore)
      await loggedAt(store, [10])
      expect((await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 100)).deleted).toBe(0)
      expect(await store.changeLog.trimmedThrough()).toBe(0)
      expect(await allChanges(store.changeLog)).toHaveLength(1)
    })

    it('sequences go on past a trim: the next entry is numbered after every trimmed one', async () => {
      const store = await fresh(makeStore)
      await loggedAt(store, [1, 2])
      await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 100)
      const trimmed = await store.changeLog.trimmedThrough()
      await loggedAt(store, [20])
      const [entry] = await allChanges(store.changeLog)
      expect(entry?.sequence).toBeGreaterThan(trimmed)
      expect(await store.changeLog.head()).toBe(entry?.sequence)
    })

    it('a deleted entity\'s history lasts until its entries age out', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document, { principal: 'alice', time: new Date(Date.UTC(2024, 0, 1)) })
      await store.taskStatuses.delete(document.id, { principal: 'alice', time: new Date(Date.UTC(2024, 0, 10)) })
      await store.changeLog.trimBefore(new Date(Date.UTC(2024, 0, 5)), 100)
      const history = []
      for await (const batch of store.changeLog.history('task-status', document.id, 0, 10)) history.push(...batch)
      expect(history.map((entry) => entry.kind)).toEqual(['delete'])
    })
  })
}
