import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import type { StoreLimits, TaskStore } from '../../src/store/task-store.js'

/** The test database's URL, or null when it is not reachable (the tests skip). */
export const postgresUrl = inject('postgresUrl')

/** A store in a schema of its own, dropped when the store is closed. */
export async function openTestPostgresStore (limits?: StoreLimits): Promise<TaskStore & { schema: string }> {
  const schema = `taskd_test_${randomBytes(6).toString('hex')}`
  const connectionString = postgresUrl as string
  const store = await openPostgresStore({ connectionString, poolSize: 4, schema, ...(limits !== undefined && { limits }) })
  return {
    ...store,
    schema,
    async close () {
      await store.close()
      const client = new pg.Client({ connectionString })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    }
  }
}
