// Two server processes over one store, many clients mixing creates, JSON Patch
// appends, test-guarded replaces, bulk updates, deletes and refused patches for a set
// time; then an oracle checks the store holds every acknowledged write and nothing
// else, and that a watcher per instance per family, opened before the load, heard every
// acknowledged write exactly once and in order, one of each family reading so slowly
// that the server disconnects it (a small WATCH_BUFFER_BYTES; else it drops its own
// connection midway) and it resumes with Last-Event-ID. `npm test` runs it for a few seconds; `npm run soak` for a minute per store
// (SOAK_DURATION_MS, SOAK_CLIENTS). The figures go to test-results/soak-*.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { startServer } from '../helpers/server-process.js'
import { runSoak } from './soak-workload.js'

const durationMs = Number(process.env.SOAK_DURATION_MS ?? 3_000)
const clients = Number(process.env.SOAK_CLIENTS ?? 64)
const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

const stores = [
  ['a SQLite file', 'sqlite', storeFor.sqlite, false],
  ['PostgreSQL', 'postgres', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('a soak of two instances over %s', (_name, label, storeEnv, skip) => {
  it.skipIf(skip)(`keeps every acknowledged write and nothing else, with no 5xx, under ${clients} clients, and each watcher hears each write once`, async () => {
    const env = { ...await storeEnv(), RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'warn', WATCH_BUFFER_BYTES: '16384' }
    const instances = [await startServer(env), await startServer(env)]
    try {
      const report = await runSoak({ urls: instances.map((instance) => instance.url), clients, durationMs })
      mkdirSync('test-results', { recursive: true })
      writeFileSync(`test-results/soak-${label}.json`, `${JSON.stringify(report, null, 2)}\n`)
      expect(report.violations).toEqual([])
      expect(report.serverErrors).toBe(0)
      expect(report.acknowledgedWrites).toBeGreaterThan(0)
      expect(report.watchers.map((watcher) => watcher.events > 0)).toEqual([true, true, true, true])
      expect(report.watchers.filter((watcher) => watcher.slow).map((watcher) => watcher.resumes > 0)).toEqual([true, true])
    } finally {
      const exits = await Promise.all(instances.map(async (instance) => await instance.stop()))
      expect(exits.map((exit) => exit.code), exits.map((exit) => `${exit.stdout}${exit.stderr}`.slice(-3000)).join('\n')).toEqual([0, 0])
    }
  }, durationMs + 120_000)
})
