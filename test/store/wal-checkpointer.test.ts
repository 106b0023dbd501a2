import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { AUTOCHECKPOINT_PAGES, FALLBACK_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../src/store/sqlite/wal-checkpointer.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { eventually } from '../helpers/eventually.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'

const directory = mkdtempSync(join(tmpdir(), 'taskd-checkpoint-'))
afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
let n = 0

function walDatabase (): { db: Database.Database, filename: string } {
  const filename = join(directory, `wal-${n++}.db`)
  const db = new Database(filename)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE blob (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
  onTestFinished(() => { db.close() })
  return { db, filename }
}

describe('WAL checkpoints on a thread of their own', () => {
  it('copies committed pages into the database file while the WAL is far below the commits\' own checkpoint size', async () => {
    const { db, filename } = walDatabase()
    const checkpointer = startWalCheckpointer(db, filename)
    onTestFinished(async () => { await checkpointer.close() })
    const before = statSync(filename).size
    // About 300 pages of 4 KiB: a commit checkpoints only past 1,000, so only the thread copies them.
    const insert = db.prepare('INSERT INTO blob (body) VALUES (?)')
    db.transaction(() => { for (let i = 0; i < 300; i++) insert.run('x'.repeat(4000)) })()
    await eventually(() => statSync(filename).size >= before + 300 * 4000, 5000)
  })

  it('leaves the commits a checkpoint of their own at 10,000 pages, so the WAL stays bounded if the thread falls behind', () => {
    const { db, filename } = walDatabase()
    const checkpointer = startWalCheckpointer(db, filename)
    onTestFinished(async () => { await checkpointer.close() })
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES)
  })

  it('gives the checkpoints back to the commits, at SQLite\'s default size, when its thread fails', async () => {
    const { db } = walDatabase()
    // A directory cannot be opened as a database: the thread fails at its start.
    const checkpointer = startWalCheckpointer(db, directory)
    onTestFinished(async () => { await checkpointer.close() })
    await eventually(() => db.pragma('wal_autocheckpoint', { simple: true }) === AUTOCHECKPOINT_PAGES, 5000)
  })

  it('has closed its connection when its close resolves', async () => {
    const { db, filename } = walDatabase()
    const checkpointer = startWalCheckpointer(db, filename)
    await checkpointer.close()
    // Leaving WAL mode needs the file to itself: SQLITE_BUSY while another connection is open.
    expect(db.pragma('journal_mode = DELETE', { simple: true })).toBe('delete')
  })

  it('is stopped by a file store\'s close, so that the file is the next opener\'s alone', async () => {
    const filename = join(directory, `store-${n++}.db`)
    const store = openSqliteStore({ filename })
    await store.taskStatuses.insert(taskStatus())
    // Long enough for the thread to have opened its connection.
    await eventually(() => statSync(filename).size > 4096, 5000)
    await store.close()
    const db = new Database(filename)
    onTestFinished(() => { db.close() })
    expect(db.pragma('journal_mode = DELETE', { simple: true })).toBe('delete')
  })
})
