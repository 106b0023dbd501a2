// Two server processes over one store, as operators run several instances behind a
// load balancer: concurrent writes through both lose nothing.
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

// Runs `work` over `items` with at most `limit` in flight.
async function inParallel<T> (items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
  }))
}

async function json (response: Response): Promise<any> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return await response.json()
}

const stores = [
  ['a SQLite file', storeFor.sqlite, false],
  ['PostgreSQL', storeFor.postgres, postgresUrl === null]
] as const

describe.each(stores)('two instances over %s', (_name, storeEnv, skip) => {
  it.skipIf(skip)('lose no message appended concurrently through both', async () => {
    const env = await storeEnv()
    const instances = [await startServer(env), await startServer(env)]
    try {
      const created = await json(await fetch(`${instances[0]?.url ?? ''}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) }))
      const appends = Array.from({ length: 300 }, (_, index) => index)
      await inParallel(appends, 32, async (index) => {
        const instance = instances[index % 2]?.url ?? ''
        await json(await fetch(`${instance}/task-status/${created.id as string}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json-patch+json' },
          body: JSON.stringify([{ op: 'add', path: '/messages/-', value: { type: 'INFO', localizedText: null, key: 'append', parameters: [index] } }])
        }))
      })
      const stored = await json(await fetch(`${instances[1]?.url ?? ''}/task-status/${created.id as string}`))
      expect(stored.messages).toHaveLength(300)
      expect(new Set(stored.messages.map((message: { parameters: number[] }) => message.parameters[0])).size).toBe(300)
    } finally {
      await Promise.all(instances.map(async (instance) => await instance.stop()))
    }
  })

  it.skipIf(skip)('lose nothing when bulk and single updates race through both', async () => {
    const env = await storeEnv()
    const instances = [await startServer(env), await startServer(env)]
    try {
      const [first, second] = instances.map((instance) => instance.url) as [string, string]
      const ids: string[] = []
      for (let index = 0; index < 40; index++) {
        ids.push((await json(await fetch(`${first}/v1/task`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `t${index}` }) }))).tkiid)
      }
      const bulk = Array.from({ length: 12 }, (_, round) => async () => {
        const response = await fetch(`${round % 2 === 0 ? first : second}/v1/task?action=update`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { customProperties: { [`bulk${round}`]: 'x' } } })
        })
        expect(response.status).toBe(200)
        expect(await response.text()).toBe('')
      })
      const single = ids.flatMap((tkiid, index) => Array.from({ length: 4 }, (_, round) => async () => {
        await json(await fetch(`${(index + round) % 2 === 0 ? second : first}/v1/task/${tkiid}?action=update`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customProperties: { [`single${round}`]: 'y' } })
        }))
      }))
      await inParallel([...bulk, ...single].sort(() => Math.random() - 0.5), 24, async (work) => { await work() })
      const expected = [...Array.from({ length: 12 }, (_, round) => `bulk${round}`), ...Array.from({ length: 4 }, (_, round) => `single${round}`)].sort()
      for (const tkiid of ids) {
        const task = await json(await fetch(`${second}/v1/task/${tkiid}`))
        expect(Object.keys(task.customProperties).sort()).toEqual(expected)
      }
    } finally {
      await Promise.all(instances.map(async (instance) => await instance.stop()))
    }
  })
})
