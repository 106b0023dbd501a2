// Chooses the adapter from STORE_URL.
import type { TaskStore } from './task-store.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'

export async function openStore (storeUrl: string): Promise<TaskStore> {
  if (storeUrl.startsWith('sqlite:')) {
    return openSqliteStore({ filename: storeUrl.slice('sqlite:'.length) })
  }
  throw new Error(`unsupported store URL '${storeUrl}'`)
}
