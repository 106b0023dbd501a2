import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

// Task statuses created in the same millisecond share `created` and are ordered by
// their random id; a pause between them makes the created order the creation order.
async function seed (app: FastifyInstance, count: number): Promise<string[]> {
  const ids = []
  for (let index = 0; index < count; index++) {
    const created = await createTaskStatusOver(app, { uniqueName: `Task ${String(index).padStart(2, '0')}`, percentComplete: index % 3 })
    ids.push(created.id)
    await new Promise((resolve) => setTimeout(resolve, 3))
  }
  return ids
}

function ids (body: Array<{ id: string }>): string[] {
  return body.map((item) => item.id)
}

describe('GET /task-status', () => {
  it('lists every task status in created order by default', async () => {
    const { app } = await testApp()
    const created = await seed(app, 3)
    const response = await app.inject({ method: 'GET', url: '/task-status' })
    expect(response.statusCode).toBe(200)
    expect(ids(response.json())).toEqual(created)
    expect(response.headers['x-total-count']).toBeUndefined()
  })

  it('pages with limit and offset, and count=true adds X-Total-Count', async () => {
    const { app } = await testApp()
    const created = await seed(app, 5)
    const response = await app.inject({ method: 'GET', url: '/task-status?limit=2&offset=1&count=true' })
    expect(ids(response.json())).toEqual(created.slice(1, 3))
    expect(response.headers['x-total-count']).toBe('5')
  })

  it('filters and sorts', async () => {
    const { app } = await testApp()
    const created = await seed(app, 6)
    const filters = encodeURIComponent('uniqueName sw "Task 0" and not uniqueName eq "Task 05"')
    const response = await app.inject({ method: 'GET', url: `/task-status?filters=${filters}&sorters=-percentComplete,uniqueName&count=true` })
    expect(response.statusCode).toBe(200)
    expect(ids(response.json())).toEqual([created[2], created[1], created[4], created[0], created[3]])
    expect(response.headers['x-total-count']).toBe('5')
  })

  it('filters completionStatus in either spelling', async () => {
    const { app } = await testApp()
    const [first] = await seed(app, 2)
    await patchTaskStatus(app, first as string, [{ op: 'replace', path: '/completionStatus', value: 'Success' }])
    for (const value of ['Success', 'SUCCESS']) {
      const response = await app.inject({ method: 'GET', url: `/task-status?filters=${encodeURIComponent(`completionStatus eq "${value}"`)}` })
      expect(ids(response.json())).toEqual([first])
    }
  })

  it.each([
    ['type eq "QUARTZ" and', 'Invalid filters: '],
    ['color eq "red"', "unknown field 'color'"],
    ['type sw "Q"', "operator 'sw' is not supported for 'type'"],
    ['uniqueName ne "x"', "operator 'ne' is not supported for 'uniqueName'"],
    ['type eq "CRON"', "'CRON' is not a type; use QUARTZ, QPOC, QUEUED_TASK"],
    ['created gt "yesterday"', "'yesterday' is not an ISO 8601 date-time"],
    ['uniqueName eq abc', "'abc' must be a double-quoted string"]
  ])('answers the filter %j with 400 naming the problem', async (filters, text) => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/task-status?filters=${encodeURIComponent(filters)}` })
    expect(response.statusCode).toBe(400)
    expect(response.json().detailCode).toBe('400.1 Bad Request Content')
    expect(response.json().messages[0].text).toContain(text)
  })

  it.each([
    ['sorters=color', "unknown sort field 'color'"],
    ['limit=0', 'querystring/limit must be >= 1'],
    ['limit=251', 'querystring/limit must be <= 250'],
    ['offset=-1', 'querystring/offset must be >= 0'],
    ['count=maybe', 'querystring/count must be boolean']
  ])('answers %s with 400 naming the problem', async (query, text) => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/task-status?${query}` })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain(text)
  })
})

describe('GET /task-status/pending-tasks', () => {
  it('lists only the task statuses not completed', async () => {
    const { app } = await testApp()
    const [first, second, third] = await seed(app, 3)
    await patchTaskStatus(app, second as string, [{ op: 'replace', path: '/completed', value: '2024-01-01T00:00:00Z' }])
    const response = await app.inject({ method: 'GET', url: '/task-status/pending-tasks?count=true' })
    expect(ids(response.json())).toEqual([first, third])
    expect(response.headers['x-total-count']).toBe('2')
  })
})

describe('HEAD /task-status/pending-tasks', () => {
  it('answers with no body and the pending count in X-Total-Count', async () => {
    const { app } = await testApp()
    await seed(app, 3)
    const response = await app.inject({ method: 'HEAD', url: '/task-status/pending-tasks' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe('')
    expect(response.headers['x-total-count']).toBe('3')
  })
})
