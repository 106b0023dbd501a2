// The human task half of the storage contract, run against every adapter.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { createHumanTask, type HumanTask } from '../../../src/domain/human-task.js'
import { humanTaskQuery } from '../../../src/domain/human-task-query.js'
import { fresh, SMALL_LIMITS, type StoreFactory } from './task-status-contract.js'
import { pageDocuments } from '../../helpers/page-documents.js'

let sequence = 0
function task (fields: Partial<HumanTask> = {}): HumanTask {
  sequence++
  return { ...createHumanTask({ name: `task-${sequence}` }, `tkiid-${String(sequence).padStart(6, '0')}`, 'tester', new Date(Date.UTC(2024, 0, 1, 0, 0, sequence))), ...fields }
}

export function humanTaskContract (makeStore: StoreFactory): void {
  describe('human tasks', () => {
    it('insert(task) and get(tkiid) round-trip at version 1', async () => {
      const store = await fresh(makeStore)
      const created = task()
      await store.humanTasks.insert(created)
      expect(await store.humanTasks.get(created.tkiid)).toEqual({ document: created, version: 1 })
    })

    it('update(tkiid, change) stores the change and increments the version', async () => {
      const store = await fresh(makeStore)
      const created = task()
      await store.humanTasks.insert(created)
      const updated = await store.humanTasks.update(created.tkiid, (current) => ({ ...current.document, priority: 9 }))
      expect(updated).toEqual({ document: { ...created, priority: 9 }, version: 2 })
      expect(await store.humanTasks.update('missing', (current) => current.document)).toBeUndefined()
    })

    it('updateMany(tkiids, change) reports updated, missing and refused ids in order', async () => {
      const store = await fresh(makeStore)
      const [a, b] = [task(), task({ priority: 1 })]
      await store.humanTasks.insert(a)
      await store.humanTasks.insert(b)
      const outcomes = await store.humanTasks.updateMany([b.tkiid, 'missing', a.tkiid], (current) => {
        if (current.document.priority === 1) throw new Error('refused')
        return { ...current.document, priority: 5 }
      })
      expect(outcomes.map((outcome) => [outcome.id, outcome.outcome])).toEqual([[b.tkiid, 'refused'], ['missing', 'missing'], [a.tkiid, 'updated']])
      expect(outcomes[2]).toEqual({ id: a.tkiid, outcome: 'updated', version: 2 })
      expect((await store.humanTasks.get(a.tkiid))?.document.priority).toBe(5)
      expect(await store.humanTasks.get(b.tkiid)).toEqual({ document: b, version: 1 })
    })

    it('updateMany(tkiids, change) handles more ids than one transaction chunk', async () => {
      const store = await fresh(makeStore)
      const tasks = Array.from({ length: 5100 }, () => task())
      for (const created of tasks) await store.humanTasks.insert(created)
      const outcomes = await store.humanTasks.updateMany(tasks.map((created) => created.tkiid), (current) => ({ ...current.document, priority: 0 }))
      expect(outcomes.filter((outcome) => outcome.outcome === 'updated')).toHaveLength(5100)
    })

    it('updateMany(tkiids, change) lets the event loop turn between documents once its changes run past a few ms', async () => {
      const store = await fresh(makeStore)
      const tasks = Array.from({ length: 1000 }, () => task())
      await store.humanTasks.insertMany(tasks)
      const delay = monitorEventLoopDelay({ resolution: 1 })
      delay.enable()
      // A change that takes 0.25 ms a document: 250 ms of work for ids that fit one transaction.
      await store.humanTasks.updateMany(tasks.map((created) => created.tkiid), (current) => {
        const until = performance.now() + 0.25
        while (performance.now() < until);
        return { ...current.document, priority: 1 }
      })
      delay.disable()
      expect(delay.max / 1e6).toBeLessThan(100)
    })

    it('insert(task) refuses a task over humanTaskMaxBytes and stores nothing', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const big = task({ customProperties: { note: 'x'.repeat(5000) } })
      await expect(store.humanTasks.insert(big)).rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE', statusCode: 413 })
      expect(await store.humanTasks.get(big.tkiid)).toBeUndefined()
    })

    it('updateMany(tkiids, change) refuses a task whose result is over humanTaskMaxBytes and updates the others', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const [small, large] = [task(), task({ description: 'd'.repeat(2500) })] as [HumanTask, HumanTask]
      for (const created of [small, large]) await store.humanTasks.insert(created)
      const outcomes = await store.humanTasks.updateMany([small.tkiid, large.tkiid], (current) => ({ ...current.document, displayName: 'n'.repeat(1800) }))
      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['updated', 'refused'])
      expect((outcomes[1] as unknown as { error: { code: string } }).error.code).toBe('TASKD_DOCUMENT_TOO_LARGE')
      expect(await store.humanTasks.get(large.tkiid)).toEqual({ document: large, version: 1 })
    })

    it('updateMany(tkiids, change) refuses the whole call when the tasks hold more than bulkMaxWriteBytes, changing nothing', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const tasks = Array.from({ length: 40 }, () => task({ description: 'd'.repeat(2000) }))
      for (const created of tasks) await store.humanTasks.insert(created)
      await expect(store.humanTasks.updateMany(tasks.map((created) => created.tkiid), (current) => ({ ...current.document, priority: 0 })))
        .rejects.toMatchObject({ code: 'TASKD_BULK_TOO_LARGE', statusCode: 413 })
      for (const created of tasks) expect((await store.humanTasks.get(created.tkiid))?.version).toBe(1)
    })

    it('delete(tkiid) removes the task and reports whether it existed', async () => {
      const store = await fresh(makeStore)
      const created = task()
      await store.humanTasks.insert(created)
      expect(await store.humanTasks.delete(created.tkiid)).toBe(true)
      expect(await store.humanTasks.delete(created.tkiid)).toBe(false)
    })

    it('query(query) filters, sorts, pages and counts', async () => {
      const store = await fresh(makeStore)
      const tasks = [
        task({ priority: 3, owner: 'ann', state: 'STATE_CLAIMED', namespace: 'n', customProperties: { k: 'v' } }),
        task({ priority: 1, namespace: 'n' }),
        task({ priority: null, customProperties: { k: 'w' } }),
        task({ priority: 2, suspended: true, customProperties: { k: 'v' } })
      ]
      for (const created of tasks) await store.humanTasks.insert(created)
      const names = async (parameters: Parameters<typeof humanTaskQuery>[0]): Promise<[string[], number]> => {
        const result = await store.humanTasks.query(humanTaskQuery(parameters))
        return [(await pageDocuments(result.items)).map((item) => item.document.tkiid), result.total]
      }
      const ids = tasks.map((created) => created.tkiid)
      expect(await names({})).toEqual([ids, 4])
      expect(await names({ sort: 'priority' })).toEqual([[ids[1], ids[3], ids[0], ids[2]], 4])
      expect(await names({ sort: '-priority', offset: 1, limit: 2 })).toEqual([[ids[0], ids[3]], 4])
      expect(await names({ owner: 'ann', state: 'STATE_CLAIMED' })).toEqual([[ids[0]], 1])
      expect(await names({ namespace: 'n', priorityMin: 2 })).toEqual([[ids[0]], 1])
      expect(await names({ suspended: true })).toEqual([[ids[3]], 1])
      expect(await names({ customPropertyName: 'k', customPropertyValue: 'v' })).toEqual([[ids[0], ids[3]], 2])
    })
  })
}
