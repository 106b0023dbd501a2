// The watch in a real browser (headless Debian Chromium through playwright-core): a page
// asks for a stream token with its credential, opens an EventSource on the watch with it
// (an EventSource cannot send Authorization), and sees a PATCH made elsewhere arrive.
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { AUTH_ENV, TOKENS } from '../helpers/auth-fixtures.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

let app: FastifyInstance
let browser: Browser
let base = ''

beforeAll(async () => {
  app = await buildApp({ config: loadConfig(AUTH_ENV), store: openSqliteStore({ filename: ':memory:' }), logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

interface Received { type: string, lastEventId: string, data: string }

describe('GET /task-status/watch in a browser', () => {
  it('delivers a PATCH to an EventSource opened with a stream token', async () => {
    const headers = { authorization: `Bearer ${TOKENS.all}`, 'content-type': 'application/json' }
    const created = await (await fetch(`${base}/task-status`, { method: 'POST', headers, body: JSON.stringify(CREATE_BODY) })).json() as { id: string }
    const page = await browser.newPage()
    // A page of the same origin: the docs, whose policy lets it connect to taskd.
    await page.goto(`${base}/docs`)
    await page.evaluate(async (credential) => {
      const response = await fetch('/task-status/watch-tokens', { method: 'POST', headers: { authorization: `Bearer ${credential}` } })
      const { token } = await response.json() as { token: string }
      const source = new EventSource(`/task-status/watch?access_token=${encodeURIComponent(token)}`)
      const scope = globalThis as unknown as { received: Promise<Received> }
      scope.received = new Promise((resolve) => {
        source.addEventListener('patch', (event) => {
          const message = event as unknown as Received
          resolve({ type: message.type, lastEventId: message.lastEventId, data: message.data })
          source.close()
        })
      })
      await new Promise((resolve, reject) => {
        source.onopen = resolve
        source.onerror = reject
      })
    }, TOKENS.readOnly)
    const patched = await fetch(`${base}/task-status/${created.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/percentComplete', value: 55 }])
    })
    expect(patched.status).toBe(200)
    const received = await page.evaluate(async () => await (globalThis as unknown as { received: Promise<Received> }).received)
    expect(received.type).toBe('patch')
    expect(received.lastEventId).toBe('2')
    expect(JSON.parse(received.data)).toMatchObject({ id: created.id, kind: 'patch', version: 2, principal: expect.any(String) })
    await page.close()
  })
})
