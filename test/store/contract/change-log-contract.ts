// The change-log half of the storage contract, run against every adapter: every write
// appends its entry with the document, and readers follow the log without gaps.
import { describe, expect, it } from 'vitest'
import { actOnHumanTask, createHumanTask, updateHumanTask, type HumanTask } from '../../../src/domain/human-task.js'
import { applyTaskStatusPatch } from '../../../src/domain/task-status-patch.js'
import { SYSTEM_PRINCIPAL, type ChangeEntry, type ChangeFamily, type ChangeFilter, type ChangeLog } from '../../../src/store/change-log.js'
import type { TaskStore } from '../../../src/store/task-store.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'
import { fresh, SMALL_LIMITS, type StoreFactory } from './task-status-contract.js'

let count = 0
function humanTask (fields: Partial<HumanTask> = {}): HumanTask {
  count++
  return { ...createHumanTask({ name: `task-${count}` }, `log-${String(count).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`, 'tester', new Date(Date.UTC(2024, 0, 1))), ...fields }
}

/** Every entry from `after` on, read a page at a time until caught up. */
export async function allChanges (log: ChangeLog, filter?: ChangeFilter, after = 0, limit = 100): Promise<ChangeEntry[]> {
  const entries: ChangeEntry[] = []
  let cursor = after
  for (;;) {
    const page = await log.changesSince(cursor, limit, filter)
    entries.push(...page.changes)
    cursor = page.next
    if (page.caughtUp) return entries
  }
}

async function historyOf (store: TaskStore, family: ChangeFamily, id: string, offset = 0, limit = 250): Promise<ChangeEntry[]> {
  const entries: ChangeEntry[] = []
  for await (const batch of store.changeLog.history(family, id, offset, limit)) entries.push(...batch)
  return entries
}

const changes = (entry: ChangeEntry | undefined): unknown => JSON.parse(entry?.changesJson ?? 'null')
const alice = { principal: 'alice' }

