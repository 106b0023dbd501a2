// Today's official TypeScript client (sailpoint-api-client), pointed at a real
// listening taskd, through two of the version segments it appends to its base URL.
import type { AddressInfo } from 'node:net'
import { Configuration, TaskManagementBetaApi, TaskManagementV2024Api } from 'sailpoint-api-client'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

describe('the official client sailpoint-api-client', () => {
  let baseurl = ''
  let created: Array<{ id: string }> = []

  beforeAll(async () => {
    const app = await buildApp({ config: loadConfig({}), store: openSqliteStore({ filename: ':memory:' }), logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    baseurl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    created = []
    for (const uniqueName of ['Client Alpha', 'Client Beta', 'Client Gamma']) {
      const response = await fetch(`${baseurl}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...CREATE_BODY, uniqueName }) })
      created.push(await response.json() as { id: string })
    }
    return async () => { await app.close() }
  })

  function configuration (): Configuration {
    const config = new Configuration({ baseurl, accessToken: 'not-checked-yet' })
    // The client refuses its v2024 task-status calls unless experimental APIs are on.
    config.experimental = true
    return config
  }

  const apis = {
    beta: () => new TaskManagementBetaApi(configuration()),
    v2024: () => new TaskManagementV2024Api(configuration())
  }

  describe.each(Object.keys(apis) as Array<keyof typeof apis>)('through /%s', (segment) => {
    it('gets a task status', async () => {
      const api = apis[segment]()
      const first = created[0]?.id as string
      const response = await api.getTaskStatus({ id: first })
      expect(response.status).toBe(200)
      expect(response.data).toMatchObject({ id: first, uniqueName: 'Client Alpha', type: 'QUARTZ' })
    })

    it('lists with filters and sorters', async () => {
      const api = apis[segment]()
      const response = await api.getTaskStatusList({ filters: 'uniqueName sw "Client"', sorters: '-uniqueName', limit: 2, count: true })
      expect(response.data.map((item) => item.uniqueName)).toEqual(['Client Gamma', 'Client Beta'])
      expect(response.headers['x-total-count']).toBe('3')
    })

    it('lists pending tasks and counts them with HEAD', async () => {
      const api = apis[segment]()
      const pending = await api.getPendingTasks({ count: true })
      const head = await api.getPendingTaskHeaders({ xSailPointExperimental: 'true' })
      expect(head.status).toBe(200)
      expect(head.headers['x-total-count']).toBe(String(pending.data.length))
      expect(pending.headers['x-total-count']).toBe(String(pending.data.length))
    })

    it('updates a task status with a JSON Patch', async () => {
      const id = created[1]?.id as string
      const patch = [{ op: 'replace' as const, path: '/percentComplete', value: 42 }]
      const response = segment === 'beta'
        ? await apis.beta().updateTaskStatus({ id, jsonPatchOperationBeta: patch })
        : await apis.v2024().updateTaskStatus({ id, xSailPointExperimental: 'true', jsonPatchOperationV2024: patch })
      expect(response.status).toBe(200)
      expect(response.data.percentComplete).toBe(42)
    })
  })
})
