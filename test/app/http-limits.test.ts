// What the HTTP server answers before any route is chosen, without a socket (inject).
import { describe, expect, it } from 'vitest'
import { testApp } from '../helpers/test-app.js'

describe('the HTTP server', () => {
  it('sends the security headers with what the router refuses (414, bad percent-encoding)', async () => {
    const { app } = await testApp()
    for (const url of [`/task-status/${'a'.repeat(2000)}`, '/task-status/%E0%A4%A', '/v1/task/%FF']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBeGreaterThanOrEqual(400)
      expect(response.headers['x-content-type-options'], url).toBe('nosniff')
      expect(response.headers['content-security-policy'], url).toBeDefined()
    }
  })

  it('refuses a body nested 400,000 levels deep with 400, saying so, before parsing it', async () => {
    const { app } = await testApp()
    const created = await app.inject({ method: 'POST', url: '/task-status', payload: { type: 'QUARTZ', uniqueName: 'a', description: 'b', launcher: 'c' } })
    const deep = '['.repeat(400_000) + ']'.repeat(400_000)
    const response = await app.inject({
      method: 'PATCH',
      url: `/task-status/${created.json().id as string}`,
      headers: { 'content-type': 'application/json-patch+json' },
      payload: `[{"op":"add","path":"/attributes/x","value":${deep}}]`
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toBe('The JSON body nests arrays and objects deeper than 128 levels')
  })

  it('accepts a body nested as deep as a stored task status may be', async () => {
    const { app } = await testApp()
    const created = await app.inject({ method: 'POST', url: '/task-status', payload: { type: 'QUARTZ', uniqueName: 'a', description: 'b', launcher: 'c' } })
    // The document, attributes and x are three levels; the value adds 97 and reaches 100.
    const value = '['.repeat(97) + '"[{ not a bracket"' + ']'.repeat(97)
    const response = await app.inject({
      method: 'PATCH',
      url: `/task-status/${created.json().id as string}`,
      headers: { 'content-type': 'application/json-patch+json' },
      payload: `[{"op":"add","path":"/attributes/x","value":${value}}]`
    })
    expect(response.statusCode, response.body).toBe(200)
  })
})
