// The commit signal half of the storage contract: a write wakes those who follow the log,
// through the store that made it at once, and through another store over the same data
// (another process's) soon after.
import { describe, expect, it, onTestFinished } from 'vitest'
import type { TaskStore } from '../../../src/store/task-store.js'
import { taskStatus } from '../../helpers/task-status-fixtures.js'

/** A fresh store, and a way to open another over the same data (as another process would), when the adapter has one. */
export type StorePairFactory = () => Promise<{ store: TaskStore, twin?: () => Promise<TaskStore> }>

/** Resolves with how long it took for `store.commits` to wake a subscriber after `act` began; rejects after `withinMs`. */
async function wakeAfter (store: TaskStore, act: () => Promise<unknown>, withinMs: number): Promise<number> {
  let unsubscribe = (): void => {}
  const woken = new Promise<number>((resolve, reject) => {
    const started = performance.now()
    const timer = setTimeout(() => { reject(new Error(`not woken within ${withinMs} ms`)) }, withinMs)
    unsubscribe = store.commits.subscribe(() => {
      clearTimeout(timer)
      resolve(performance.now() - started)
    })
  })
  try {
    // A source of other processes' commits may need a moment to be listening.
    await new Promise((resolve) => setTimeout(resolve, 300))
    await act()
    return await woken
  } finally {
    unsubscribe()
  }
}

export function commitSignalContract (makePair: StorePairFactory): void {
  async function pair (): Promise<{ store: TaskStore, twin?: () => Promise<TaskStore> }> {
    const opened = await makePair()
    onTestFinished(async () => { await opened.store.close() })
    return opened
  }

  describe('commit signal', () => {
    it('wakes a subscriber after a write through the same store', async () => {
      const { store } = await pair()
      await expect(wakeAfter(store, async () => await store.taskStatuses.insert(taskStatus()), 1000)).resolves.toBeLessThan(1000)
    })

    it('wakes a subscriber after a delete, as after any write', async () => {
      const { store } = await pair()
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      await expect(wakeAfter(store, async () => await store.taskStatuses.delete(document.id), 1000)).resolves.toBeLessThan(1000)
    })

    it('no longer wakes a listener once it unsubscribed', async () => {
      const { store } = await pair()
      let woken = 0
      const unsubscribe = store.commits.subscribe(() => { woken++ })
      unsubscribe()
      await store.taskStatuses.insert(taskStatus())
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(woken).toBe(0)
    })

    it('wakes a subscriber within a second after a write through another store over the same data', async (context) => {
      const { store, twin } = await pair()
      if (twin === undefined) return context.skip()
      const other = await twin()
      onTestFinished(async () => { await other.close() })
      await expect(wakeAfter(store, async () => await other.taskStatuses.insert(taskStatus()), 1000)).resolves.toBeLessThan(1000)
    })

    it('wakes a subscriber after an update through another store over the same data', async (context) => {
      const { store, twin } = await pair()
      if (twin === undefined) return context.skip()
      const other = await twin()
      onTestFinished(async () => { await other.close() })
      const id = taskStatus().id
      await other.taskStatuses.insert({ ...taskStatus(), id })
      await expect(wakeAfter(store, async () => await other.taskStatuses.update(id, (current) => ({ ...current.document, percentComplete: 50 })), 1000)).resolves.toBeLessThan(1000)
    })
  })
}
