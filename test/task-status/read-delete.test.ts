import { describe, expect, it } from 'vitest'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

describe('GET /task-status/{id}', () => {
  it('returns 200 with the document and its ETag', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await app.inject({ method: 'GET', url: `/task-status/${created.id}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"1"')
    expect(response.json()).toEqual(created)
  })

  it('returns 404 in the ErrorResponseDto shape, with the request id as trackingId', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/task-status/${'0'.repeat(32)}` })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      detailCode: '404 Not found',
      trackingId: response.headers['x-request-id'],
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: `Task status '${'0'.repeat(32)}' was not found` }],
      causes: []
    })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('DELETE /task-status/{id}', () => {
  it('returns 204 and the document is gone', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await app.inject({ method: 'DELETE', url: `/task-status/${created.id}` })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect((await app.inject({ method: 'GET', url: `/task-status/${created.id}` })).statusCode).toBe(404)
  })

  it('returns 404 for an unknown id', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'DELETE', url: `/task-status/${'0'.repeat(32)}` })
    expect(response.statusCode).toBe(404)
    expect(response.json().detailCode).toBe('404 Not found')
  })
})

describe('OPTIONS /task-status/{id}', () => {
  it('advertises the allowed methods and Accept-Patch', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'OPTIONS', url: `/task-status/${'0'.repeat(32)}` })
    expect(response.statusCode).toBe(204)
    expect(response.headers.allow).toBe('GET, DELETE, OPTIONS, PATCH')
    expect(response.headers['accept-patch']).toBe('application/json-patch+json, application/json, application/merge-patch+json')
  })
})
