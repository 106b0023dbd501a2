// SIGTERM while clients keep writing on keep-alive connections, as a rolling restart
// behind a load balancer does: the requests already admitted finish against an open
// store, the ones that arrive later are refused in their family's shape, and every
// acknowledged write is there after a restart.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

interface Outcome { status: number | 'network', body: string, tag: string }

describe.each(stores)('SIGTERM under write load on %s', (_name, storeEnv, skip) => {
  it.skipIf(skip)('answers every admitted write, refuses later ones with a 503 in the family shape, and exits 0', async () => {
    const env = await storeEnv()
    const server = await startServer(env)
    const created = await (await fetch(`${server.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })).json() as { id: string }
    const outcomes: Outcome[] = []
    const writing = { on: true }
    const writer = async (client: number): Promise<void> => {
      for (let round = 0; writing.on; round++) {
        const tag = `${client}-${round}`
        try {
          const response = await fetch(`${server.url}/task-status/${created.id}`, {
            method: 'PATCH',
            // Half the clients send an Idempotency-Key: its record is written with the change.
            headers: { 'content-type': 'application/json-patch+json', ...(client % 2 === 0 && { 'idempotency-key': `"shutdown-${tag}"` }) },
            body: JSON.stringify([{ op: 'add', path: '/messages/-', value: { type: 'INFO', localizedText: null, key: 'shutdown', parameters: [tag] } }])
          })
          outcomes.push({ status: response.status, body: await response.text(), tag })
        } catch {
          // The connection closed under the request: not acknowledged, so not counted.
          outcomes.push({ status: 'network', body: '', tag })
          await sleep(5)
        }
      }
    }
    const writers = Array.from({ length: 16 }, async (_, client) => { await writer(client) })
    await sleep(700)
    const stopped = server.stop()
    const result = await stopped
    await sleep(200)
    writing.on = false
    await Promise.all(writers)

    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/"level":50/)
    const acknowledged = outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.tag)
    expect(acknowledged.length).toBeGreaterThan(20)
    const unexpected = outcomes.filter((outcome) => outcome.status !== 200 && outcome.status !== 503 && outcome.status !== 'network')
    expect(unexpected).toEqual([])
    for (const refused of outcomes.filter((outcome) => outcome.status === 503)) {
      expect(JSON.parse(refused.body)).toMatchObject({ detailCode: expect.any(String), messages: expect.any(Array) })
    }

    const restarted = await startServer(env)
    try {
      const stored = await (await fetch(`${restarted.url}/task-status/${created.id}`)).json() as { messages: Array<{ parameters: string[] }> }
      const kept = new Set(stored.messages.map((message) => message.parameters[0]))
      expect(acknowledged.filter((tag) => !kept.has(tag))).toEqual([])
    } finally {
      await restarted.stop()
    }
  })
})
