import { describe, expect, it } from 'vitest'
import { act, createHumanTaskOver } from '../helpers/human-task-client.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

describe('retention in the app', () => {
  it('deletes a finished human task once its deletionTime has passed; its history ends with the delete by taskd, and /metrics counts it', async () => {
    const { app } = await testApp({ RETENTION_SWEEP_INTERVAL_MS: '50' })
    const task = await createHumanTaskOver(app, { durationUntilDeleted: 'PT1S' })
    for (const action of ['claim', 'complete']) expect((await act(app, task.tkiid, action)).statusCode).toBe(200)
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}` })).statusCode, { timeout: 10_000, interval: 100 }).toBe(404)
    const items = (await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}/history` })).json().items as Array<{ event: string, principal: string }>
    expect(items.map((item) => item.event)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskCompleted', 'TaskDeleted'])
    expect(items.at(-1)?.principal).toBe('taskd')
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toMatch(/^taskd_retention_deleted_total\{kind="human-task"\} 1$/m)
  })

  it('keeps a task status completed long ago while TASK_STATUS_RETENTION is unset', async () => {
    const { app } = await testApp({ RETENTION_SWEEP_INTERVAL_MS: '20' })
    const created = await createTaskStatusOver(app, { completed: '2000-01-01T00:00:00Z' })
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/metrics' })).body, { timeout: 5000, interval: 50 }).toMatch(/^taskd_retention_deleted_total\{kind="task-status"\} 0$/m)
    expect((await app.inject({ method: 'GET', url: `/task-status/${created.id}` })).statusCode).toBe(200)
  })

  it('deletes a task status completed longer ago than TASK_STATUS_RETENTION', async () => {
    const { app } = await testApp({ RETENTION_SWEEP_INTERVAL_MS: '20', TASK_STATUS_RETENTION: 'P30D' })
    const old = await createTaskStatusOver(app, { completed: '2000-01-01T00:00:00Z' })
    const pending = await createTaskStatusOver(app)
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/task-status/${old.id}` })).statusCode, { timeout: 5000, interval: 50 }).toBe(404)
    expect((await app.inject({ method: 'GET', url: `/task-status/${pending.id}` })).statusCode).toBe(200)
  })

  it('runs no sweeper with RETENTION_SWEEP_INTERVAL_MS=0', async () => {
    const { app } = await testApp({ RETENTION_SWEEP_INTERVAL_MS: '0' })
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).not.toContain('taskd_retention_deleted_total')
  })
})
