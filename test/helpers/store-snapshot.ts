// Everything a store holds, read through the TaskStore interface (so it works for
// every adapter): each document with its version, as the JSON text of what was read.
// Two snapshots are equal exactly when no document and no version changed.
import type { HumanTask } from '../../src/domain/human-task.js'
import type { TaskStatus } from '../../src/domain/task-status.js'
import type { Stored, TaskStore } from '../../src/store/task-store.js'
import { pageDocuments } from './page-documents.js'

export interface StoreSnapshot {
  /** id → JSON of {version, document} */
  taskStatuses: Map<string, string>
  /** tkiid → JSON of {version, document} */
  humanTasks: Map<string, string>
}

const PAGE = 1000

function entry (stored: Stored<unknown>): string {
  return JSON.stringify({ version: stored.version, document: stored.document })
}

export async function snapshotStore (store: TaskStore): Promise<StoreSnapshot> {
  const taskStatuses = new Map<string, string>()
  for (let offset = 0; ; offset += PAGE) {
    const page = await pageDocuments(store.taskStatuses.list({ sort: [{ field: 'id', descending: false }], offset, limit: PAGE }))
    for (const stored of page) taskStatuses.set(stored.document.id, entry(stored))
    if (page.length < PAGE) break
  }
  const humanTasks = new Map<string, string>()
  for (let offset = 0; ; offset += PAGE) {
    const items = await pageDocuments((await store.humanTasks.query({ sort: [{ field: 'tkiid', descending: false }], offset, limit: PAGE })).items)
    for (const stored of items) humanTasks.set(stored.document.tkiid, entry(stored))
    if (items.length < PAGE) break
  }
  return { taskStatuses, humanTasks }
}

/** The snapshot as one string, for an exact comparison with a readable diff. */
export function snapshotText (snapshot: StoreSnapshot): string {
  return JSON.stringify({ taskStatuses: [...snapshot.taskStatuses], humanTasks: [...snapshot.humanTasks] })
}

/** Empties the store and puts `seeds` back, each at version 1. */
export async function resetStore (store: TaskStore, seeds: { taskStatuses: readonly TaskStatus[], humanTasks: readonly HumanTask[] }): Promise<void> {
  const current = await snapshotStore(store)
  for (const id of current.taskStatuses.keys()) await store.taskStatuses.delete(id)
  for (const tkiid of current.humanTasks.keys()) await store.humanTasks.delete(tkiid)
  for (const document of seeds.taskStatuses) await store.taskStatuses.insert(structuredClone(document))
  for (const task of seeds.humanTasks) await store.humanTasks.insert(structuredClone(task))
}
