import { describe, expect, it } from 'vitest'
import { createHumanTaskOver, HUMAN_TASK_BODY } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'

describe('errors of the Human Task family', () => {
  it('answers malformed JSON with 400 TASKD0001E', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', headers: { 'content-type': 'application/json' }, payload: '{"name":' })
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe('TASKD0001E')
  })

  it('answers prototype poisoning with 400 and stores nothing', async () => {
    const { app, store } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', headers: { 'content-type': 'application/json' }, payload: '{"name":"x","customProperties":{"__proto__":{"polluted":"yes"}}}' })
    expect(response.statusCode).toBe(400)
    expect((await store.humanTasks.query({ sort: [{ field: 'tkiid', descending: false }], offset: 0, limit: 1 })).total).toBe(0)
  })

  it('answers an undeclared content type with 415 TASKD0002E', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(HUMAN_TASK_BODY) })
    expect(response.statusCode).toBe(415)
    expect(response.json().errorNumber).toBe('TASKD0002E')
  })

  it('answers a body over the limit with 413 TASKD0003E', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', payload: { ...HUMAN_TASK_BODY, description: 'x'.repeat(2 * 1024 * 1024) } })
    expect(response.statusCode).toBe(413)
    expect(response.json().errorNumber).toBe('TASKD0003E')
  })

  it('answers a method the path does not take with 405 TASKD0004E and Allow', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'PATCH', url: '/v1/task/abc' })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, PUT, DELETE')
    expect(response.json()).toEqual({ errorNumber: 'TASKD0004E', errorMessage: 'PATCH is not allowed on /v1/task/abc' })
  })

  it('answers an unknown path under /v1 with 404 TASKD0005E', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/v1/nothing' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ errorNumber: 'TASKD0005E', errorMessage: 'No route for GET /v1/nothing' })
  })

  it('answers an unexpected failure with 500 CWTKA0003E and no internal detail', async () => {
    const { app, store } = await testApp()
    store.humanTasks.get = async () => { throw new Error('SQLITE_IOERR: disk I/O error in /var/lib/taskd') }
    const response = await app.inject({ method: 'GET', url: '/v1/task/abc' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ errorNumber: 'CWTKA0003E', errorMessage: 'An internal error occurred; quote the tracking id when reporting it' })
  })

  it('adds programmersDetails only when HTM_PROGRAMMERS_DETAILS=true, without a stack trace', async () => {
    const { app } = await testApp({ HTM_PROGRAMMERS_DETAILS: 'true' })
    const response = await app.inject({ method: 'GET', url: '/v1/task/abc' })
    expect(response.json()).toEqual({
      errorNumber: 'CWTKA0024E',
      errorMessage: "The task 'abc' does not exist; it might have been deleted in the meantime.",
      programmersDetails: { trackingId: response.headers['x-request-id'], statusCode: 404, code: 'TASKD_HUMAN_TASK_NOT_FOUND' }
    })
  })
})

describe('HTM_PREFIX', () => {
  it('mounts the family under the original base URL, and nothing at /v1', async () => {
    const { app } = await testApp({ HTM_PREFIX: '/rest/bpm/htm' })
    const task = await createHumanTaskOver(app, {}, '/rest/bpm/htm')
    const response = await app.inject({ method: 'GET', url: `/rest/bpm/htm/v1/task/${task.tkiid}` })
    expect(response.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}` })).statusCode).toBe(404)
  })

  it('composes with API_PREFIX', async () => {
    const { app } = await testApp({ API_PREFIX: '/api', HTM_PREFIX: '/rest/bpm/htm' })
    const response = await app.inject({ method: 'POST', url: '/api/rest/bpm/htm/v1/task', payload: HUMAN_TASK_BODY })
    expect(response.statusCode).toBe(201)
    expect(response.headers.location).toMatch(/^\/api\/rest\/bpm\/htm\/v1\/task\/[0-9a-f]{32}$/)
  })
})
