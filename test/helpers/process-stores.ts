// Stores for tests that start real server processes: the environment that points a
// process at a fresh SQLite file or a fresh PostgreSQL schema, removed afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dropTestSchemas, postgresUrl, testSchemaName } from './postgres.js'

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
      const schema = testSchemaName()
      schemas.push(schema)
      return { STORE_URL: postgresUrl as string, PG_SCHEMA: schema }
    },
    remove: async () => {
      rmSync(directory, { recursive: true, force: true })
      if (postgresUrl !== null) await dropTestSchemas(...schemas)
    }
  }
}
