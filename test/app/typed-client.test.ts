// Both API families driven through a client typed from the document alone: openapi-fetch
// over the types `npm run gen` makes of spec/openapi.yaml, against a real listening app.
// A request or response the types do not allow fails to compile, so this is also a check
// that the document describes what taskd does.
import type { AddressInfo } from 'node:net'
import createClient, { type Client } from 'openapi-fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { paths } from '../../src/generated/openapi.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

describe('a client typed from spec/openapi.yaml (openapi-fetch)', () => {
  let client: Client<paths>
  let close: () => Promise<void>

  beforeAll(async () => {
    const config = loadConfig({ STORE_URL: 'sqlite::memory:' })
    const app = await buildApp({ config, store: openSqliteStore({ filename: ':memory:', limits: config.storeLimits }), logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    client = createClient<paths>({ baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` })
    close = async () => { await app.close() }
  })
  afterAll(async () => { await close() })

  describe('Task Status', () => {
    async function created (uniqueName: string): Promise<string> {
      const { data, response } = await client.POST('/task-status', { body: { ...CREATE_BODY, uniqueName } })
      expect(response.status).toBe(201)
      return data?.id as string
    }

    it('creates a task status and reads it back', async () => {
      const id = await created('Typed Create')
      const { data } = await client.GET('/task-status/{id}', { params: { path: { id } } })
      expect(data).toMatchObject({ id, uniqueName: 'Typed Create', percentComplete: 0 })
    })

    it('patches it with a JSON Patch', async () => {
      const id = await created('Typed JSON Patch')
      const { data, response } = await client.PATCH('/task-status/{id}', {
        params: { path: { id } },
        headers: { 'content-type': 'application/json-patch+json' },
        body: [{ op: 'replace', path: '/percentComplete', value: 40 }]
      })
      expect(response.status).toBe(200)
      expect(data?.percentComplete).toBe(40)
    })

    it('patches it with a JSON Merge Patch', async () => {
      const id = await created('Typed Merge Patch')
      const { data, response } = await client.PATCH('/task-status/{id}', {
        params: { path: { id } },
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { progress: 'Half way', attributes: { region: 'EMEA' } }
      })
      expect(response.status).toBe(200)
      expect(data).toMatchObject({ progress: 'Half way', attributes: { region: 'EMEA' } })
    })

    it('lists task statuses with filters and a count', async () => {
      await created('Typed List')
      const { data, response } = await client.GET('/task-status', { params: { query: { filters: 'uniqueName eq "Typed List"', count: true } } })
      expect(data?.map((status) => status.uniqueName)).toEqual(['Typed List'])
      expect(response.headers.get('x-total-count')).toBe('1')
    })

    it('reads an error in the family\'s shape', async () => {
      const { error, response } = await client.GET('/task-status/{id}', { params: { path: { id: 'f'.repeat(32) } } })
      expect(response.status).toBe(404)
      expect(error?.detailCode).toBe('404 Not found')
    })
  })

  describe('Human Tasks', () => {
    async function created (name: string): Promise<string> {
      const { data, response } = await client.POST('/v1/task', { body: { name, priority: 3 } })
      expect(response.status).toBe(201)
      return data?.tkiid as string
    }

    it('creates a human task and claims it', async () => {
      const tkiid = await created('TypedClaim')
      const { data } = await client.PUT('/v1/task/{tkiid}', { params: { path: { tkiid }, query: { action: 'claim' } } })
      expect(data).toMatchObject({ tkiid, state: 'STATE_CLAIMED' })
    })

    it('bulk-updates human tasks and reports the id that names none', async () => {
      const first = await created('TypedBulkA')
      const second = await created('TypedBulkB')
      const missing = '0'.repeat(32)
      const { data, response } = await client.PUT('/v1/task', {
        params: { query: { action: 'update' } },
        body: { updatedTaskIDs: [first, second, missing], updatedPropertyValues: { priority: 1 } }
      })
      expect(response.status).toBe(200)
      expect(data?.failedUpdates.map((failed) => failed.tkiid)).toEqual([missing])
      const { data: page } = await client.GET('/v1/tasks', { params: { query: { priorityMax: 1 } } })
      expect(page?.items.map((task) => task.tkiid).sort()).toEqual([first, second].sort())
    })
  })
})
