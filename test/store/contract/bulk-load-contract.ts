// The bulk-load half of the storage contract, run against every adapter: insertMany
// stores every document with its create entry, a chunk at a time, and a chunk that
// cannot be stored whole stores nothing.
import { describe, expect, it } from 'vitest'
import { createHumanTask, type HumanTask } from '../../../src/domain/human-task.js'
import { humanTaskQuery } from '../../../src/domain/human-task-query.js'
import { BULK_LOAD_CHUNK } from '../../../src/store/bulk-load.js'
import { pageDocuments } from '../../helpers/page-documents.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { allChanges } from './change-log-contract.js'
import { fresh, SMALL_LIMITS, type StoreFactory } from './task-status-contract.js'

let count = 0
function humanTask (): HumanTask {
  count++
  return createHumanTask({ name: `loaded-${count}` }, `load-${String(count).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`, 'tester', new Date(Date.UTC(2024, 0, 1)))
}

const alice = { principal: 'alice' }

export function bulkLoadContract (makeStore: StoreFactory): void {
  describe('bulk load', () => {
    it('taskStatuses.insertMany(documents) stores every document at version 1 and resolves to how many', async () => {
      const store = await fresh(makeStore)
      const documents = [taskStatus(), taskStatus(), taskStatus()]
      expect(await store.taskStatuses.insertMany(documents)).toBe(3)
      for (const document of documents) expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
    })

    it('humanTasks.insertMany(tasks) stores every task at version 1, found by a query on its indexed fields', async () => {
      const store = await fresh(makeStore)
      const tasks = [{ ...humanTask(), priority: 7, owner: 'ann' }, humanTask()]
      expect(await store.humanTasks.insertMany(tasks)).toBe(2)
      for (const task of tasks) expect(await store.humanTasks.get(task.tkiid)).toEqual({ document: task, version: 1 })
      const result = await store.humanTasks.query(humanTaskQuery({ owner: 'ann', priorityMin: 7, offset: 0, limit: 10 }))
      expect([(await pageDocuments(result.items)).map((item) => item.document.tkiid), result.total]).toEqual([[tasks[0]?.tkiid], 1])
    })

    it('insertMany(documents, context) appends one create entry per document, in order, with the document and the principal', async () => {
      const store = await fresh(makeStore)
      const documents = [taskStatus(), taskStatus()]
      const tasks = [humanTask()]
      await store.taskStatuses.insertMany(documents, alice)
      await store.humanTasks.insertMany(tasks, alice)
      const entries = await allChanges(store.changeLog)
      expect(entries.map((entry) => [entry.family, entry.id, entry.version, entry.kind, entry.principal])).toEqual([
        ['task-status', documents[0]?.id, 1, 'create', 'alice'],
        ['task-status', documents[1]?.id, 1, 'create', 'alice'],
        ['human-task', tasks[0]?.tkiid, 1, 'create', 'alice']
      ])
      expect(JSON.parse(entries[1]?.changesJson ?? 'null')).toEqual(documents[1])
    })

    it('insertMany refuses a chunk holding an id that exists: nothing of it is stored or logged', async () => {
      const store = await fresh(makeStore)
      const existing = taskStatus()
      await store.taskStatuses.insert(existing)
      const fresher = taskStatus()
      await expect(store.taskStatuses.insertMany([fresher, existing, taskStatus()])).rejects.toThrow()
      expect(await store.taskStatuses.get(fresher.id)).toBeUndefined()
      expect(await allChanges(store.changeLog)).toHaveLength(1)
    })

    it('insertMany refuses a chunk with a document over its bound, storing nothing of it', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const fine = taskStatus()
      await expect(store.taskStatuses.insertMany([fine, { ...taskStatus(), attributes: { text: 'x'.repeat(5000) } }]))
        .rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE' })
      expect(await store.taskStatuses.get(fine.id)).toBeUndefined()
    })

    it(`insertMany writes chunks of at most ${BULK_LOAD_CHUNK} documents: a duplicate in the second chunk leaves the first stored`, async () => {
      const store = await fresh(makeStore)
      const existing = humanTask()
      await store.humanTasks.insert(existing)
      const first = Array.from({ length: BULK_LOAD_CHUNK }, () => humanTask())
      const second = [humanTask(), existing]
      await expect(store.humanTasks.insertMany([...first, ...second])).rejects.toThrow()
      expect(await store.humanTasks.get(first[BULK_LOAD_CHUNK - 1]?.tkiid as string)).toMatchObject({ version: 1 })
      expect(await store.humanTasks.get(second[0]?.tkiid as string)).toBeUndefined()
      expect(await allChanges(store.changeLog, undefined, 0, 1000)).toHaveLength(1 + BULK_LOAD_CHUNK)
    })
  })
}
