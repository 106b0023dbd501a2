// Commits of other processes to the same SQLite file, noticed by PRAGMA data_version:
// a number that changes when another connection has committed, and that costs no read
// of the file's pages. Polled only while someone follows the log.
import type Database from 'better-sqlite3'
import type { CommitSource } from '../commit-signal.js'

export const DATA_VERSION_POLL_MS = 100

export function dataVersionPoll (db: Database.Database, intervalMs = DATA_VERSION_POLL_MS): CommitSource {
  let timer: NodeJS.Timeout | undefined
  return {
    start (notify) {
      if (timer !== undefined) return
      let seen = db.pragma('data_version', { simple: true }) as number
      timer = setInterval(() => {
        let now: number
        try {
          now = db.pragma('data_version', { simple: true }) as number
        } catch {
          // Closed, or the file locked past the busy timeout: asked again next time.
          return
        }
        if (now === seen) return
        seen = now
        notify()
      }, intervalMs)
      timer.unref()
    },
    stop () {
      clearInterval(timer)
      timer = undefined
    }
  }
}