export function changeLogContract (makeStore: StoreFactory): void {
  describe('change log: what each write appends', () => {
    it('insert(document, context) appends a create entry with the document, version 1 and the principal', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus({ launcher: 'support' })
      await store.taskStatuses.insert(document, alice)
      const [entry] = await allChanges(store.changeLog)
      expect(entry).toMatchObject({ family: 'task-status', id: document.id, version: 1, kind: 'create', principal: 'alice', subject: { type: document.type, completionStatus: null, launcher: 'support' } })
      expect(changes(entry)).toEqual(document)
    })

    it('update(id, change, context) appends the patch as applied, the server\'s change of modified included, at the version after', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document, alice)
      const patch = [{ op: 'replace' as const, path: '/percentComplete', value: 40 }]
      const now = new Date(Date.UTC(2024, 5, 1))
      await store.taskStatuses.update(document.id, (current) => applyTaskStatusPatch(current.document, patch, now), { principal: 'bob', patch, time: now })
      const entries = await allChanges(store.changeLog)
      expect(entries[1]).toMatchObject({ id: document.id, version: 2, kind: 'patch', principal: 'bob', time: now.toISOString() })
      expect(changes(entries[1])).toEqual([...patch, { op: 'replace', path: '/modified', value: now.toISOString() }])
    })

    it('a human task update appends each changed property with its old and new value, custom properties one by one', async () => {
      const store = await fresh(makeStore)
      const task = humanTask({ priority: 3, customProperties: { a: '1' } })
      await store.humanTasks.insert(task, alice)
      const now = new Date(Date.UTC(2024, 5, 1))
      await store.humanTasks.update(task.tkiid, (current) => updateHumanTask(current.document, { priority: 1, customProperties: { a: '2', b: '3' } }, now), alice)
      const [, entry] = await allChanges(store.changeLog)
      expect(entry).toMatchObject({ family: 'human-task', kind: 'update', version: 2 })
      expect(changes(entry)).toEqual(expect.arrayContaining([
        { property: 'priority', oldValue: 3, newValue: 1 },
        { property: 'lastModificationTime', oldValue: task.lastModificationTime, newValue: now.toISOString() },
        { property: 'customProperties', name: 'a', oldValue: '1', newValue: '2' },
        { property: 'customProperties', name: 'b', oldValue: null, newValue: '3' }
      ]))
      expect(changes(entry)).toHaveLength(4)
    })

    it('a state action appends an entry of the kind its context names, with the subject after it', async () => {
      const store = await fresh(makeStore)
      const task = humanTask()
      await store.humanTasks.insert(task, alice)
      await store.humanTasks.update(task.tkiid, (current) => actOnHumanTask(current.document, 'claim', 'carol', new Date()), { principal: 'carol', kind: 'claim' })
      const [, entry] = await allChanges(store.changeLog)
      expect(entry).toMatchObject({ kind: 'claim', principal: 'carol', subject: { state: 'STATE_CLAIMED', owner: 'carol', namespace: null } })
      expect(changes(entry)).toEqual(expect.arrayContaining([{ property: 'state', oldValue: 'STATE_READY', newValue: 'STATE_CLAIMED' }, { property: 'owner', oldValue: null, newValue: 'carol' }]))
    })

    it('updateMany(tkiids, change, context) appends one entry per updated task, none for a missing or refused one', async () => {
      const store = await fresh(makeStore)
      const [a, b] = [humanTask(), humanTask({ priority: 1 })]
      await store.humanTasks.insert(a, alice)
      await store.humanTasks.insert(b, alice)
      await store.humanTasks.updateMany([a.tkiid, 'missing', b.tkiid], (current) => {
        if (current.document.priority === 1) throw new Error('refused')
        return { ...current.document, priority: 7 }
      }, { principal: 'dave' })
      const entries = await allChanges(store.changeLog)
      expect(entries.slice(2).map((entry) => [entry.id, entry.kind, entry.version, entry.principal])).toEqual([[a.tkiid, 'update', 2, 'dave']])
    })

    it('delete(id, context) appends a delete entry one version past the deleted one, with the subject as deleted', async () => {
      const store = await fresh(makeStore)
      const task = humanTask({ owner: 'erin', namespace: 'ns' })
      await store.humanTasks.insert(task, alice)
      await store.humanTasks.delete(task.tkiid, { principal: 'frank' })
      const [, entry] = await allChanges(store.changeLog)
      expect(entry).toMatchObject({ kind: 'delete', version: 2, principal: 'frank', subject: { state: 'STATE_READY', owner: 'erin', namespace: 'ns' }, changesJson: null })
    })

    it('a delete of an unknown id appends nothing', async () => {
      const store = await fresh(makeStore)
      await store.taskStatuses.delete('0'.repeat(32), alice)
      expect(await allChanges(store.changeLog)).toEqual([])
    })

    it('a change that throws appends nothing', async () => {
      const store = await fresh(makeStore)
      const document = taskStatus()
      await store.taskStatuses.insert(document, alice)
      await expect(store.taskStatuses.update(document.id, () => { throw new Error('refused') }, alice)).rejects.toThrow('refused')
      expect(await allChanges(store.changeLog)).toHaveLength(1)
    })

    it('a write refused by the document bound appends nothing', async () => {
      const store = await fresh(makeStore, SMALL_LIMITS)
      await expect(store.taskStatuses.insert({ ...taskStatus(), attributes: { text: 'x'.repeat(5000) } }, alice)).rejects.toMatchObject({ code: 'TASKD_DOCUMENT_TOO_LARGE' })
      expect(await allChanges(store.changeLog)).toEqual([])
    })

    it('a write without a context names the system principal', async () => {
      const store = await fresh(makeStore)
      await store.humanTasks.insert(humanTask())
      const [entry] = await allChanges(store.changeLog)
      expect(entry?.principal).toBe(SYSTEM_PRINCIPAL)
    })
  })

  describe('change log: reading', () => {
    async function seeded (): Promise<{ store: TaskStore, ids: string[] }> {
      const store = await fresh(makeStore)
      const ids: string[] = []
      for (let index = 0; index < 5; index++) {
        const document = taskStatus({ launcher: index % 2 === 0 ? 'even' : 'odd' })
        ids.push(document.id)
        await store.taskStatuses.insert(document, alice)
        await store.humanTasks.insert(humanTask(), alice)
      }
      return { store, ids }
    }

    it('changesSince(sequence, limit) returns entries in increasing sequence order, a page of at most limit at a time', async () => {
      const { store } = await seeded()
      const first = await store.changeLog.changesSince(0, 4)
      expect(first.changes).toHaveLength(4)
      expect(first.caughtUp).toBe(false)
      const rest = await allChanges(store.changeLog, undefined, first.next, 4)
      const sequences = [...first.changes, ...rest].map((entry) => entry.sequence)
      expect(sequences).toHaveLength(10)
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences)
      expect(new Set(sequences).size).toBe(10)
    })

    it('changesSince(sequence) after the newest entry is an empty page, caught up, at the same cursor', async () => {
      const { store } = await seeded()
      const head = await store.changeLog.head()
      expect(await store.changeLog.changesSince(head, 10)).toEqual({ changes: [], next: head, caughtUp: true })
    })

    it('changesSince(sequence, limit, filter) returns only matching entries and moves its cursor past the others', async () => {
      const { store, ids } = await seeded()
      const page = await store.changeLog.changesSince(0, 100, { family: 'task-status', subject: { launcher: 'even' } })
      expect(page.changes.map((entry) => entry.id)).toEqual([ids[0], ids[2], ids[4]])
      expect(page.caughtUp).toBe(true)
      expect(page.next).toBe(await store.changeLog.head())
      expect((await store.changeLog.changesSince(0, 100, { id: ids[1] as string })).changes.map((entry) => entry.id)).toEqual([ids[1]])
    })

    it('head() is at or past the sequence of every write that has resolved', async () => {
      const { store } = await seeded()
      const entries = await allChanges(store.changeLog)
      expect(await store.changeLog.head()).toBeGreaterThanOrEqual(Math.max(...entries.map((entry) => entry.sequence)))
    })

    it('history(family, id) returns one entity\'s entries oldest first, and keeps them once it is deleted', async () => {
      const store = await fresh(makeStore)
      const task = humanTask()
      await store.humanTasks.insert(task, alice)
      await store.humanTasks.insert(humanTask(), alice)
      await store.humanTasks.update(task.tkiid, (current) => ({ ...current.document, priority: 2 }), alice)
      await store.humanTasks.delete(task.tkiid, alice)
      expect((await historyOf(store, 'human-task', task.tkiid)).map((entry) => [entry.kind, entry.version])).toEqual([['create', 1], ['update', 2], ['delete', 3]])
      expect((await historyOf(store, 'human-task', task.tkiid, 1, 1)).map((entry) => entry.kind)).toEqual(['update'])
      expect(await historyOf(store, 'task-status', task.tkiid)).toEqual([])
    })

    it('trimmedThrough() is 0 for a log never trimmed', async () => {
      const { store } = await seeded()
      expect(await store.changeLog.trimmedThrough()).toBe(0)
    })
  })
}
