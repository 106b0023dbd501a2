// Stores for tests that start real server processes: the environment that points a
// process at a fresh SQLite file or a fresh PostgreSQL schema, removed afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { postgresUrl } from './postgres.js'

export interface ProcessStores {
  /** The environment of a process on a new SQLite file. */
  sqlite: () => Promise<Record<string, string>>
  /** The environment of a process on a new PostgreSQL schema (PG_SCHEMA). */
  postgres: () => Promise<Record<string, string>>
  /** Removes every file and schema handed out. */
  remove: () => Promise<void>
}

export function processStores (): ProcessStores {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-process-store-'))
  const schemas: string[] = []
  return {
    sqlite: async () => ({ STORE_URL: `sqlite:${join(directory, `${randomBytes(4).toString('hex')}.db`)}` }),
    postgres: async () => {
      const schema = `taskd_test_${randomBytes(6).toString('hex')}`
      schemas.push(schema)
      return { STORE_URL: postgresUrl as string, PG_SCHEMA: schema }
    },
    remove: async () => {
      rmSync(directory, { recursive: true, force: true })
      if (postgresUrl === null || schemas.length === 0) return
      const client = new pg.Client({ connectionString: postgresUrl })
      await client.connect()
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    }
  }
}
