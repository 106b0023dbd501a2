// Every operation the spec protects refuses missing, unknown, expired and
// under-scoped credentials, in its family's error shape, before reading the request.
import { describe, expect, it } from 'vitest'
import { loadSpec } from '../../src/spec.js'
import { AUTH_ENV, hs256, TOKENS } from '../helpers/auth-fixtures.js'
import { testApp } from '../helpers/test-app.js'

interface Protected { operationId: string, method: string, url: string, scope: string, htm: boolean }

const operations: Protected[] = []
for (const [path, item] of Object.entries(loadSpec().paths)) {
  for (const [method, operation] of Object.entries(item ?? {})) {
    const security = (operation as { security?: Array<Record<string, string[]>> }).security
    const scope = security?.[0]?.oauth2?.[0]
    if (scope === undefined) continue
    // A watch past the newest change is refused once let through, instead of streaming for ever.
    const url = path.replace(/\{[^}]+\}/g, 'x') + (path.startsWith('/v1/task') && method === 'put' ? '?action=update' : '') + (path.endsWith('/watch') ? '?since=999999999' : '')
    operations.push({ operationId: (operation as { operationId: string }).operationId, method: method.toUpperCase(), url, scope, htm: path.startsWith('/v1/') })
  }
}

function expectRefusal (response: { statusCode: number, json: () => any }, status: number, htm: boolean): void {
  expect(response.statusCode).toBe(status)
  if (htm) expect(response.json().errorNumber).toBe('CWTKA0012E')
  else expect(response.json().detailCode).toBe(status === 401 ? '401 Unauthorized' : '403 Forbidden')
}

describe('every protected operation', () => {
  it('is protected: the spec gives each API operation a scope', () => {
    expect(operations.length).toBe(28)
  })

  it.each(operations)('$operationId refuses a request without credentials with 401 and a challenge', async ({ method, url, htm }) => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS' ? undefined : '{"not":"checked yet"}' })
    if (method === 'HEAD') expect(response.statusCode).toBe(401)
    else expectRefusal(response, 401, htm)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="taskd"')
  })

  it.each(operations)('$operationId refuses an unknown token with 401', async ({ method, url, htm }) => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: method as 'GET', url, headers: { authorization: 'Bearer not-a-token' } })
    if (method === 'HEAD') expect(response.statusCode).toBe(401)
    else expectRefusal(response, 401, htm)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="taskd", error="invalid_token"')
  })

  it.each(operations)('$operationId refuses an expired JWT with 401', async ({ method, url, htm, scope }) => {
    const { app } = await testApp(AUTH_ENV)
    const token = await hs256({ scope }, { expiresIn: Math.floor(Date.now() / 1000) - 60 })
    const response = await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } })
    if (method === 'HEAD') expect(response.statusCode).toBe(401)
    else {
      expectRefusal(response, 401, htm)
      expect(JSON.stringify(response.json())).toContain('the token has expired')
    }
  })

  it.each(operations)('$operationId refuses a token without $scope with 403', async ({ method, url, htm, scope }) => {
    const { app } = await testApp(AUTH_ENV)
    const others = ['task-status:read', 'task-status:write', 'task:read', 'task:write'].filter((item) => item !== scope)
    const token = await hs256({ scope: others.join(' ') })
    const response = await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } })
    if (method === 'HEAD') expect(response.statusCode).toBe(403)
    else expectRefusal(response, 403, htm)
    expect(response.headers['www-authenticate']).toBe(`Bearer realm="taskd", error="insufficient_scope", scope="${scope}"`)
  })

  it.each(operations)('$operationId lets a token with every scope through', async ({ method, url }) => {
    const { app } = await testApp(AUTH_ENV)
    const response = await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${TOKENS.all}` } })
    expect([401, 403]).not.toContain(response.statusCode)
  })
})
