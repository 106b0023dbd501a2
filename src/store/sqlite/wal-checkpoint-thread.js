// The WAL checkpoints of one SQLite file, run by a thread of their own (see
// wal-checkpointer.ts). Plain JavaScript, so that the same file runs as a worker from the
// sources under test and from dist/.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** @type {{ filename: string, intervalMs: number }} */
const { filename, intervalMs } = workerData
const db = new Database(filename)
db.pragma('busy_timeout = 5000')
// The WAL is synced before its pages are copied and the database file after: a
// checkpoint cut short by a crash leaves the WAL to be copied again.
db.pragma('synchronous = FULL')

/** @type {NodeJS.Timeout | undefined} */
let timer
function checkpoint () {
  // PASSIVE copies what no reader still needs and waits for no one: readers and the
  // writer go on while it runs.
  db.pragma('wal_checkpoint(PASSIVE)')
  timer = setTimeout(checkpoint, intervalMs)
}
checkpoint()

parentPort?.once('message', () => {
  clearTimeout(timer)
  // This connection is never the file's last, so closing it neither checkpoints nor
  // removes the WAL: the store's own connection does, when it closes after this one.
  db.close()
  parentPort?.close()
})
