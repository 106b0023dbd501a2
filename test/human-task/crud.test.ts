import { describe, expect, it } from 'vitest'
import { createHumanTaskOver, HUMAN_TASK_BODY } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'

describe('POST /v1/task', () => {
  it('returns 201 with the created task in STATE_READY and its Location', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', payload: HUMAN_TASK_BODY })
    expect(response.statusCode).toBe(201)
    const task = response.json()
    expect(response.headers.location).toBe(`/v1/task/${task.tkiid as string}`)
    expect(task).toEqual({
      ...HUMAN_TASK_BODY,
      tkiid: task.tkiid,
      state: 'STATE_READY',
      suspended: false,
      owner: null,
      originator: 'anonymous',
      activationTime: task.activationTime,
      lastModificationTime: task.activationTime,
      dueTime: null,
      completionTime: null,
      deletionTime: null,
      contextAuthorizationOfOwner: 'AUTH_NONE',
      description: null,
      durationUntilDeleted: null,
      durationUntilDue: null,
      eventHandlerName: null,
      isBusinessRelevant: false,
      parentContextID: null,
      supportsClaimIfSuspended: false,
      supportsDelegation: false,
      supportsFollowOnTasks: false,
      supportsSubTasks: false
    })
  })

  it('derives dueTime from activationTime and durationUntilDue', async () => {
    const { app } = await testApp()
    const task = await createHumanTaskOver(app, { durationUntilDue: 'P1DT4H' })
    expect(Date.parse(task.dueTime as string) - Date.parse(task.activationTime as string)).toBe(28 * 3600 * 1000)
  })

  it.each([
    [{ name: undefined }, 'CWTKA0013E', "must have required property 'name'"],
    [{ tkiid: 'x' }, 'CWTKA0158E', "must NOT have additional properties 'tkiid'"],
    [{ durationUntilDue: '3 days' }, 'TASKD0006E', 'body/durationUntilDue must match pattern'],
    [{ priority: 'high' }, 'TASKD0006E', 'body/priority must be integer'],
    [{ displayName: 'x'.repeat(256) }, 'CWTKA0005E', 'body/displayName must NOT have more than 255 characters'],
    [{ customProperties: { '': 'empty name' } }, 'CWTKA0005E', "The custom property name '' must have 1 to 255 characters"]
  ])('refuses %j with 400 %s', async (fields, errorNumber, message) => {
    const { app, store } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/v1/task', payload: { ...HUMAN_TASK_BODY, ...fields } })
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe(errorNumber)
    expect(response.json().errorMessage).toContain(message)
    expect((await store.humanTasks.query({ sort: [{ field: 'tkiid', descending: false }], offset: 0, limit: 1 })).total).toBe(0)
  })
})

describe('GET /v1/task/{tkiid}', () => {
  it('returns the task', async () => {
    const { app } = await testApp()
    const created = await createHumanTaskOver(app)
    const response = await app.inject({ method: 'GET', url: `/v1/task/${created.tkiid}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(created)
  })

  it('returns 404 with CWTKA0024E for an unknown task', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/v1/task/nope' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ errorNumber: 'CWTKA0024E', errorMessage: "The task 'nope' does not exist; it might have been deleted in the meantime." })
  })
})

describe('DELETE /v1/task/{tkiid}', () => {
  it('returns 204 and the task is gone', async () => {
    const { app } = await testApp()
    const created = await createHumanTaskOver(app)
    expect((await app.inject({ method: 'DELETE', url: `/v1/task/${created.tkiid}` })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: `/v1/task/${created.tkiid}` })).statusCode).toBe(404)
  })

  it('returns 404 with CWTKA0024E for an unknown task', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'DELETE', url: '/v1/task/nope' })
    expect(response.statusCode).toBe(404)
    expect(response.json().errorNumber).toBe('CWTKA0024E')
  })
})
