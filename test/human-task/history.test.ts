import { describe, expect, it } from 'vitest'
import { act, bulkUpdate, createHumanTaskOver } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'

interface Item { event: string, principal: string, timeStamp: string, version: number, changes: unknown }

describe('GET /v1/task/{tkiid}/history', () => {
  it('lists every operation as the Human Task Manager\'s events, oldest first', async () => {
    const { app } = await testApp()
    const task = await createHumanTaskOver(app)
    for (const action of ['claim', 'cancelClaim', 'suspend', 'resume', 'claim', 'complete']) expect((await act(app, task.tkiid, action)).statusCode).toBe(200)
    await app.inject({ method: 'DELETE', url: `/v1/task/${task.tkiid}` })
    const response = await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}/history` })
    expect(response.statusCode).toBe(200)
    const history = response.json()
    expect(history.tkiid).toBe(task.tkiid)
    expect(history.items.map((item: Item) => item.event)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskClaimCancelled', 'TaskSuspended', 'TaskResumed', 'TaskClaimed', 'TaskCompleted', 'TaskDeleted'])
    expect(history.items.map((item: Item) => item.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('gives each changed property with its old and new value, and the principal and time of the change', async () => {
    const { app } = await testApp()
    const task = await createHumanTaskOver(app, { priority: 3 })
    const updated = (await act(app, task.tkiid, 'update', { priority: 1 })).json()
    const [, item] = (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}/history` })).json().items as Item[]
    expect(item).toMatchObject({ event: 'TaskUpdated', principal: 'anonymous', timeStamp: updated.lastModificationTime })
    expect(item?.changes).toEqual(expect.arrayContaining([
      { property: 'lastModificationTime', oldValue: task.lastModificationTime, newValue: updated.lastModificationTime },
      { property: 'priority', oldValue: 3, newValue: 1 }
    ]))
    expect(item?.changes).toHaveLength(2)
  })

  it('calls an update of custom properties alone TaskCustomPropertySet', async () => {
    const { app } = await testApp()
    const task = await createHumanTaskOver(app)
    await act(app, task.tkiid, 'update', { customProperties: { escalated: 'true' } })
    const items = (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}/history` })).json().items as Item[]
    expect(items[1]?.event).toBe('TaskCustomPropertySet')
  })

  it('has one item for each task a bulk update changed', async () => {
    const { app } = await testApp()
    const [a, b] = [await createHumanTaskOver(app), await createHumanTaskOver(app)]
    expect((await bulkUpdate(app, { updatedTaskIDs: [a.tkiid, b.tkiid], updatedPropertyValues: { priority: 9 } })).statusCode).toBe(200)
    for (const task of [a, b]) {
      const items = (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}/history` })).json().items as Item[]
      expect(items.map((item) => item.event)).toEqual(['TaskCreated', 'TaskUpdated'])
    }
  })

  it('is served below HTM_PREFIX', async () => {
    const { app } = await testApp({ HTM_PREFIX: '/rest/bpm/htm' })
    const task = await createHumanTaskOver(app, {}, '/rest/bpm/htm')
    expect((await app.inject({ method: 'GET', url: `/rest/bpm/htm/v1/task/${task.tkiid}/history` })).statusCode).toBe(200)
  })

  it('answers 404 CWTKA0024E for a task the log never saw', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/v1/task/no-such-task/history' })
    expect(response.statusCode).toBe(404)
    expect(response.json().errorNumber).toBe('CWTKA0024E')
  })
})
