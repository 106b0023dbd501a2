import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import type { StoreLimits, TaskStore } from '../../src/store/task-store.js'

/** The test database's URL, or null when it is not reachable (the tests skip). */
export const postgresUrl = inject('postgresUrl')

/** A schema name of its own for one test's tables. */
export function testSchemaName (): string {
  return `taskd_test_${randomBytes(6).toString('hex')}`
}

/** Drops the schemas (and every table in them) from the test database. */
export async function dropTestSchemas (...schemas: string[]): Promise<void> {
  if (schemas.length === 0) return
  const client = new pg.Client({ connectionString: postgresUrl as string })
  await client.connect()
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  } finally {
    await client.end()
  }
}

/** A store in a schema of its own, dropped when the store is closed. */
export async function openTestPostgresStore (limits?: StoreLimits): Promise<TaskStore & { schema: string }> {
  const schema = testSchemaName()
  const connectionString = postgresUrl as string
  const store = await openPostgresStore({ connectionString, poolSize: 4, schema, ...(limits !== undefined && { limits }) })
  return {
    ...store,
    schema,
    async close () {
      await store.close()
      await dropTestSchemas(schema)
    }
  }
}
