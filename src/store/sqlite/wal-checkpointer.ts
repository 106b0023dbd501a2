// Checkpoints of a SQLite file's write-ahead log off the event loop. By default SQLite
// checkpoints in the commit that takes the WAL past 1,000 pages: that commit copies the
// pages into the database file and fsyncs both, while the event loop serves no one, and
// a bulk update's slice that paid for one gets less work the next time. Here a worker
// thread with a connection of its own checkpoints every CHECKPOINT_INTERVAL_MS instead.
// The store's connection keeps an automatic checkpoint at a larger size: SQLite starts the
// WAL over only when a write begins with all of it copied, which under steady writes rarely
// follows the thread's checkpoints (another commit comes between) but does follow the
// writer's own. So that one bounds the WAL, and finds little left to copy.
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

export const CHECKPOINT_INTERVAL_MS = 20
/** SQLite's own default, the commits' threshold again once the thread has failed. */
export const AUTOCHECKPOINT_PAGES = 1000
/** The commits' threshold while the thread runs: about 40 MB of WAL with 4 KiB pages. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000

export interface WalCheckpointer {
  /** Stops the thread and closes its connection; before the store's connection closes. */
  close: () => Promise<void>
}

export function startWalCheckpointer (db: Database.Database, filename: string, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer {
  const worker = new Worker(new URL('./wal-checkpoint-thread.js', import.meta.url), { workerData: { filename, intervalMs } })
  // Not a reason for the process to stay up: a store left open must not hold it.
  worker.unref()
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`)
  let closing = false
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!closing) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
      resolve()
    })
  })
  // A thread that failed has exited too, and the commits checkpoint as SQLite does by default.
  // (better-sqlite3's errors cross from the thread as plain objects, their code kept.)
  worker.on('error', (error: Error & { code?: string }) => {
    process.emitWarning(`SQLite checkpoints are back in the commits: ${error.message ?? error.code ?? 'the checkpoint thread failed'}`, 'TaskdWarning')
  })
  return {
    close: async () => {
      closing = true
      // Held again until it has closed its connection, so that the store's is the last.
      worker.ref()
      worker.postMessage('close')
      await exited
    }
  }
}
