import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { act, createHumanTaskOver, type HumanTaskBody } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'

// Tasks created in the same millisecond share an activationTime and are ordered by
// their random tkiid; a pause between them makes the activation order the creation order.
async function seed (app: FastifyInstance): Promise<HumanTaskBody[]> {
  const tasks = []
  for (const fields of [
    { name: 'A', priority: 5, namespace: 'ns1', type: 'approval', customProperties: { region: 'EMEA' } },
    { name: 'B', priority: 1, namespace: 'ns2', type: 'review', customProperties: { region: 'APAC' } },
    { name: 'C', priority: 3, namespace: 'ns1', type: 'approval', customProperties: { region: 'APAC' } },
    { name: 'D', priority: null, namespace: 'ns1', type: 'review', customProperties: {} }
  ]) {
    tasks.push(await createHumanTaskOver(app, fields))
    await new Promise((resolve) => setTimeout(resolve, 3))
  }
  await act(app, tasks[2]?.tkiid as string, 'claim')
  return tasks
}

async function names (app: FastifyInstance, query: string): Promise<{ names: string[], total: number }> {
  const response = await app.inject({ method: 'GET', url: `/v1/tasks?${query}` })
  if (response.statusCode !== 200) throw new Error(response.body)
  const body = response.json()
  return { names: body.items.map((item: { name: string }) => item.name), total: body.total }
}

describe('GET /v1/tasks', () => {
  it('lists every task in activation order, with the total', async () => {
    const { app } = await testApp()
    await seed(app)
    const response = await app.inject({ method: 'GET', url: '/v1/tasks' })
    expect(response.json()).toMatchObject({ total: 4, offset: 0, limit: 100 })
    expect((await names(app, '')).names).toEqual(['A', 'B', 'C', 'D'])
  })

  it.each([
    ['state=STATE_CLAIMED', ['C']],
    ['owner=anonymous', ['C']],
    ['namespace=ns1&type=review', ['D']],
    ['priorityMin=2&priorityMax=4', ['C']],
    ['priorityMin=3', ['A', 'C']],
    ['customPropertyName=region&customPropertyValue=APAC', ['B', 'C']],
    ['suspended=false&state=STATE_READY', ['A', 'B', 'D']]
  ])('filters with %s', async (query, expected) => {
    const { app } = await testApp()
    await seed(app)
    const result = await names(app, query)
    expect(result.names).toEqual(expected)
    expect(result.total).toBe(expected.length)
  })

  it('sorts by several fields, with null last ascending', async () => {
    const { app } = await testApp()
    await seed(app)
    expect((await names(app, 'sort=priority')).names).toEqual(['B', 'C', 'A', 'D'])
    expect((await names(app, 'sort=-priority')).names).toEqual(['D', 'A', 'C', 'B'])
    expect((await names(app, 'sort=-name')).names).toEqual(['D', 'C', 'B', 'A'])
  })

  it('pages with offset and limit, keeping the total', async () => {
    const { app } = await testApp()
    await seed(app)
    expect(await names(app, 'offset=1&limit=2')).toEqual({ names: ['B', 'C'], total: 4 })
  })

  it.each([
    ['sort=colour', 'CWTKA0158E', "unknown sort field 'colour'"],
    ['customPropertyName=region', 'CWTKA0158E', 'customPropertyName and customPropertyValue go together'],
    ['priorityMin=5&priorityMax=1', 'CWTKA0158E', 'priorityMin (5) is greater than priorityMax (1)'],
    ['state=STATE_OPEN', 'CWTKA0158E', 'querystring/state must be equal to one of the allowed values'],
    ['limit=0', 'TASKD0006E', 'querystring/limit must be >= 1']
  ])('refuses %s with 400 %s', async (query, errorNumber, message) => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/v1/tasks?${query}` })
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe(errorNumber)
    expect(response.json().errorMessage).toContain(message)
  })
})
