import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { actOnHumanTask, createHumanTask } from '../../src/domain/human-task.js'
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { dropTestSchemas, openTestPostgresStore, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { bulkLoadContract } from './contract/bulk-load-contract.js'
import { changeLogContract } from './contract/change-log-contract.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { retentionContract } from './contract/retention-contract.js'
import { idempotencyContract } from './contract/idempotency-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'
import { webhookContract } from './contract/webhook-contract.js'

describe.skipIf(postgresUrl === null)('PostgreSQL store', () => {
  taskStatusContract(openTestPostgresStore)
  humanTaskContract(openTestPostgresStore)
  changeLogContract(openTestPostgresStore)
  retentionContract(openTestPostgresStore)
  // Two stores over one schema: what two instances over one database do.
  idempotencyContract(openTestPostgresStore, async () => {
    const schema = testSchemaName()
    const first = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    const second = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    return [first, { ...second, close: async () => { await second.close(); await dropTestSchemas(schema) } }]
  })
  webhookContract(openTestPostgresStore)
  bulkLoadContract(openTestPostgresStore)
})

describe.skipIf(postgresUrl === null)('PostgreSQL store specifics', () => {
  it('gives the tasks stored before migration 5 their deletable instant, so retention finds them', async () => {
    const schema = testSchemaName()
    const client = new pg.Client({ connectionString: postgresUrl as string })
    await client.connect()
    try {
      await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`)
      await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`)
      await client.query('CREATE TABLE taskd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
      for (const migration of POSTGRES_MIGRATIONS.filter((entry) => entry.version <= 4)) {
        await client.query(migration.sql)
        await client.query('INSERT INTO taskd_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      }
      const completedAt = new Date(Date.UTC(2024, 0, 2, 0, 0, 0, 123))
      const claimed = actOnHumanTask(createHumanTask({ name: 'old', durationUntilDeleted: 'PT1H' }, 'finished-before-5', 'tester', new Date(Date.UTC(2024, 0, 1))), 'claim', 'carol', completedAt)
      const finished = actOnHumanTask(claimed, 'complete', 'carol', completedAt)
      const ready = createHumanTask({ name: 'ready', durationUntilDeleted: 'PT1H' }, 'ready-before-5', 'tester', new Date(Date.UTC(2024, 0, 1)))
      const far = actOnHumanTask(actOnHumanTask(createHumanTask({ name: 'far', durationUntilDeleted: 'P9000Y' }, 'far-before-5', 'tester', new Date(Date.UTC(2024, 0, 1))), 'claim', 'carol', completedAt), 'complete', 'carol', completedAt)
      for (const task of [finished, ready, far]) await client.query('INSERT INTO human_task (tkiid, version, document) VALUES ($1, 1, $2)', [task.tkiid, JSON.stringify(task)])
    } finally {
      await client.end()
    }
    const store = await openPostgresStore({ connectionString: postgresUrl as string, schema })
    try {
      const completedAt = Date.UTC(2024, 0, 2, 0, 0, 0, 123)
      expect((await store.humanTasks.deleteExpired(new Date(completedAt + 3_600_000 - 1), 100)).deleted).toBe(0)
      expect((await store.humanTasks.deleteExpired(new Date(completedAt + 3_600_000), 100)).deleted).toBe(1)
      expect(await store.humanTasks.get('finished-before-5')).toBeUndefined()
      expect(await store.humanTasks.get('ready-before-5')).toBeDefined()
      expect(await store.humanTasks.get('far-before-5')).toBeDefined()
    } finally {
      await store.close()
      await dropTestSchemas(schema)
    }
  })

  it('keeps its tables in PG_SCHEMA even when the URL passes options of its own', async () => {
    const schema = testSchemaName()
    const url = new URL(postgresUrl as string)
    url.searchParams.set('options', '-c statement_timeout=5000')
    const store = await openPostgresStore({ connectionString: url.toString(), schema })
    const client = new pg.Client({ connectionString: postgresUrl as string })
    await client.connect()
    try {
      await store.taskStatuses.insert(taskStatus())
      const tables = await client.query<{ table_schema: string }>("SELECT table_schema FROM information_schema.tables WHERE table_name = 'task_status' AND table_schema = $1", [schema])
      expect(tables.rows).toEqual([{ table_schema: schema }])
      const stored = await client.query(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(schema)}.task_status`)
      expect(stored.rows[0]).toEqual({ n: '1' })
    } finally {
      await store.close()
      await client.end()
      await dropTestSchemas(schema)
    }
  })
})
