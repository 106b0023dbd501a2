import { mkdtempSync, rmSync, stat } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { actOnHumanTask, createHumanTask } from '../../src/domain/human-task.js'
import { StoreUnavailableError } from '../../src/errors.js'
import { orderBySql } from '../../src/store/sql/task-status-sql.js'
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'
import { bulkLoadContract } from './contract/bulk-load-contract.js'
import { changeLogContract } from './contract/change-log-contract.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { retentionContract } from './contract/retention-contract.js'
import { idempotencyContract } from './contract/idempotency-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'
import { webhookContract } from './contract/webhook-contract.js'
import type { TaskStore } from '../../src/store/task-store.js'

describe('SQLite store in memory', () => {
  taskStatusContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
  humanTaskContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
  changeLogContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
  retentionContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
  webhookContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
  bulkLoadContract(async (limits) => openSqliteStore({ filename: ':memory:', limits }))
})

describe('SQLite store in a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-sqlite-'))
  let n = 0
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
  taskStatusContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
  humanTaskContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
  changeLogContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
  retentionContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
  // Two stores on one file: what two processes sharing it do, each with its own connection.
  idempotencyContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }), async () => {
    const filename = join(directory, `store-${n++}.db`)
    return [openSqliteStore({ filename }), openSqliteStore({ filename })]
  })
  webhookContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
  bulkLoadContract(async (limits) => openSqliteStore({ filename: join(directory, `store-${n++}.db`), limits }))
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

  it('answers a read asked by I/O during a bulk update before the bulk\'s next slice', async () => {
    const store = await openSqliteStore({ filename: ':memory:' })
    onTestFinished(async () => { await store.close() })
    const tasks = Array.from({ length: 60 }, (_, n) => createHumanTask({ name: `slice ${n}` }, `slice-${n}`, 'tester', new Date()))
    await store.humanTasks.insertMany(tasks)
    let changes = 0
    let read: Promise<{ askedAfter: number, answeredAfter: number }> | undefined
    const updating = store.humanTasks.updateMany(tasks.map((task) => task.tkiid), (current) => {
      changes++
      // Each change takes 1 ms, so the bulk runs in slices of a few changes each.
      const until = performance.now() + 1
      while (performance.now() < until);
      // A request arriving meanwhile: its read is asked from an I/O callback.
      read ??= new Promise((resolve, reject) => {
        stat(import.meta.filename, () => {
          const askedAfter = changes
          store.humanTasks.get(tasks[0]?.tkiid as string).then(() => { resolve({ askedAfter, answeredAfter: changes }) }, reject)
        })
      })
      return { ...current.document, priority: 1 }
    })
    await updating

    const { askedAfter, answeredAfter } = await (read as Promise<{ askedAfter: number, answeredAfter: number }>)
    expect(askedAfter).toBeLessThan(tasks.length)
    expect(answeredAfter).toBe(askedAfter)
  })

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

  // The indexed columns are written by taskd with the document: each must hold what
  // json_extract reads from the document, whatever the writes were.
  const COLUMN_PATHS = {
    task_status: { type: '$.type', unique_name: '$.uniqueName', parent_name: '$.parentName', launcher: '$.launcher', completion_status: '$.completionStatus', source_id: '$.target.id', created: '$.created', modified: '$.modified', completed: '$.completed', percent_complete: '$.percentComplete' },
    human_task: { state: '$.state', suspended: '$.suspended', owner: '$.owner', namespace: '$.namespace', type: '$.type', priority: '$.priority', due_time: '$.dueTime', activation_time: '$.activationTime', last_modification_time: '$.lastModificationTime', name: '$.name', display_name: '$.displayName' }
  }

  function driftedRows (filename: string): string[] {
    const db = new Database(filename, { readonly: true })
    try {
      return Object.entries(COLUMN_PATHS).flatMap(([table, columns]) => Object.entries(columns).flatMap(([column, path]) =>
        (db.prepare(`SELECT rowid FROM ${table} WHERE ${column} IS NOT json_extract(document, ?)`).pluck().all(path) as number[]).map((row) => `${table}.${column} of row ${row}`)))
    } finally {
      db.close()
    }
  }

  it('keeps every indexed column equal to the document field it indexes, through creates, patches and bulk updates', async () => {
    const filename = join(directory, 'columns.db')
    const store = openSqliteStore({ filename })
    const { app } = await testApp({}, store)
    const created = await createTaskStatusOver(app)
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 60 }, { op: 'replace', path: '/completionStatus', value: 'Success' }, { op: 'replace', path: '/completed', value: '2026-11-23T10:00:00.000Z' }])
    await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/target', value: { id: 'source-1', type: 'SOURCE', name: 'HR' } }])
    const task = await app.inject({ method: 'POST', url: '/v1/task', payload: { name: 'ApproveAccess', priority: 3 } })
    const tkiid = (task.json() as { tkiid: string }).tkiid
    await app.inject({ method: 'PUT', url: '/v1/task?action=update', payload: { updatedTaskIDs: [tkiid], updatedPropertyValues: { priority: 1, displayName: 'Urgent', durationUntilDue: 'PT1H' } } })
    await app.inject({ method: 'PUT', url: `/v1/task/${tkiid}?action=claim` })
    await app.inject({ method: 'PUT', url: `/v1/task/${tkiid}?action=suspend` })
    expect(driftedRows(filename)).toEqual([])
  })

  it('fills the indexed columns of documents stored before they were written by taskd (migrations 3 and 4)', async () => {
    const filename = join(directory, 'upgrade.db')
    const old = new Database(filename)
    old.exec('CREATE TABLE taskd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT')
    for (const migration of MIGRATIONS.filter((entry) => entry.version <= 2)) {
      old.exec(migration.sql)
      old.prepare('INSERT INTO taskd_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString())
    }
    const document = taskStatus({ type: 'QPOC' })
    old.prepare('INSERT INTO task_status (id, version, document) VALUES (?, 3, ?)').run(document.id, JSON.stringify(document))
    old.close()

    const store = openSqliteStore({ filename })
    expect(await store.taskStatuses.get(document.id)).toEqual({ document, version: 3 })
    expect(await store.taskStatuses.count({ type: 'compare', field: 'type', operator: 'eq', value: 'QPOC' })).toBe(1)
    await store.close()
    expect(driftedRows(filename)).toEqual([])
  })

  it('gives the tasks stored before migration 7 their deletable instant, so retention finds them', async () => {
    const filename = join(directory, 'upgrade-7.db')
    const old = new Database(filename)
    old.exec('CREATE TABLE taskd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT')
    for (const migration of MIGRATIONS.filter((entry) => entry.version <= 6)) {
      old.exec(migration.sql)
      old.prepare('INSERT INTO taskd_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString())
    }
    const completedAt = new Date(Date.UTC(2024, 0, 2, 0, 0, 0, 123))
    const claimed = actOnHumanTask(createHumanTask({ name: 'old', durationUntilDeleted: 'PT1H' }, 'finished-before-7', 'tester', new Date(Date.UTC(2024, 0, 1))), 'claim', 'carol', completedAt)
    const finished = actOnHumanTask(claimed, 'complete', 'carol', completedAt)
    const ready = createHumanTask({ name: 'ready', durationUntilDeleted: 'PT1H' }, 'ready-before-7', 'tester', new Date(Date.UTC(2024, 0, 1)))
    for (const task of [finished, ready]) old.prepare('INSERT INTO human_task (tkiid, version, document, state) VALUES (?, 1, ?, ?)').run(task.tkiid, JSON.stringify(task), task.state)
    old.close()

    const store = openSqliteStore({ filename })
    onTestFinished(async () => { await store.close() })
    expect((await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + 3_600_000 - 1), 100)).deleted).toBe(0)
    expect((await store.humanTasks.deleteExpired(new Date(completedAt.getTime() + 3_600_000), 100)).deleted).toBe(1)
    expect(await store.humanTasks.get(finished.tkiid)).toBeUndefined()
    expect(await store.humanTasks.get(ready.tkiid)).toBeDefined()
  })

  it('reads a page of one type or one completion status, newest first, from an index in order, sorting no match', async () => {
    const filename = join(directory, 'plans.db')
    const store = openSqliteStore({ filename })
    await store.taskStatuses.insert(taskStatus())
    await store.close()
    const db = new Database(filename, { readonly: true })
    try {
      const orderBy = orderBySql([{ field: 'created', descending: true }, { field: 'id', descending: true }])
      for (const column of ['type', 'completion_status']) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM task_status WHERE ${column} = ? ORDER BY ${orderBy} LIMIT 50`).all('x') as Array<{ detail: string }>
        const details = plan.map((step) => step.detail)
        expect(details, column).toContainEqual(expect.stringMatching(new RegExp(`USING (COVERING )?INDEX task_status_${column} \\(${column}=\\?\\)`)))
        expect(details, column).not.toContainEqual(expect.stringContaining('TEMP B-TREE'))
      }
    } finally {
      db.close()
    }
  })

  describe('another process holding the write lock past busyTimeoutMs', () => {
    let n = 0

    /** A store on a new file, with a task status and a human task in it, and a second connection that can take the file's write lock. */
    async function lockableStore (): Promise<{ store: TaskStore, filename: string, lock: () => void, unlock: () => void, taskStatusId: string, tkiid: string }> {
      const filename = join(directory, `busy-${n++}.db`)
      const store = openSqliteStore({ filename, busyTimeoutMs: 50 })
      const document = taskStatus()
      await store.taskStatuses.insert(document)
      const task = createHumanTask({ name: 'ApproveAccess' }, `tkiid-busy-${n}`, 'tester', new Date())
      await store.humanTasks.insert(task)
      const other = new Database(filename)
      onTestFinished(async () => {
        if (other.inTransaction) other.exec('ROLLBACK')
        other.close()
        await store.close()
      })
      return { store, filename, lock: () => { other.exec('BEGIN IMMEDIATE') }, unlock: () => { other.exec('ROLLBACK') }, taskStatusId: document.id, tkiid: task.tkiid }
    }

    it.each([
      ['taskStatuses.insert', async ({ store }: Awaited<ReturnType<typeof lockableStore>>) => await store.taskStatuses.insert(taskStatus())],
      ['taskStatuses.update', async ({ store, taskStatusId }: Awaited<ReturnType<typeof lockableStore>>) => await store.taskStatuses.update(taskStatusId, (current) => ({ ...current.document, percentComplete: 50 }))],
      ['taskStatuses.delete', async ({ store, taskStatusId }: Awaited<ReturnType<typeof lockableStore>>) => await store.taskStatuses.delete(taskStatusId)],
      ['humanTasks.update', async ({ store, tkiid }: Awaited<ReturnType<typeof lockableStore>>) => await store.humanTasks.update(tkiid, (current) => ({ ...current.document, priority: 1 }))],
      ['humanTasks.updateMany', async ({ store, tkiid }: Awaited<ReturnType<typeof lockableStore>>) => await store.humanTasks.updateMany([tkiid], (current) => ({ ...current.document, priority: 1 }))]
    ])('%s rejects with StoreUnavailableError (a 503)', async (_name, write) => {
      const locked = await lockableStore()
      locked.lock()
      await expect(write(locked)).rejects.toBeInstanceOf(StoreUnavailableError)
    })

    it('reads still answer', async () => {
      const { store, lock, taskStatusId } = await lockableStore()
      lock()
      expect(await store.taskStatuses.get(taskStatusId)).toMatchObject({ version: 1 })
      expect(await store.taskStatuses.count(undefined)).toBe(1)
    })

    it('stores nothing of a refused write, takes writes again once the lock is released, and keeps each it acknowledged', async () => {
      const { store, filename, lock, unlock, taskStatusId } = await lockableStore()
      lock()
      const refused = taskStatus()
      await expect(store.taskStatuses.insert(refused)).rejects.toBeInstanceOf(StoreUnavailableError)
      await expect(store.taskStatuses.update(taskStatusId, (current) => ({ ...current.document, percentComplete: 10 }))).rejects.toBeInstanceOf(StoreUnavailableError)
      unlock()
      const acknowledged = await store.taskStatuses.update(taskStatusId, (current) => ({ ...current.document, percentComplete: 90 }))
      expect(acknowledged).toMatchObject({ version: 2 })
      const reopened = openSqliteStore({ filename })
      try {
        expect(await reopened.taskStatuses.get(taskStatusId)).toEqual({ document: acknowledged?.document, version: 2 })
        expect(await reopened.taskStatuses.get(refused.id)).toBeUndefined()
      } finally {
        await reopened.close()
      }
    })
  })
})
