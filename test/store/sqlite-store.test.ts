import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'

describe('SQLite store in memory', () => {
  taskStatusContract(async () => openSqliteStore({ filename: ':memory:' }))
  humanTaskContract(async () => openSqliteStore({ filename: ':memory:' }))
})

describe('SQLite store in a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-sqlite-'))
  let n = 0
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
  taskStatusContract(async () => openSqliteStore({ filename: join(directory, `store-${n++}.db`) }))
  humanTaskContract(async () => openSqliteStore({ filename: join(directory, `store-${n++}.db`) }))
})

describe('SQLite store specifics', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-sqlite-specific-'))
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })

  function rawDocument (filename: string, id: string): string {
    const db = new Database(filename, { readonly: true })
    try {
      return db.prepare('SELECT document FROM task_status WHERE id = ?').pluck().get(id) as string
    } finally {
      db.close()
    }
  }

  it('a refused patch leaves the stored bytes unchanged', async () => {
    const filename = join(directory, 'bytes.db')
    const { app } = await testApp({}, openSqliteStore({ filename }))
    const created = await createTaskStatusOver(app)
    const before = rawDocument(filename, created.id)
    for (const patch of [
      [{ op: 'replace', path: '/percentComplete', value: 50 }, { op: 'test', path: '/progress', value: 'no' }],
      [{ op: 'replace', path: '/percentComplete', value: 101 }],
      [{ op: 'remove', path: '/id' }]
    ]) {
      expect((await patchTaskStatus(app, created.id, patch)).statusCode).toBeGreaterThanOrEqual(400)
    }
    expect(rawDocument(filename, created.id)).toBe(before)
  })

  it('keeps its data when closed and opened again, applying each migration once', async () => {
    const filename = join(directory, 'reopen.db')
    const first = openSqliteStore({ filename })
    const document = taskStatus()
    await first.taskStatuses.insert(document)
    await first.close()
    const second = openSqliteStore({ filename })
    expect(await second.taskStatuses.get(document.id)).toEqual({ document, version: 1 })
    await second.close()
    const db = new Database(filename, { readonly: true })
    expect(db.prepare('SELECT version FROM taskd_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((migration) => migration.version))
    db.close()
  })
})
