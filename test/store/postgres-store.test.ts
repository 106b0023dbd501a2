import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { dropTestSchemas, openTestPostgresStore, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { bulkLoadContract } from './contract/bulk-load-contract.js'
import { changeLogContract } from './contract/change-log-contract.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'

describe.skipIf(postgresUrl === null)('PostgreSQL store', () => {
  taskStatusContract(openTestPostgresStore)
  humanTaskContract(openTestPostgresStore)
  changeLogContract(openTestPostgresStore)
  bulkLoadContract(openTestPostgresStore)
})

describe.skipIf(postgresUrl === null)('PostgreSQL store specifics', () => {
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
