// Input meant to break taskd gets a 4xx and changes nothing.
import { describe, expect, it } from 'vitest'
import { createHumanTaskOver } from '../helpers/human-task-client.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

interface HostileCase { name: string, method: 'POST' | 'PATCH' | 'PUT', url: (ids: { status: string, human: string }) => string, contentType?: string, payload: string | Buffer, status: number }

const cases: HostileCase[] = [
  { name: 'malformed JSON', method: 'POST', url: () => '/task-status', payload: '{"type":"QUARTZ",', status: 400 },
  { name: 'JSON nested 10,000 deep', method: 'PATCH', url: ({ status }) => `/task-status/${status}`, contentType: 'application/json-patch+json', payload: `[{"op":"add","path":"/attributes/x","value":${deep(10_000)}}]`, status: 400 },
  { name: 'a huge number', method: 'PATCH', url: ({ status }) => `/task-status/${status}`, contentType: 'application/json-patch+json', payload: '[{"op":"replace","path":"/percentComplete","value":1e400}]', status: 400 },
  { name: 'a huge integer priority', method: 'PUT', url: ({ human }) => `/v1/task/${human}?action=update`, payload: '{"priority":99999999999999999999}', status: 400 },
  { name: 'invalid UTF-8', method: 'POST', url: () => '/task-status', payload: Buffer.concat([Buffer.from('{"type":"QUARTZ","uniqueName":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","description":"d","launcher":"l"}')]), status: 400 },
  { name: 'a wrong content type', method: 'POST', url: () => '/task-status', contentType: 'application/x-www-form-urlencoded', payload: 'type=QUARTZ', status: 415 },
  { name: '__proto__ in a body', method: 'POST', url: () => '/v1/task', payload: '{"name":"x","__proto__":{"polluted":true}}', status: 400 },
  { name: 'constructor.prototype in a body', method: 'POST', url: () => '/task-status', payload: '{"type":"QUARTZ","uniqueName":"x","description":"d","launcher":"l","attributes":{"constructor":{"prototype":{"polluted":true}}}}', status: 400 },
  { name: 'a prototype path in a patch', method: 'PATCH', url: ({ status }) => `/task-status/${status}`, contentType: 'application/json-patch+json', payload: '[{"op":"add","path":"/attributes/__proto__/polluted","value":true}]', status: 400 },
  { name: 'a body over the limit', method: 'POST', url: () => '/task-status', payload: JSON.stringify({ ...CREATE_BODY, description: 'x'.repeat(1_100_000) }), status: 413 },
  { name: 'more patch operations than allowed', method: 'PATCH', url: ({ status }) => `/task-status/${status}`, contentType: 'application/json-patch+json', payload: JSON.stringify(Array.from({ length: 1001 }, () => ({ op: 'test', path: '/id', value: 'x' }))), status: 400 },
  { name: 'a string over its maximum', method: 'POST', url: () => '/task-status', payload: JSON.stringify({ ...CREATE_BODY, uniqueName: 'x'.repeat(256) }), status: 400 }
]

describe('hostile input', () => {
  it.each(cases)('$name gets $status and changes nothing', async ({ method, url, contentType, payload, status }) => {
    const { app, store } = await testApp()
    const taskStatus = await createTaskStatusOver(app)
    const humanTask = await createHumanTaskOver(app)
    const before = [await store.taskStatuses.get(taskStatus.id), await store.humanTasks.get(humanTask.tkiid), await store.taskStatuses.count(undefined)]
    const response = await app.inject({ method, url: url({ status: taskStatus.id, human: humanTask.tkiid }), headers: { 'content-type': contentType ?? 'application/json' }, payload })
    expect(response.statusCode).toBe(status)
    expect(response.body).not.toMatch(/at .*\.(js|ts):\d+/)
    expect([await store.taskStatuses.get(taskStatus.id), await store.humanTasks.get(humanTask.tkiid), await store.taskStatuses.count(undefined)]).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('response headers', () => {
  it('carry the security headers of an API response', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/task-status' })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['strict-transport-security']).toBeDefined()
    expect(response.headers['content-security-policy']).toBeDefined()
  })

  it('carry no CORS headers by default', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: { origin: 'https://ui.example.com' } })
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('allow the origins of CORS_ORIGINS, and answer their preflight', async () => {
    const { app } = await testApp({ CORS_ORIGINS: 'https://ui.example.com' })
    const allowed = await app.inject({ method: 'GET', url: '/task-status', headers: { origin: 'https://ui.example.com' } })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example.com')
    expect(String(allowed.headers['access-control-expose-headers'])).toContain('X-Total-Count')
    const other = await app.inject({ method: 'GET', url: '/task-status', headers: { origin: 'https://evil.example.com' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await app.inject({ method: 'OPTIONS', url: '/task-status/x', headers: { origin: 'https://ui.example.com', 'access-control-request-method': 'PATCH' } })
    expect(preflight.statusCode).toBe(204)
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('PATCH')
  })
})
