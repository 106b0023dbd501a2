// /task-status/pending-tasks is a concrete path beside the templated /task-status/{id}:
// it matches first (OpenAPI 3.0.3 §4.7.8), so a method it does not declare is a 405, not
// an operation on the task status 'pending-tasks'.
import { describe, expect, it } from 'vitest'
import { testApp } from '../helpers/test-app.js'

describe('methods /task-status/pending-tasks does not declare', () => {
  it.each(['DELETE', 'PATCH', 'OPTIONS', 'PUT', 'POST'])('answer %s with 405, Allow: GET, HEAD and the Task Status error shape', async (method) => {
    const { app } = await testApp()
    const response = await app.inject({ method: method as 'DELETE', url: '/task-status/pending-tasks', headers: { 'content-type': 'application/json-patch+json' }, payload: '[]' })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
    expect(response.json()).toMatchObject({ detailCode: '405 Method Not Allowed', messages: [{ text: `${method} is not allowed on /task-status/pending-tasks` }] })
  })

  it.each(['/beta', '/v2025'])('answer with 405 under the version segment %s too', async (segment) => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'DELETE', url: `${segment}/task-status/pending-tasks` })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
  })

  it('leave the declared GET and HEAD answered as before', async () => {
    const { app } = await testApp()
    expect((await app.inject({ method: 'GET', url: '/task-status/pending-tasks' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'HEAD', url: '/task-status/pending-tasks' })).statusCode).toBe(200)
  })

  it('leave a task status whose id only looks similar reachable', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'DELETE', url: '/task-status/pending-tasks2' })
    expect(response.statusCode).toBe(404)
    expect(response.json().messages[0].text).toBe("Task status 'pending-tasks2' was not found")
  })
})
