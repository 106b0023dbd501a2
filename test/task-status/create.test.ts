import { describe, expect, it } from 'vitest'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

describe('POST /task-status', () => {
  it('returns 201 with the stored document, its Location and ETag', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: CREATE_BODY })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body.id).toMatch(/^[0-9a-f]{32}$/)
    expect(response.headers.location).toBe(`/task-status/${body.id as string}`)
    expect(response.headers.etag).toBe('"1"')
    expect(body).toEqual({
      ...CREATE_BODY,
      id: body.id,
      parentName: null,
      created: body.created,
      modified: body.created,
      launched: null,
      completed: null,
      completionStatus: null,
      messages: [],
      returns: [],
      attributes: {},
      progress: null,
      percentComplete: 0
    })
    expect(new Date(body.created).toISOString()).toBe(body.created)
  })

  it('stores the document so that GET returns it', async () => {
    const { app } = await testApp()
    const created = await app.inject({ method: 'POST', url: '/task-status', payload: CREATE_BODY })
    const fetched = await app.inject({ method: 'GET', url: created.headers.location as string })
    expect(fetched.statusCode).toBe(200)
    expect(fetched.json()).toEqual(created.json())
  })

  it.each(['id', 'created', 'modified'])('refuses a body carrying the server-assigned %s with 400, naming it', async (field) => {
    const { app, store } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, [field]: field === 'id' ? 'a'.repeat(32) : '2024-01-01T00:00:00Z' } })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain(`'${field}'`)
    expect(await store.taskStatuses.count(undefined)).toBe(0)
  })

  it('refuses a body missing a required field with 400 naming it', async () => {
    const { app } = await testApp()
    const { uniqueName: _, ...body } = CREATE_BODY
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: body })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('uniqueName')
  })

  it('refuses a number sent as a string instead of coercing it', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, percentComplete: '50' } })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toBe('body/percentComplete must be integer')
  })

  it('accepts today\'s uppercase completionStatus and stores the documented spelling', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, completionStatus: 'TEMPERROR' } })
    expect(response.statusCode).toBe(201)
    expect(response.json().completionStatus).toBe('TempError')
  })

  it('answers with uppercase completionStatus when COMPLETION_STATUS_CASE=upper', async () => {
    const { app } = await testApp({ COMPLETION_STATUS_CASE: 'upper' })
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, completionStatus: 'Success' } })
    expect(response.json().completionStatus).toBe('SUCCESS')
  })

  it('stores date-times in UTC with milliseconds', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, launched: '2024-03-01T12:00:00+02:00' } })
    expect(response.json().launched).toBe('2024-03-01T10:00:00.000Z')
  })

  it('keeps the optional target and taskDefinitionSummary', async () => {
    const { app } = await testApp()
    const target = { id: 'c31386cb18bb403cbb6df4c86294ff82', type: 'APPLICATION', name: 'AD' }
    const taskDefinitionSummary = { id: 'def', uniqueName: 'Agg', description: 'd', parentName: null, executor: 'x', arguments: { a: 1 } }
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, target, taskDefinitionSummary } })
    expect(response.json()).toMatchObject({ target, taskDefinitionSummary })
  })
})
