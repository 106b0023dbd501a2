// A server killed with SIGKILL while its retention sweeper deletes the human tasks that
// its writers keep finishing, then started again: state and change log agree. Every
// task that is gone has exactly one delete entry, every delete entry's task is gone,
// and a task still there has none.
import { afterAll, describe, expect, it } from 'vitest'
import { allChanges } from '../store/contract/change-log-contract.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { exited, startServer } from '../helpers/server-process.js'
import { HUMAN_TASK_BODY } from '../helpers/human-task-client.js'

const KILLS = 3
const WRITERS = 8
const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

// Creates, claims and completes tasks kept a second once finished, until the server
// stops answering; records each task whose create was acknowledged.
async function finishUntilKilled (url: string, created: Set<string>): Promise<void> {
  const json = { 'content-type': 'application/json' }
  for (;;) {
    try {
      const response = await fetch(`${url}/v1/task`, { method: 'POST', headers: json, body: JSON.stringify({ ...HUMAN_TASK_BODY, durationUntilDeleted: 'PT1S' }) })
      if (response.status !== 201) throw new Error(`create answered ${response.status}`)
      const { tkiid } = await response.json() as { tkiid: string }
      created.add(tkiid)
      for (const action of ['claim', 'complete']) {
        const acted = await fetch(`${url}/v1/task/${tkiid}?action=${action}`, { method: 'PUT' })
        if (acted.status !== 200) throw new Error(`${action} answered ${acted.status}`)
      }
    } catch (error) {
      // The kill: a refused or reset connection ends this writer; anything else is a failure.
      if (error instanceof TypeError) return
      throw error
    }
  }
}

async function openStoreOf (env: Record<string, string>): Promise<TaskStore> {
  const url = env.STORE_URL as string
  if (url.startsWith('sqlite:')) return openSqliteStore({ filename: url.slice('sqlite:'.length) })
  return await openPostgresStore({ connectionString: url, schema: env.PG_SCHEMA })
}

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('a server killed with SIGKILL while it sweeps, over %s', (_name, storeEnv, skip) => {
  it.skipIf(skip)('restarts with every deleted task logged once and every logged delete carried out', async () => {
    const env = { ...await storeEnv(), RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'warn', RETENTION_SWEEP_INTERVAL_MS: '50' }
    const created = new Set<string>()
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServer(env)
      const writers = Array.from({ length: WRITERS }, async () => { await finishUntilKilled(server.url, created) })
      // Past the first tasks' second, so that the sweeper is deleting while writes go on.
      await new Promise((resolve) => setTimeout(resolve, 1500 + Math.floor(Math.random() * 1000)))
      const exit = exited(server.child)
      server.child.kill('SIGKILL')
      expect((await exit).signal).toBe('SIGKILL')
      await Promise.all(writers)
    }
    // Started again and stopped cleanly: the store opens after the kills.
    const server = await startServer({ ...env, RETENTION_SWEEP_INTERVAL_MS: '0' })
    expect((await fetch(`${server.url}/ready`)).status).toBe(200)
    expect((await server.stop()).code).toBe(0)

    const store = await openStoreOf(env)
    try {
      const deletes = new Map<string, number>()
      for (const entry of await allChanges(store.changeLog, { family: 'human-task' }, 0, 1000)) {
        if (entry.kind === 'delete') deletes.set(entry.id, (deletes.get(entry.id) ?? 0) + 1)
      }
      let gone = 0
      for (const tkiid of created) {
        const present = (await store.humanTasks.get(tkiid)) !== undefined
        if (!present) gone++
        expect(deletes.get(tkiid) ?? 0, `delete entries of ${present ? 'kept' : 'deleted'} task ${tkiid}`).toBe(present ? 0 : 1)
      }
      for (const tkiid of deletes.keys()) expect(await store.humanTasks.get(tkiid), `logged delete of ${tkiid}`).toBeUndefined()
      // The sweeper did delete before the kills, and not everything was deleted yet.
      expect(gone).toBeGreaterThan(0)
      expect(gone).toBeLessThan(created.size)
      console.info(`retention under SIGKILL: ${created.size} tasks created, ${gone} deleted by the sweeper across ${KILLS} kills`)
    } finally {
      await store.close()
    }
  }, 90_000)
})
