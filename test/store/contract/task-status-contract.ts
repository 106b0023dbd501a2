// The storage contract, written once and run against every adapter. Each test gets
// a fresh, empty store from the factory.
import { describe, expect, it, onTestFinished } from 'vitest'
import { parseTaskStatusFilter, parseTaskStatusSorters } from '../../../src/domain/task-status-query.js'
import type { TaskStatus } from '../../../src/domain/task-status.js'
import { DEFAULT_STORE_LIMITS, type StoreLimits, type TaskStore } from '../../../src/store/task-store.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { pageDocuments } from '../../helpers/page-documents.js'

/** A new, empty store; with `limits`, a store that keeps to those. */
export type StoreFactory = (limits?: StoreLimits) => Promise<TaskStore>

/** Limits small enough for a test to pass them. */
export const SMALL_LIMITS: StoreLimits = { ...DEFAULT_STORE_LIMITS, taskStatusMaxBytes: 4096, humanTaskMaxBytes: 4096, bulkMaxWriteBytes: 50_000 }

/** A new store from the factory, closed when the test finishes. */
export async function fresh (makeStore: StoreFactory, limits?: StoreLimits): Promise<TaskStore> {
  const store = await makeStore(limits)
  onTestFinished(async () => { await store.close() })
  return store
}

async function ids (store: TaskStore, filters?: string, sorters?: string, offset = 0, limit = 250): Promise<string[]> {
  const items = await pageDocuments(store.taskStatuses.list({ filter: parseTaskStatusFilter(filters), sort: parseTaskStatusSorters(sorters), offset, limit }))
  return items.map((item) => item.document.id)
}

