import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { act, createHumanTaskOver, type HumanTaskBody } from '../helpers/human-task-client.js'
import { testApp } from '../helpers/test-app.js'

// Brings a new task to a starting state through the API itself.
const SETUP: Record<string, string[]> = {
  ready: [],
  'ready, suspended': ['suspend'],
  claimed: ['claim'],
  'claimed, suspended': ['claim', 'suspend'],
  finished: ['claim', 'complete'],
  terminated: ['terminate']
}

async function taskIn (app: FastifyInstance, state: string, fields: object = {}): Promise<HumanTaskBody> {
  const task = await createHumanTaskOver(app, fields)
  for (const action of SETUP[state] ?? []) {
    const response = await act(app, task.tkiid, action)
    if (response.statusCode !== 200) throw new Error(`${action}: ${response.body}`)
  }
  return task
}

describe('PUT /v1/task/{tkiid}?action=…', () => {
  it.each([
    ['ready', 'claim', { state: 'STATE_CLAIMED', owner: 'anonymous' }],
    ['claimed', 'cancelClaim', { state: 'STATE_READY', owner: null }],
    ['claimed', 'complete', { state: 'STATE_FINISHED', owner: 'anonymous' }],
    ['ready', 'suspend', { state: 'STATE_READY', suspended: true }],
    ['claimed', 'suspend', { state: 'STATE_CLAIMED', suspended: true }],
    ['ready, suspended', 'resume', { state: 'STATE_READY', suspended: false }],
    ['ready', 'terminate', { state: 'STATE_TERMINATED' }],
    ['claimed, suspended', 'terminate', { state: 'STATE_TERMINATED', suspended: false }]
  ])('a %s task takes %s', async (state, action, expected) => {
    const { app } = await testApp()
    const task = await taskIn(app, state)
    const response = await act(app, task.tkiid, action)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject(expected)
  })

  it.each([
    ['ready', 'cancelClaim'], ['ready', 'complete'], ['ready', 'resume'],
    ['ready, suspended', 'claim'], ['ready, suspended', 'suspend'],
    ['claimed', 'claim'], ['claimed, suspended', 'complete'],
    ['finished', 'claim'], ['finished', 'terminate'], ['finished', 'suspend'], ['finished', 'update'],
    ['terminated', 'claim'], ['terminated', 'resume'], ['terminated', 'update']
  ])('a %s task refuses %s with 409 CWTKA0007E and is unchanged', async (state, action) => {
    const { app } = await testApp()
    const task = await taskIn(app, state)
    const before = (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}` })).json()
    const response = await act(app, task.tkiid, action, action === 'update' ? { priority: 1 } : undefined)
    expect(response.statusCode).toBe(409)
    expect(response.json().errorNumber).toBe('CWTKA0007E')
    expect(response.json().errorMessage).toContain(`does not allow the action '${action}'`)
    expect((await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}` })).json()).toEqual(before)
  })

  it('claims a suspended task that supports it', async () => {
    const { app } = await testApp()
    const task = await taskIn(app, 'ready, suspended', { supportsClaimIfSuspended: true })
    expect((await act(app, task.tkiid, 'claim')).json()).toMatchObject({ state: 'STATE_CLAIMED', suspended: true })
  })

  it('sets completionTime and deletionTime when a task finishes', async () => {
    const { app } = await testApp()
    const task = await taskIn(app, 'claimed', { durationUntilDeleted: 'P30D' })
    const finished = (await act(app, task.tkiid, 'complete')).json()
    expect(Date.parse(finished.deletionTime) - Date.parse(finished.completionTime)).toBe(30 * 24 * 3600 * 1000)
  })

  describe('action=update', () => {
    it('sets the properties and returns the task', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'claimed')
      const response = await act(app, task.tkiid, 'update', { priority: 1, displayName: 'Urgent', isBusinessRelevant: true })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ priority: 1, displayName: 'Urgent', isBusinessRelevant: true, state: 'STATE_CLAIMED' })
    })

    it('merges customProperties into the task\'s own', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'ready', { customProperties: { region: 'EMEA', team: 'a' } })
      const response = await act(app, task.tkiid, 'update', { customProperties: { team: 'b', escalated: 'true' } })
      expect(response.json().customProperties).toEqual({ region: 'EMEA', team: 'b', escalated: 'true' })
    })

    it('moves dueTime when durationUntilDue changes', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'ready', { durationUntilDue: 'P1D' })
      const updated = (await act(app, task.tkiid, 'update', { durationUntilDue: 'PT4H' })).json()
      expect(Date.parse(updated.dueTime) - Date.parse(task.activationTime as string)).toBe(4 * 3600 * 1000)
      const cleared = (await act(app, task.tkiid, 'update', { durationUntilDue: null })).json()
      expect(cleared.dueTime).toBeNull()
    })

    it('refuses an update without a body with 400 CWTKA0013E', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'ready')
      const response = await act(app, task.tkiid, 'update')
      expect(response.statusCode).toBe(400)
      expect(response.json().errorNumber).toBe('CWTKA0013E')
    })

    it('refuses an empty set of properties with 400 CWTKA0013E', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'ready')
      const response = await act(app, task.tkiid, 'update', {})
      expect(response.statusCode).toBe(400)
      expect(response.json().errorNumber).toBe('CWTKA0013E')
    })

    it('refuses a server-kept field with 400 CWTKA0158E', async () => {
      const { app } = await testApp()
      const task = await taskIn(app, 'ready')
      const response = await act(app, task.tkiid, 'update', { state: 'STATE_FINISHED' })
      expect(response.statusCode).toBe(400)
      expect(response.json().errorNumber).toBe('CWTKA0158E')
    })
  })

  it('refuses an unknown action with 400 CWTKA0158E', async () => {
    const { app } = await testApp()
    const task = await taskIn(app, 'ready')
    const response = await act(app, task.tkiid, 'approve')
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe('CWTKA0158E')
  })

  it('refuses a missing action with 400 CWTKA0013E', async () => {
    const { app } = await testApp()
    const task = await taskIn(app, 'ready')
    const response = await app.inject({ method: 'PUT', url: `/v1/task/${task.tkiid}` })
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe('CWTKA0013E')
  })

  it('refuses a body on an action that takes none with 400', async () => {
    const { app } = await testApp()
    const task = await taskIn(app, 'ready')
    const response = await act(app, task.tkiid, 'claim', { priority: 1 })
    expect(response.statusCode).toBe(400)
    expect(response.json().errorNumber).toBe('CWTKA0158E')
  })

  it('returns 404 CWTKA0024E for an unknown task', async () => {
    const { app } = await testApp()
    const response = await act(app, 'nope', 'claim')
    expect(response.statusCode).toBe(404)
    expect(response.json().errorNumber).toBe('CWTKA0024E')
  })
})
