import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import helmet from 'helmet'
import { describe, expect, it } from 'vitest'
import { apiSecurityHeaders, documentSecurityHeaders, helmetHeaders } from '../../src/plugins/security-headers.js'
import { testApp } from '../helpers/test-app.js'

// What helmet's own middleware sets on a real Node response, by lower-case name.
function setByHelmetMiddleware (): Record<string, string> {
  const request = new IncomingMessage(new Socket())
  const response = new ServerResponse(request)
  response.setHeader('X-Powered-By', 'something')
  helmet()(request, response, () => {})
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]))
}

describe('security headers', () => {
  it('are the headers helmet\'s middleware sets for its default policy', () => {
    const expected = setByHelmetMiddleware()
    expect(Object.keys(expected).length).toBeGreaterThan(8)
    expect(helmetHeaders()).toEqual(expected)
  })

  it('follow the options given to helmet', () => {
    const headers = helmetHeaders({ strictTransportSecurity: false, referrerPolicy: { policy: 'same-origin' } })
    expect(headers['strict-transport-security']).toBeUndefined()
    expect(headers['referrer-policy']).toBe('same-origin')
  })

  it('on an answer of the API are the ones OWASP lists for API responses, as helmet spells them', () => {
    expect(apiSecurityHeaders()).toEqual({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': helmetHeaders()['strict-transport-security'],
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY'
    })
  })

  it('are on a read, an unknown path and a refused request alike', async () => {
    const { app } = await testApp()
    const expected = apiSecurityHeaders()
    for (const [url, status] of [['/task-status', 200], ['/no-such-path', 404], ['/task-status?limit=-1', 400]] as const) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(status)
      for (const [name, value] of Object.entries(expected)) expect(response.headers[name], `${name} on ${url}`).toBe(value)
    }
  })

  it('leave out of an answer of the API the headers only an HTML document needs', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/task-status' })
    for (const name of ['referrer-policy', 'x-dns-prefetch-control', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      expect(response.headers[name], name).toBeUndefined()
    }
  })

  it('give Swagger UI\'s documents helmet\'s whole default policy', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    const { 'content-security-policy': _policy, ...documentHeaders } = documentSecurityHeaders()
    for (const [name, value] of Object.entries(documentHeaders)) expect(response.headers[name], name).toBe(value)
  })

  it('leave Swagger UI its own content security policy', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })
})
