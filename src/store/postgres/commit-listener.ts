// Commits of other instances over the same PostgreSQL schema, heard through LISTEN on
// one connection of its own (outside the pool, which would hand it to other work). A
// statement-level trigger on change_log (migration 8) notifies, in the writing
// transaction, so the notification is delivered at its commit and never for a rollback;
// notifications of one transaction are folded into one by the server. The payload is the
// schema, so instances of other schemas in the same database are told apart. A lost
// connection is opened again, and subscribers woken once: what was missed in between is
// in the log, which they read again.
import pg from 'pg'
import type { CommitSource } from '../commit-signal.js'

export const COMMIT_CHANNEL = 'taskd_change_log'
const RECONNECT_MIN_MS = 100
const RECONNECT_MAX_MS = 5000

export function commitListener (connection: pg.ClientConfig, onError: (error: Error) => void = () => {}): CommitSource {
  let active = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  let delay = RECONNECT_MIN_MS

  function connect (notify: () => void, reconnected: boolean): void {
    const current = new pg.Client(connection)
    client = current
    const lost = (error?: Error): void => {
      if (client !== current) return
      client = undefined
      current.removeAllListeners('notification')
      current.end().catch(() => {})
      if (error !== undefined) onError(error)
      if (!active) return
      retry = setTimeout(() => { connect(notify, true) }, delay)
      retry.unref()
      delay = Math.min(delay * 2, RECONNECT_MAX_MS)
    }
    current.on('error', lost)
    current.on('end', () => { lost() })
    current.connect()
      .then(async () => {
        // Named for operators (pg_stat_activity), apart from the pool's connections.
        const schema = (await current.query<{ schema: string }>("SELECT current_schema() AS schema, set_config('application_name', 'taskd commit listener ' || current_schema(), false)")).rows[0]?.schema
        current.on('notification', (message) => {
          if (message.channel === COMMIT_CHANNEL && message.payload === schema) notify()
        })
        await current.query(`LISTEN ${COMMIT_CHANNEL}`)
        delay = RECONNECT_MIN_MS
        if (reconnected) notify()
      })
      .catch((error: Error) => { lost(error) })
  }

  return {
    start (notify) {
      if (active) return
      active = true
      connect(notify, false)
    },
    stop () {
      active = false
      clearTimeout(retry)
      const current = client
      client = undefined
      current?.end().catch(() => {})
    }
  }
}
