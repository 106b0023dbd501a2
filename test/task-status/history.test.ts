import { describe, expect, it } from 'vitest'
import { AUTH_ENV, hs256 } from '../helpers/auth-fixtures.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

describe('GET /task-status/{id}/history', () => {
  it('lists the create, each patch as applied and the delete, oldest first', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const patch = [{ op: 'replace', path: '/percentComplete', value: 60 }]
    const patched = (await patchTaskStatus(app, created.id, patch)).json()
    await app.inject({ method: 'DELETE', url: `/task-status/${created.id}` })
    const response = await app.inject({ method: 'GET', url: `/task-status/${created.id}/history` })
    expect(response.statusCode).toBe(200)
    const entries = response.json()
    expect(entries.map((entry: { kind: string, version: number }) => [entry.kind, entry.version])).toEqual([['create', 1], ['patch', 2], ['delete', 3]])
    expect(entries[0].changes).toEqual(created)
    expect(entries[1].changes).toEqual([...patch, { op: 'replace', path: '/modified', value: patched.modified }])
    expect(entries[1].time).toBe(patched.modified)
    expect(entries[2].changes).toBeNull()
  })

  it('names the principal of the request that made each change', async () => {
    const { app } = await testApp(AUTH_ENV)
    const authorization = `Bearer ${await hs256({ scope: 'task-status:read task-status:write' })}`
    const create = await app.inject({ method: 'POST', url: '/task-status', headers: { authorization }, payload: CREATE_BODY })
    const response = await app.inject({ method: 'GET', url: `/task-status/${create.json().id as string}/history`, headers: { authorization } })
    expect(response.json().map((entry: { principal: string }) => entry.principal)).toEqual(['jwt-user'])
  })

  it('pages with limit and offset', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    for (const value of [10, 20, 30]) await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value }])
    const response = await app.inject({ method: 'GET', url: `/task-status/${created.id}/history?offset=1&limit=2` })
    expect(response.json().map((entry: { version: number }) => entry.version)).toEqual([2, 3])
  })

  it('is answered under the version segments too', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    expect((await app.inject({ method: 'GET', url: `/v2025/task-status/${created.id}/history` })).statusCode).toBe(200)
  })

  it('answers 404 in the ErrorResponseDto shape for an id the log never saw', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/task-status/${'0'.repeat(32)}/history` })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ detailCode: '404 Not found', messages: [{ text: `Task status '${'0'.repeat(32)}' was not found` }] })
  })

  it('records nothing for a refused patch', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    expect((await patchTaskStatus(app, created.id, [{ op: 'test', path: '/percentComplete', value: 99 }])).statusCode).toBe(409)
    const response = await app.inject({ method: 'GET', url: `/task-status/${created.id}/history` })
    expect(response.json()).toHaveLength(1)
  })
})
