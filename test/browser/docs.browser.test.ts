// Swagger UI in a real browser (headless Debian Chromium through playwright-core):
// load /docs with authentication on, authorize with a token, and run "Try it out" for
// a task-status PATCH and for the bulk update. A screenshot is saved for people.
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { FastifyInstance } from 'fastify'
import { AUTH_ENV, EXPLORER, TOKENS } from '../helpers/auth-fixtures.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const screenshots = join(process.cwd(), 'test-results')

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
  mkdirSync(screenshots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

// The Authorize dialog of the oauth2 scheme: client credentials, which Swagger UI
// exchanges at taskd's own /oauth/token.
async function authorize (page: Page): Promise<void> {
  await page.locator('.auth-wrapper .authorize').click()
  const dialog = page.locator('.modal-ux')
  await dialog.locator('input[data-name="clientId"]').fill(EXPLORER.id)
  await dialog.locator('input[data-name="clientSecret"]').fill(EXPLORER.secret)
  await dialog.locator('.scopes a[data-all="true"]').click()
  await dialog.locator('button.modal-btn.authorize').click()
  await dialog.locator('button.modal-btn', { hasText: 'Logout' }).waitFor()
  await dialog.locator('button.modal-btn', { hasText: 'Close' }).click()
}

async function tryItOut (page: Page, operationId: string, tag: string, body: string, parameters: Record<string, string>): Promise<{ status: string, response: string }> {
  const operation = page.locator(`#operations-${tag}-${operationId}`)
  await operation.locator('.opblock-summary').click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  for (const [name, value] of Object.entries(parameters)) {
    await operation.locator(`tr[data-param-name="${name}"] input, tr[data-param-name="${name}"] select`).first().fill(value).catch(async () => {
      await operation.locator(`tr[data-param-name="${name}"] select`).selectOption(value)
    })
  }
  await operation.locator('textarea.body-param__text').fill(body)
  await operation.getByRole('button', { name: 'Execute' }).click()
  const live = operation.locator('.live-responses-table .response .response-col_status').first()
  await live.waitFor()
  return { status: (await live.innerText()).trim(), response: await operation.locator('.live-responses-table .response .microlight').first().innerText().catch(() => '') }
}

describe('Swagger UI at /docs', () => {
  it('shows both API families, and runs a task-status PATCH and a bulk update', async () => {
    const created = await app.inject({ method: 'POST', url: '/task-status', headers: { authorization: `Bearer ${TOKENS.all}` }, payload: CREATE_BODY })
    const task = await app.inject({ method: 'POST', url: '/v1/task', headers: { authorization: `Bearer ${TOKENS.all}` }, payload: { name: 'browser' } })
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } })
    const problems: string[] = []
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
    await page.goto(`${base}/docs/`)
    await page.locator('.opblock-tag', { hasText: 'Task Status' }).first().waitFor()
    expect(await page.locator('.opblock-tag', { hasText: 'Human Tasks' }).count()).toBe(1)
    await authorize(page)

    const patch = await tryItOut(page, 'updateTaskStatus', 'Task_Status', JSON.stringify([{ op: 'replace', path: '/percentComplete', value: 60 }]), { id: created.json().id })
    expect(patch.status).toBe('200')
    expect(patch.response).toContain('"percentComplete": 60')

    const bulk = await tryItOut(page, 'bulkUpdateHumanTasks', 'Human_Tasks', JSON.stringify({ updatedTaskIDs: [task.json().tkiid, 'no-such-task'], updatedPropertyValues: { priority: 1 } }), { action: 'update' })
    expect(bulk.status).toBe('200')
    expect(bulk.response).toContain('CWTKA0024E')

    await page.screenshot({ path: join(screenshots, 'swagger-ui.png'), fullPage: false })
    expect(problems.filter((problem) => /Content Security Policy|Refused/.test(problem))).toEqual([])
    await page.close()
  })
})
