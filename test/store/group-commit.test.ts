import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { GroupCommit } from '../../src/store/sqlite/group-commit.js'

const directory = mkdtempSync(join(tmpdir(), 'taskd-group-commit-'))
afterAll(() => { rmSync(directory, { recursive: true, force: true }) })

function database (name: string, busyTimeoutMs = 5000, journalMode = 'WAL'): Database.Database {
  const db = new Database(join(directory, name))
  db.pragma(`journal_mode = ${journalMode}`)
  db.pragma(`busy_timeout = ${busyTimeoutMs}`)
  db.exec('CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, value TEXT NOT NULL)')
  return db
}

describe('group commit', () => {
  it('runs the writes queued together inside a transaction and resolves each once it is committed', async () => {
    const db = database('one-transaction.db')
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    const transactionsSeen = new Set<boolean>()
    const results = await Promise.all(Array.from({ length: 50 }, async (_, id) => await writes.run(() => {
      transactionsSeen.add(db.inTransaction)
      return insert.run(id, `v${id}`).changes
    })))
    expect(results).toEqual(Array(50).fill(1))
    expect([...transactionsSeen]).toEqual([true])
    expect(db.inTransaction).toBe(false)
    expect(db.prepare('SELECT count(*) FROM item').pluck().get()).toBe(50)
    db.close()
  })

  it('fails a write that throws alone, rolling back what it wrote, and commits the others', async () => {
    const db = database('one-fails.db')
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    const outcomes = await Promise.allSettled([
      writes.run(() => insert.run(1, 'kept')),
      writes.run(() => {
        insert.run(2, 'rolled back')
        throw new Error('refused')
      }),
      writes.run(() => insert.run(3, 'kept'))
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(db.prepare('SELECT id FROM item ORDER BY id').pluck().all()).toEqual([1, 3])
    db.close()
  })

  it('acknowledges none of a batch whose transaction cannot start, and stores none of it', async () => {
    const holder = database('locked.db')
    const db = database('locked.db', 50)
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    holder.exec('BEGIN IMMEDIATE')
    const outcomes = await Promise.allSettled([writes.run(() => insert.run(1, 'a')), writes.run(() => insert.run(2, 'b'))])
    holder.exec('ROLLBACK')
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
    expect(db.prepare('SELECT count(*) FROM item').pluck().get()).toBe(0)
    holder.close()
    db.close()
  })

  it('acknowledges none of a batch whose COMMIT fails, and stores none of it', async () => {
    // With a rollback journal, a COMMIT waits for the readers of the file to finish; one
    // that stays past the busy timeout fails it after every write of the batch ran.
    const db = database('commit-fails.db', 50, 'DELETE')
    const reader = database('commit-fails.db', 50, 'DELETE')
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM item').get()
    const outcomes = await Promise.allSettled([writes.run(() => insert.run(1, 'a')), writes.run(() => insert.run(2, 'b'))])
    reader.exec('COMMIT')
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: string }).code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY'])
    expect(db.inTransaction).toBe(false)
    expect(reader.prepare('SELECT count(*) FROM item').pluck().get()).toBe(0)
    reader.close()
    db.close()
  })

  it('commits the next batch after one that failed', async () => {
    const holder = database('after-failure.db')
    const db = database('after-failure.db', 50)
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    holder.exec('BEGIN IMMEDIATE')
    await expect(writes.run(() => insert.run(1, 'refused'))).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    holder.exec('ROLLBACK')
    await expect(writes.run(() => insert.run(2, 'kept'))).resolves.toMatchObject({ changes: 1 })
    expect(holder.prepare('SELECT id FROM item').pluck().all()).toEqual([2])
    holder.close()
    db.close()
  })

  it('settles every queued write before a close', async () => {
    const db = database('settle.db')
    const writes = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO item (id, value) VALUES (?, ?)')
    const pending = writes.run(() => insert.run(7, 'queued'))
    await writes.settled()
    db.close()
    await expect(pending).resolves.toMatchObject({ changes: 1 })
  })
})
