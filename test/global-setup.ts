// Runs once before the suite: finds out whether the PostgreSQL tests can run, and
// says so in one line when they cannot. CI sets TASKD_REQUIRE_POSTGRES=1, which
// turns a missing database into a failure instead of a skip.
import pg from 'pg'
import type { TestProject } from 'vitest/node'

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null
  }
}

export default async function setup (project: TestProject): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 })
  let reachable = true
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    reachable = false
    const line = `PostgreSQL is not reachable at TEST_POSTGRES_URL (${TEST_POSTGRES_URL.replace(/:[^:@/]*@/, ':***@')}): ${(error as Error).message}`
    if (process.env.TASKD_REQUIRE_POSTGRES === '1') throw new Error(`${line}; TASKD_REQUIRE_POSTGRES=1 requires it`)
    console.warn(`${line}; skipping the PostgreSQL tests`)
  } finally {
    await client.end().catch(() => {})
  }
  project.provide('postgresUrl', reachable ? TEST_POSTGRES_URL : null)
}
