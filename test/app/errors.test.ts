import { describe, expect, it } from 'vitest'
import type { TaskStore } from '../../src/store/task-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

describe('errors of the Task Status family', () => {
  it('answers an unexpected failure with a bare 500 that leaks nothing', async () => {
    const real = openSqliteStore({ filename: ':memory:' })
    const failing: TaskStore = {
      ...real,
      taskStatuses: { ...real.taskStatuses, get: async () => { throw new Error('SQLITE_CORRUPT: database disk image is malformed at /var/lib/x') } }
    }
    const { app } = await testApp({}, failing)
    const response = await app.inject({ method: 'GET', url: `/task-status/${'0'.repeat(32)}` })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      detailCode: '500.0 Internal Fault',
      trackingId: response.headers['x-request-id'],
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'An internal error occurred; quote the tracking id when reporting it' }],
      causes: []
    })
    expect(response.body).not.toContain('SQLITE')
  })

  it('answers a body over the size limit with 413', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, description: 'x'.repeat(2 * 1024 * 1024) } })
    expect(response.statusCode).toBe(413)
    expect(response.json().detailCode).toBe('413 Payload Too Large')
  })

  it('refuses prototype poisoning in a JSON body with 400', async () => {
    const { app, store } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', headers: { 'content-type': 'application/json' }, payload: '{"type":"QUARTZ","uniqueName":"x","description":"d","launcher":"l","attributes":{"__proto__":{"polluted":true}}}' })
    expect(response.statusCode).toBe(400)
    expect(await store.taskStatuses.count(undefined)).toBe(0)
  })

  it('answers POST with an undeclared content type with 415', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(CREATE_BODY) })
    expect(response.statusCode).toBe(415)
    expect(response.headers['accept-patch']).toBeUndefined()
  })
})
