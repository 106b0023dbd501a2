import type { AddressInfo } from 'node:net'
import { Configuration, TaskManagementBetaApi } from 'sailpoint-api-client'
import { afterEach, describe, expect, it } from 'vitest'
import { ALL_SCOPES, AUTH_ENV, CLIENT, EXPLORER } from '../helpers/auth-fixtures.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

function form (fields: Record<string, string>): { headers: Record<string, string>, payload: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() }
}

describe('POST /oauth/token', () => {
  it('issues a short-lived JWT for a declared client, which then works as a bearer token', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const token = response.json()
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: 'task-status:read task-status:write' })
    const created = await app.inject({ method: 'POST', url: '/task-status', headers: { authorization: `Bearer ${token.access_token as string}` }, payload: CREATE_BODY })
    expect(created.statusCode).toBe(201)
    const human = await app.inject({ method: 'GET', url: '/v1/tasks', headers: { authorization: `Bearer ${token.access_token as string}` } })
    expect(human.statusCode).toBe(403)
  })

  it('takes the client\'s credentials from an HTTP Basic header, form-encoded', async () => {
    const { app } = await testApp(AUTH_ENV)
    const basic = Buffer.from(`${encodeURIComponent(EXPLORER.id)}:${encodeURIComponent(EXPLORER.secret)}`).toString('base64')
    const response = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` }, payload: 'grant_type=client_credentials' })
    expect(response.statusCode).toBe(200)
    expect(response.json().scope).toBe(ALL_SCOPES.join(' '))
  })

  it('answers a wrong secret sent in an HTTP Basic header with 401 and a Basic challenge (RFC 6749 §5.2)', async () => {
    const { app } = await testApp(AUTH_ENV)
    const basic = Buffer.from(`${CLIENT.id}:wrong-secret`).toString('base64')
    const response = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` }, payload: 'grant_type=client_credentials' })
    expect(response.statusCode).toBe(401)
    expect(response.json().error).toBe('invalid_client')
    expect(response.headers['www-authenticate']).toBe('Basic realm="taskd"')
  })

  it('answers a wrong secret sent in the form with 401 and no challenge', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: 'wrong' }) })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBeUndefined()
  })

  it('narrows the token to the scope asked for', async () => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret, scope: 'task-status:read' }) })
    expect(response.json().scope).toBe('task-status:read')
  })

  it.each([
    ['a wrong secret', { client_secret: 'wrong' }, 401, 'invalid_client'],
    ['an unknown client', { client_id: 'nobody' }, 401, 'invalid_client'],
    ['another grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['a scope the client lacks', { scope: 'task:write' }, 400, 'invalid_scope'],
    ['no client secret', { client_secret: undefined }, 401, 'invalid_client'],
    ['a missing grant type', { grant_type: undefined }, 400, 'invalid_request']
  ])('refuses %s with the RFC 6749 error', async (_name, fields, status, error) => {
    const { app } = await testApp(AUTH_ENV)
    const body = Object.fromEntries(Object.entries({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret, ...fields }).filter(([, value]) => value !== undefined)) as Record<string, string>
    const response = await app.inject({ method: 'POST', url: '/oauth/token', ...form(body) })
    expect(response.statusCode).toBe(status)
    expect(response.json().error).toBe(error)
  })

  describe('the official client, given only taskd\'s URL and a client id and secret', () => {
    const saved = { ...process.env }
    afterEach(() => { process.env = { ...saved } })

    it('fetches its token from /oauth/token and calls the API with it', async () => {
      const { app } = await testApp(AUTH_ENV)
      await app.listen({ port: 0, host: '127.0.0.1' })
      const baseurl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      const created = (await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }) })).json()
      const task = (await app.inject({ method: 'POST', url: '/task-status', headers: { authorization: `Bearer ${created.access_token as string}` }, payload: CREATE_BODY })).json()
      process.env.SAIL_BASE_URL = baseurl
      process.env.SAIL_CLIENT_ID = CLIENT.id
      process.env.SAIL_CLIENT_SECRET = CLIENT.secret
      const api = new TaskManagementBetaApi(new Configuration())
      const response = await api.getTaskStatus({ id: task.id })
      expect(response.status).toBe(200)
      expect(response.data.id).toBe(task.id)
    })
  })
})
