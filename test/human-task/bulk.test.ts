import { describe, expect, it } from 'vitest'
import { createHumanTask } from '../../src/domain/human-task.js'
import { act, bulkUpdate, createHumanTaskOver, HUMAN_TASK_BODY } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'
import type { FastifyInstance } from 'fastify'

async function snapshot (app: FastifyInstance, tkiids: string[]): Promise<unknown[]> {
  return await Promise.all(tkiids.map(async (tkiid) => (await app.inject({ method: 'GET', url: `/v1/task/${tkiid}` })).json()))
}

describe('PUT /v1/task?action=update', () => {
  it('updates every listed task and answers 200 with an empty body', async () => {
    const { app } = await testApp()
    const tasks = [await createHumanTaskOver(app), await createHumanTaskOver(app)]
    const response = await bulkUpdate(app, { updatedTaskIDs: tasks.map((task) => task.tkiid), updatedPropertyValues: { priority: 1, customProperties: { escalated: 'true' } } })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe('')
    for (const task of await snapshot(app, tasks.map((task) => task.tkiid))) {
      expect(task).toMatchObject({ priority: 1, customProperties: { region: 'EMEA', escalated: 'true' } })
    }
  })

  it('reports unknown, duplicated and end-state ids exactly once each, and applies the others', async () => {
    const { app } = await testApp()
    const good = [await createHumanTaskOver(app), await createHumanTaskOver(app)]
    const finished = await createHumanTaskOver(app)
    await act(app, finished.tkiid, 'claim')
    await act(app, finished.tkiid, 'complete')
    const terminated = await createHumanTaskOver(app)
    await act(app, terminated.tkiid, 'terminate')
    const ids = [good[0]?.tkiid, 'no-such-task', good[1]?.tkiid, finished.tkiid, good[0]?.tkiid, '../../weird id ∆', terminated.tkiid, 'no-such-task'] as string[]
    const response = await bulkUpdate(app, { updatedTaskIDs: ids, updatedPropertyValues: { priority: 7 } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      failedUpdates: [
        { tkiid: 'no-such-task', errorNumber: 'CWTKA0024E', errorMessage: "The task 'no-such-task' does not exist; it might have been deleted in the meantime." },
        { tkiid: finished.tkiid, errorNumber: 'CWTKA0007E', errorMessage: `The state of the task '${finished.tkiid}' (STATE_FINISHED) does not allow the action 'update'.` },
        { tkiid: '../../weird id ∆', errorNumber: 'CWTKA0024E', errorMessage: "The task '../../weird id ∆' does not exist; it might have been deleted in the meantime." },
        { tkiid: terminated.tkiid, errorNumber: 'CWTKA0007E', errorMessage: `The state of the task '${terminated.tkiid}' (STATE_TERMINATED) does not allow the action 'update'.` }
      ]
    })
    const [first, second, finishedAfter, terminatedAfter] = await snapshot(app, [good[0]?.tkiid, good[1]?.tkiid, finished.tkiid, terminated.tkiid] as string[]) as Array<{ priority: number, lastModificationTime: string }>
    expect([first?.priority, second?.priority, finishedAfter?.priority, terminatedAfter?.priority]).toEqual([7, 7, 3, 3])
  })

  it('applies a duplicated id once', async () => {
    const { app, store } = await testApp()
    const task = await createHumanTaskOver(app)
    await bulkUpdate(app, { updatedTaskIDs: [task.tkiid, task.tkiid, task.tkiid], updatedPropertyValues: { priority: 2 } })
    expect((await store.humanTasks.get(task.tkiid))?.version).toBe(2)
  })

  describe('validates the whole request first, and a 400 changes nothing', () => {
    it.each([
      ['an unknown action', 'merge', { updatedPropertyValues: { priority: 1 } }, 'CWTKA0158E'],
      ['a missing action', '', { updatedPropertyValues: { priority: 1 } }, 'CWTKA0013E'],
      ['an unknown property', 'update', { updatedPropertyValues: { colour: 'red' } }, 'CWTKA0158E'],
      ['a server-kept property', 'update', { updatedPropertyValues: { owner: 'mallory' } }, 'CWTKA0158E'],
      ['a wrong type', 'update', { updatedPropertyValues: { priority: 'high' } }, 'TASKD0006E'],
      ['a bad duration', 'update', { updatedPropertyValues: { durationUntilDue: 'tomorrow' } }, 'TASKD0006E'],
      ['an empty id list', 'update', { updatedTaskIDs: [], updatedPropertyValues: { priority: 1 } }, 'CWTKA0013E'],
      ['no properties', 'update', { updatedPropertyValues: {} }, 'CWTKA0013E'],
      ['no updatedPropertyValues', 'update', { updatedPropertyValues: undefined }, 'CWTKA0013E'],
      ['a value too long', 'update', { updatedPropertyValues: { displayName: 'x'.repeat(300) } }, 'CWTKA0005E']
    ])('refuses %s', async (_name, action, body, errorNumber) => {
      const { app } = await testApp()
      const tasks = [await createHumanTaskOver(app), await createHumanTaskOver(app)]
      const ids = tasks.map((task) => task.tkiid)
      const before = await snapshot(app, ids)
      const response = await app.inject({ method: 'PUT', url: action === '' ? '/v1/task' : `/v1/task?action=${action}`, payload: { updatedTaskIDs: ids, ...body } })
      expect(response.statusCode).toBe(400)
      expect(response.json().errorNumber).toBe(errorNumber)
      expect(await snapshot(app, ids)).toEqual(before)
    })

    it('refuses more ids than BULK_MAX_IDS, naming the limit', async () => {
      const { app } = await testApp({ BULK_MAX_IDS: '2' })
      const tasks = [await createHumanTaskOver(app), await createHumanTaskOver(app), await createHumanTaskOver(app)]
      const ids = tasks.map((task) => task.tkiid)
      const before = await snapshot(app, ids)
      const response = await bulkUpdate(app, { updatedTaskIDs: ids, updatedPropertyValues: { priority: 1 } })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ errorNumber: 'CWTKA0005E', errorMessage: 'updatedTaskIDs lists 3 ids; the maximum is 2 (BULK_MAX_IDS)' })
      expect(await snapshot(app, ids)).toEqual(before)
    })
  })

  it('updates 10,000 tasks in one request, reporting the one stale id', async () => {
    const { app, store } = await testApp()
    const ids = Array.from({ length: 10_000 }, (_, index) => `bulk-${index}`)
    const now = new Date()
    for (const tkiid of ids) await store.humanTasks.insert(createHumanTask(HUMAN_TASK_BODY, tkiid, 'seed', now))
    const response = await bulkUpdate(app, { updatedTaskIDs: [...ids, 'stale'], updatedPropertyValues: { priority: 0 } })
    expect(response.statusCode).toBe(200)
    expect(response.json().failedUpdates).toEqual([expect.objectContaining({ tkiid: 'stale', errorNumber: 'CWTKA0024E' })])
    const page = await store.humanTasks.query({ priorityMax: 0, sort: [{ field: 'tkiid', descending: false }], offset: 0, limit: 1 })
    expect(page.total).toBe(10_000)
  })

  it('loses nothing when bulk updates and single updates race on the same tasks', async () => {
    const { app } = await testApp()
    const tasks = await Promise.all(Array.from({ length: 20 }, async () => await createHumanTaskOver(app, { customProperties: {} })))
    const ids = tasks.map((task) => task.tkiid)
    await Promise.all([
      ...Array.from({ length: 10 }, async (_, round) => await bulkUpdate(app, { updatedTaskIDs: ids, updatedPropertyValues: { customProperties: { [`bulk${round}`]: 'x' } } })),
      ...ids.flatMap((tkiid) => Array.from({ length: 5 }, async (_, round) => await act(app, tkiid, 'update', { customProperties: { [`single${round}`]: 'y' } })))
    ])
    for (const task of await snapshot(app, ids) as Array<{ customProperties: Record<string, string> }>) {
      expect(Object.keys(task.customProperties).sort()).toEqual([...Array.from({ length: 10 }, (_, round) => `bulk${round}`), ...Array.from({ length: 5 }, (_, round) => `single${round}`)].sort())
    }
  })
})
