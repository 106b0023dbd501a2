import { describe, expect, it } from 'vitest'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

describe('mount points', () => {
  it.each(['', '/beta', '/v2024', '/v2025', '/v2026'])('answers the Task Status family under "%s"', async (segment) => {
    const { app } = await testApp()
    const created = await app.inject({ method: 'POST', url: `${segment}/task-status`, payload: CREATE_BODY })
    expect(created.statusCode).toBe(201)
    expect(created.headers.location).toBe(`${segment}/task-status/${created.json().id as string}`)
    expect((await app.inject({ method: 'GET', url: created.headers.location as string })).statusCode).toBe(200)
  })

  it('mounts every API route under API_PREFIX, and nothing at the root', async () => {
    const { app } = await testApp({ API_PREFIX: '/api' })
    expect((await app.inject({ method: 'GET', url: '/api/task-status' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/v2025/task-status' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/task-status' })).statusCode).toBe(404)
  })

  it('accepts and ignores X-SailPoint-Experimental', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/beta/task-status', headers: { 'x-sailpoint-experimental': 'true' } })
    expect(response.statusCode).toBe(200)
  })

  it('answers an unknown route with 404 in the ErrorResponseDto shape', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/nothing/here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ detailCode: '404 Not found', trackingId: response.headers['x-request-id'], causes: [] })
  })
})
