import { describe, expect, it } from 'vitest'
import type { TaskStore } from '../../src/store/task-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { AUTH_ENV, TOKENS } from '../helpers/auth-fixtures.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

describe('GET /health', () => {
  it('answers 200 while the process runs, without credentials', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })
})

describe('GET /ready', () => {
  it('answers 200 when the store is reachable', async () => {
    const { app } = await testApp(AUTH_ENV)
    expect((await app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({ status: 'ready' })
  })

  it('answers 503 when the store is not', async () => {
    const real = openSqliteStore({ filename: ':memory:' })
    const broken: TaskStore = { ...real, ping: async () => { throw new Error('gone') } }
    const { app } = await testApp({}, broken)
    const response = await app.inject({ method: 'GET', url: '/ready' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ status: 'not ready', reason: 'the store cannot be reached' })
  })
})

describe('GET /metrics', () => {
  it('reports request counts and latency by route and status, store latency and process metrics', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    await app.inject({ method: 'GET', url: `/task-status/${created.id}` })
    await app.inject({ method: 'GET', url: `/task-status/${'0'.repeat(32)}` })
    const response = await app.inject({ method: 'GET', url: '/metrics' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/plain')
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/task-status\/:id",status_code="200"\} 1/)
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/task-status\/:id",status_code="404"\} 1/)
    expect(response.body).toMatch(/taskd_store_operation_duration_seconds_count\{repository="taskStatuses",operation="insert",outcome="ok"\} 1/)
    expect(response.body).toMatch(/process_resident_memory_bytes \d+/)
  })

  it('times each request on its route in seconds, and leaves out paths no route matches', async () => {
    const { app } = await testApp()
    await app.inject({ method: 'GET', url: '/task-status?limit=1' })
    await app.inject({ method: 'GET', url: '/no-such-path/x' })
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body
    const sum = Number(/http_request_duration_seconds_sum\{method="GET",route="\/task-status",status_code="200"\} ([\d.e-]+)/.exec(body)?.[1])
    expect(sum).toBeGreaterThan(0)
    expect(sum).toBeLessThan(10)
    expect(body).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/task-status",status_code="200"\} \d/)
    expect(body).not.toContain('no-such-path')
    expect(body).not.toMatch(/http_request_duration_seconds_count\{[^}]*status_code="404"/)
  })

  it('asks for credentials when METRICS_REQUIRE_AUTH=true', async () => {
    const { app } = await testApp({ ...AUTH_ENV, METRICS_REQUIRE_AUTH: 'true' })
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKENS.readOnly}` } })).statusCode).toBe(200)
  })

  it('challenges a refused /metrics request with WWW-Authenticate, as the API does', async () => {
    const { app } = await testApp({ ...AUTH_ENV, METRICS_REQUIRE_AUTH: 'true' })
    expect((await app.inject({ method: 'GET', url: '/metrics' })).headers['www-authenticate']).toBe('Bearer realm="taskd"')
    const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="taskd", error="invalid_token"')
  })

  it('counts refused /metrics requests against the failure budget, and then refuses a right token too', async () => {
    const { app } = await testApp({ ...AUTH_ENV, METRICS_REQUIRE_AUTH: 'true', AUTH_FAILURE_MAX: '2' })
    for (let index = 0; index < 2; index++) expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer wrong-${index}` } })).statusCode).toBe(401)
    const limited = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKENS.readOnly}` } })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })
})

describe('the API documents', () => {
  it('serve the spec at /openapi.json and /openapi.yaml, with each family where it is mounted', async () => {
    const { app } = await testApp({ API_PREFIX: '/api', HTM_PREFIX: '/rest/bpm/htm' })
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/task-status/{id}', '/api/rest/bpm/htm/v1/task', '/api/oauth/token']))
    expect(document.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl).toBe('/api/oauth/token')
    const yaml = await app.inject({ method: 'GET', url: '/openapi.yaml' })
    expect(yaml.headers['content-type']).toContain('yaml')
    expect(yaml.body).toContain('/api/rest/bpm/htm/v1/tasks:')
  })

  it('serve Swagger UI at /docs without credentials', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('swagger-ui')
  })
})
