import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { CommitSignals, type CommitSource } from '../../src/store/commit-signal.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { eventually } from '../helpers/eventually.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { commitSignalContract } from './contract/commit-signal-contract.js'

const turn = async (): Promise<void> => { await new Promise((resolve) => setImmediate(resolve)) }

describe('CommitSignals', () => {
  function countingSource (): CommitSource & { started: number, stopped: number } {
    const source = { started: 0, stopped: 0, start: () => { source.started++ }, stop: () => { source.stopped++ } }
    return source
  }

  it('folds the notifications made before its subscribers run into one wake-up', async () => {
    const signals = new CommitSignals()
    let woken = 0
    signals.subscribe(() => { woken++ })
    for (let index = 0; index < 50; index++) signals.notify()
    await turn()
    expect(woken).toBe(1)
  })

  it('starts its source with the first subscriber and stops it after the last', () => {
    const source = countingSource()
    const signals = new CommitSignals(source)
    const first = signals.subscribe(() => {})
    const second = signals.subscribe(() => {})
    expect(source.started).toBe(1)
    first()
    expect(source.stopped).toBe(0)
    second()
    expect(source.stopped).toBe(1)
  })

  it('wakes a listener subscribed twice once per subscription', async () => {
    const signals = new CommitSignals()
    let woken = 0
    const listener = (): void => { woken++ }
    signals.subscribe(listener)
    signals.subscribe(listener)
    signals.notify()
    await turn()
    expect(woken).toBe(2)
  })
})

describe('SQLite store in memory', () => {
  commitSignalContract(async () => ({ store: openSqliteStore({ filename: ':memory:' }) }))
})

describe('SQLite store in a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-commits-'))
  let n = 0
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
  commitSignalContract(async () => {
    const filename = join(directory, `store-${n++}.db`)
    return { store: openSqliteStore({ filename }), twin: async () => openSqliteStore({ filename }) }
  })
})

describe.skipIf(postgresUrl === null)('PostgreSQL store', () => {
  commitSignalContract(async () => {
    const schema = testSchemaName()
    const connectionString = postgresUrl as string
    const store = await openPostgresStore({ connectionString, poolSize: 2, schema })
    return {
      store: { ...store, close: async () => { await store.close(); await dropTestSchemas(schema) } },
      twin: async () => await openPostgresStore({ connectionString, poolSize: 2, schema })
    }
  })

  it('listens again after its connection is lost, and wakes its subscribers once it does', async () => {
    const connectionString = postgresUrl as string
    const schema = testSchemaName()
    const store = await openPostgresStore({ connectionString, poolSize: 2, schema })
    const other = await openPostgresStore({ connectionString, poolSize: 2, schema })
    const admin = new pg.Client({ connectionString })
    await admin.connect()
    try {
      let woken = 0
      const unsubscribe = store.commits.subscribe(() => { woken++ })
      const listener = async (): Promise<number> => (await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [`taskd commit listener ${schema}`])).rows[0].n as number
      await eventually(async () => await listener() === 1, 3000)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`taskd commit listener ${schema}`])
      // Woken once it listens again: what it may have missed meanwhile is in the log.
      await eventually(async () => woken > 0 && await listener() === 1, 5000)
      woken = 0
      await other.taskStatuses.insert(taskStatus())
      await eventually(async () => woken > 0, 1000)
      unsubscribe()
    } finally {
      await admin.end()
      await store.close()
      await other.close()
      await dropTestSchemas(schema)
    }
  })

  it('does not wake a subscriber of one schema for a write to another', async () => {
    const connectionString = postgresUrl as string
    const [one, two] = [testSchemaName(), testSchemaName()]
    const first = await openPostgresStore({ connectionString, poolSize: 2, schema: one })
    const second = await openPostgresStore({ connectionString, poolSize: 2, schema: two })
    try {
      let woken = 0
      const unsubscribe = first.commits.subscribe(() => { woken++ })
      await new Promise((resolve) => setTimeout(resolve, 300))
      await second.taskStatuses.insert(taskStatus())
      await new Promise((resolve) => setTimeout(resolve, 500))
      unsubscribe()
      expect(woken).toBe(0)
    } finally {
      await first.close()
      await second.close()
      await dropTestSchemas(one, two)
    }
  })
})