export function taskStatusContract (makeStore: StoreFactory): void {
  describe('task status bounds', () => {
    it('insert(document) refuses a document over taskStatusMaxBytes and stores nothing', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const big = { ...taskStatus(), attributes: { text: 'x'.repeat(5000) } }
      await expect(store.taskStatuses.insert(big)).rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE', statusCode: 413 })
      expect(await store.taskStatuses.get(big.id)).toBeUndefined()
    })

    it('counts the bound in UTF-8 bytes, not in characters', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const wide = { ...taskStatus(), attributes: { text: 'é'.repeat(2500) } }
      await expect(store.taskStatuses.insert(wide)).rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE' })
    })

    it('update(id, change) refuses a result over taskStatusMaxBytes and leaves the document as it was', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      const created = taskStatus()
      await store.taskStatuses.insert(created)
      await expect(store.taskStatuses.update(created.id, (current) => ({ ...current.document, attributes: { text: 'x'.repeat(5000) } })))
        .rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE' })
      expect(await store.taskStatuses.get(created.id)).toEqual({ document: created, version: 1 })
    })

    it('list(query) reads a page larger than one batch in several batches, in the page order', async () => {
      const store = await fresh(makeStore)
      const created: TaskStatus[] = []
      for (let index = 0; index < 6; index++) {
        const status = { ...taskStatus({}, new Date(Date.UTC(2024, 0, 1, 0, 0, index))), attributes: { text: 'x'.repeat(400_000) } }
        created.push(status)
        await store.taskStatuses.insert(status)
      }
      const batches: number[] = []
      for await (const batch of store.taskStatuses.list({ filter: undefined, sort: parseTaskStatusSorters('created'), offset: 1, limit: 4 })) {
        batches.push(batch.length)
      }
      expect(batches.length).toBeGreaterThan(1)
      expect(batches.reduce((sum, length) => sum + length, 0)).toBe(4)
      expect(await ids(store, undefined, 'created', 1, 4)).toEqual(created.slice(1, 5).map((status) => status.id))
    })
  })

  describe('the store', () => {
    it('ping() resolves while the store is open', async () => {
      const store = await fresh(makeStore)
      await expect(store.ping()).resolves.toBeUndefined()
    })
  })

  describe('task statuses: reading and writing', () => {
    it('insert(document) stores version 1 and get(id) returns the same document', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      expect(await store.taskStatuses.insert(document)).toEqual({ document, version: 1 })
      expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
    })

    it('get(id) resolves to undefined for an unknown id', async () => {
      const store = await fresh(makeStore)
      expect(await store.taskStatuses.get('0'.repeat(32))).toBeUndefined()
    })

    it('insert(document) refuses an id that exists', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      await expect(store.taskStatuses.insert(document)).rejects.toThrow()
    })

    it('update(id, change) stores what change returns and increments the version', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      const updated = await store.taskStatuses.update(document.id, (current) => ({ ...current.document, percentComplete: 50 }))
      expect(updated).toEqual({ document: { ...document, percentComplete: 50 }, version: 2 })
      expect(await store.taskStatuses.get(document.id)).toEqual(updated)
    })

    it('update(id, change) resolves to undefined for an unknown id without calling change', async () => {
      const store = await fresh(makeStore)
      let called = false
      expect(await store.taskStatuses.update('0'.repeat(32), (current) => { called = true; return current.document })).toBeUndefined()
      expect(called).toBe(false)
    })

    it('update(id, change) stores nothing when change throws, and rethrows', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      await expect(store.taskStatuses.update(document.id, () => { throw new Error('refused') })).rejects.toThrow('refused')
      expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
    })

    it('concurrent updates of one document lose none of each other\'s changes', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      await Promise.all(Array.from({ length: 50 }, async (_, index) =>
        await store.taskStatuses.update(document.id, (current) => ({
          ...current.document,
          returns: [...current.document.returns, { name: `r${index}`, attributeName: 'a' }]
        }))))
      const stored = await store.taskStatuses.get(document.id)
      expect(stored?.document.returns).toHaveLength(50)
      expect(stored?.version).toBe(51)
    })

    it('delete(id) removes the document and resolves to true', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      expect(await store.taskStatuses.delete(document.id)).toBe(true)
      expect(await store.taskStatuses.get(document.id)).toBeUndefined()
    })

    it('delete(id) resolves to false for an unknown id', async () => {
      const store = await fresh(makeStore)
      expect(await store.taskStatuses.delete('0'.repeat(32))).toBe(false)
    })
  })

  describe('task statuses: listing', () => {
    async function seeded (): Promise<{ store: TaskStore, docs: TaskStatus[] }> {
      const store = await fresh(makeStore)
      const base = Date.parse('2024-01-01T00:00:00.000Z')
      const docs = [
        taskStatus({ uniqueName: 'Alpha', type: 'QUARTZ', launcher: 'alice', percentComplete: 10, target: { id: 'src-1', type: 'APPLICATION', name: 'AD' } }, new Date(base)),
        taskStatus({ uniqueName: 'Beta', type: 'QPOC', launcher: 'bob', parentName: 'Parent', percentComplete: 50, completed: '2024-01-05T00:00:00.000Z', completionStatus: 'Success' }, new Date(base + 1000)),
        taskStatus({ uniqueName: 'Alphabet', type: 'QUEUED_TASK', launcher: 'alice', percentComplete: 100, completed: '2024-01-03T00:00:00.000Z', completionStatus: 'Error', target: { id: 'src-2', type: 'APPLICATION', name: 'LDAP' } }, new Date(base + 2000)),
        taskStatus({ uniqueName: 'Gamma*', type: 'QUARTZ', launcher: 'carol', parentName: 'Parent', percentComplete: 50 }, new Date(base + 3000))
      ]
      for (const doc of docs) await store.taskStatuses.insert(doc)
      return { store, docs }
    }

    it('list() without a filter returns every document in created order', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store)).toEqual(docs.map((doc) => doc.id))
    })

    it('list() filters with eq and in', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'type eq "QUARTZ"')).toEqual([docs[0]?.id, docs[3]?.id])
      expect(await ids(store, 'type in ("QPOC","QUEUED_TASK")')).toEqual([docs[1]?.id, docs[2]?.id])
      expect(await ids(store, `id eq "${docs[2]?.id ?? ''}"`)).toEqual([docs[2]?.id])
    })

    it('list() filters with sw case-sensitively, treating pattern characters literally', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'uniqueName sw "Alpha"')).toEqual([docs[0]?.id, docs[2]?.id])
      expect(await ids(store, 'uniqueName sw "alpha"')).toEqual([])
      expect(await ids(store, 'uniqueName sw "Gamma*"')).toEqual([docs[3]?.id])
      expect(await ids(store, 'uniqueName sw "G*"')).toEqual([])
    })

    it('list() filters dates with gt, ge, lt and le', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'created gt 2024-01-01T00:00:01Z')).toEqual([docs[2]?.id, docs[3]?.id])
      expect(await ids(store, 'created ge 2024-01-01T00:00:01Z')).toEqual([docs[1]?.id, docs[2]?.id, docs[3]?.id])
      expect(await ids(store, 'completed lt 2024-01-04T00:00:00+00:00')).toEqual([docs[2]?.id])
      expect(await ids(store, 'completed le 2024-01-05T02:00:00+02:00')).toEqual([docs[1]?.id, docs[2]?.id])
    })

    it('list() filters with isnull and pr', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'completed isnull')).toEqual([docs[0]?.id, docs[3]?.id])
      expect(await ids(store, 'pr completionStatus')).toEqual([docs[1]?.id, docs[2]?.id])
    })

    it('list() filters on the target id as sourceId', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'sourceId in ("src-2","src-9")')).toEqual([docs[2]?.id])
    })

    it('list() combines and, or and not, with not matching documents whose field is null', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, 'launcher eq "alice" and not type eq "QUARTZ" or uniqueName eq "Beta"')).toEqual([docs[1]?.id, docs[2]?.id])
      expect(await ids(store, 'not parentName eq "Parent"')).toEqual([docs[0]?.id, docs[2]?.id])
    })

    it('list() sorts by several keys, breaking ties by id in the direction of the last key', async () => {
      const { store, docs } = await seeded()
      const tied = [docs[1], docs[3]].map((doc) => doc?.id ?? '').sort()
      expect(await ids(store, undefined, '-percentComplete')).toEqual([docs[2]?.id, ...tied.reverse(), docs[0]?.id])
      expect(await ids(store, undefined, '-percentComplete,uniqueName')).toEqual([docs[2]?.id, docs[1]?.id, docs[3]?.id, docs[0]?.id])
      expect(await ids(store, undefined, 'uniqueName')).toEqual([docs[0]?.id, docs[2]?.id, docs[1]?.id, docs[3]?.id])
    })

    it('list() sorts null after every value ascending and before them descending', async () => {
      const { store, docs } = await seeded()
      const pending = [docs[0], docs[3]].map((doc) => doc?.id ?? '').sort()
      expect(await ids(store, undefined, 'completed')).toEqual([docs[2]?.id, docs[1]?.id, ...pending])
      expect(await ids(store, undefined, '-completed')).toEqual([...pending.reverse(), docs[1]?.id, docs[2]?.id])
    })

    it('list() pages with offset and limit', async () => {
      const { store, docs } = await seeded()
      expect(await ids(store, undefined, undefined, 1, 2)).toEqual([docs[1]?.id, docs[2]?.id])
      expect(await ids(store, undefined, undefined, 4, 2)).toEqual([])
    })

    it('count(filter) counts every match regardless of paging', async () => {
      const { store } = await seeded()
      expect(await store.taskStatuses.count(undefined)).toBe(4)
      expect(await store.taskStatuses.count(parseTaskStatusFilter('launcher eq "alice"'))).toBe(2)
    })
  })
}
