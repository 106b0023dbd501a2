// The watch across server processes: a change written through one instance reaches a
// watcher on another within a second, over PostgreSQL (LISTEN/NOTIFY) and over one SQLite
// file (data_version); and a SIGTERM with streams open still exits 0 in the grace period.
import { afterAll, describe, expect, it } from 'vitest'
import { AUTH_ENV, TOKENS } from '../helpers/auth-fixtures.js'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { openWatch } from '../helpers/watch-client.js'

const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

async function json (response: Response): Promise<any> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return await response.json()
}

async function patch (base: string, id: string, value: number): Promise<void> {
  await json(await fetch(`${base}/task-status/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/percentComplete', value }])
  }))
}

function percentile (sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN
}

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('two instances over %s', (name, storeEnv, skip) => {
  it.skipIf(skip)('deliver a PATCH made through one to a watcher on the other within a second, every time', async () => {
    const env = await storeEnv()
    const instances = [await startServer(env), await startServer(env)]
    const [writer, reader] = instances.map((instance) => instance.url) as [string, string]
    const watcher = await openWatch(`${reader}/task-status/watch`)
    const local = await openWatch(`${writer}/task-status/watch`)
    try {
      await watcher.waitForComment(/^watching after \d+$/)
      await local.waitForComment(/^watching after \d+$/)
      const created = await json(await fetch(`${writer}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) }))
      await watcher.waitForEvents(1)
      // Light load: one PATCH at a time, at random moments, each timed from its
      // acknowledgement to its event on the other instance and on the same one.
      const across: number[] = []
      const same: number[] = []
      for (let index = 1; index <= 40; index++) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100))
        await patch(writer, created.id as string, index)
        const acknowledged = performance.now()
        await Promise.all([
          watcher.waitForEvents(index + 1, 1000).then(() => { across.push(performance.now() - acknowledged) }),
          local.waitForEvents(index + 1, 1000).then(() => { same.push(performance.now() - acknowledged) })
        ])
      }
      const report = (latencies: number[]): string => {
        const sorted = [...latencies].sort((a, b) => a - b)
        return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`
      }
      console.log(`watch delivery over ${name} (${across.length} PATCHes): across instances ${report(across)}; same instance ${report(same)}`)
      expect(Math.max(...across)).toBeLessThan(1000)
      expect(watcher.events.map((event) => event.event)).toEqual(['create', ...Array.from({ length: 40 }, () => 'patch')])
    } finally {
      watcher.close()
      local.close()
      await Promise.all(instances.map(async (instance) => await instance.stop()))
    }
  }, 60_000)
})

describe('SIGTERM with watch streams open', () => {
  it('ends the streams and exits 0 within SHUTDOWN_GRACE_MS', async () => {
    const instance = await startServer({ ...await storeFor.sqlite(), SHUTDOWN_GRACE_MS: '3000' })
    const watchers = [await openWatch(`${instance.url}/task-status/watch`), await openWatch(`${instance.url}/v1/tasks/watch`)]
    await Promise.all(watchers.map(async (watcher) => await watcher.waitForComment(/^watching after/)))
    const started = performance.now()
    const exited = await instance.stop()
    expect(exited.code).toBe(0)
    expect(performance.now() - started).toBeLessThan(3000)
    await Promise.all(watchers.map(async (watcher) => { await watcher.ended }))
  })
})

describe('a stream token in the URL', () => {
  it('never lands in the logs: the request line shows access_token=[REDACTED]', async () => {
    const instance = await startServer({ ...await storeFor.sqlite(), ...AUTH_ENV })
    const { token } = await json(await fetch(`${instance.url}/task-status/watch-tokens`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.readOnly}` } }))
    const watcher = await openWatch(`${instance.url}/task-status/watch?access_token=${encodeURIComponent(token as string)}`)
    await watcher.waitForComment(/^watching after/)
    watcher.close()
    const { stdout, stderr } = await instance.stop()
    expect(stdout).toContain('"url":"/task-status/watch?access_token=[REDACTED]"')
    expect(stdout + stderr).not.toContain(token)
    expect(stdout + stderr).not.toContain((token as string).split('.')[2])
  })
})
