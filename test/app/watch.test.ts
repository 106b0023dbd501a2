import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createHumanTaskOver, act } from '../helpers/human-task-client.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { eventually } from '../helpers/eventually.js'
import { testApp } from '../helpers/test-app.js'
import { openWatch, type WatchClient } from '../helpers/watch-client.js'

async function listening (env: Record<string, string> = {}): Promise<{ app: FastifyInstance, base: string }> {
  const { app } = await testApp(env)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, base: address }
}

async function watch (url: string, headers: Record<string, string> = {}): Promise<WatchClient> {
  const client = await openWatch(url, headers)
  onTestFinished(() => { client.close() })
  // The stream says where it starts once it follows the log.
  await client.waitForComment(/^watching after \d+$/)
  return client
}

const entry = (data: string): Record<string, unknown> => JSON.parse(data) as Record<string, unknown>

describe('GET /task-status/watch', () => {
  it('sends a PATCH as an event whose id is its sequence, whose event is its kind and whose data is the entry', async () => {
    const { app, base } = await listening()
    const created = await createTaskStatusOver(app)
    const client = await watch(`${base}/task-status/watch`)
    expect(client.status).toBe(200)
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/)
    expect((await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 40 }])).statusCode).toBe(200)
    const [event] = await client.waitForEvents(1)
    expect(event?.event).toBe('patch')
    expect(entry(event?.data ?? '{}')).toMatchObject({ family: 'task-status', id: created.id, kind: 'patch', version: 2, sequence: Number(event?.id) })
    expect((entry(event?.data ?? '{}').changes as unknown[])[0]).toEqual({ op: 'replace', path: '/percentComplete', value: 40 })
  })

  it('starts after the newest change when no cursor is given', async () => {
    const { app, base } = await listening()
    await createTaskStatusOver(app)
    const client = await watch(`${base}/task-status/watch`)
    const second = await createTaskStatusOver(app)
    const events = await client.waitForEvents(1)
    expect(events.map((event) => entry(event.data).id)).toEqual([second.id])
  })

  it('resumes after Last-Event-ID with exactly the changes missed', async () => {
    const { app, base } = await listening()
    const first = await createTaskStatusOver(app)
    for (const value of [10, 20, 30]) await patchTaskStatus(app, first.id, [{ op: 'replace', path: '/percentComplete', value }])
    // Sequences 1 (create) to 4; a client that saw 2 misses 3 and 4.
    const client = await watch(`${base}/task-status/watch`, { 'last-event-id': '2' })
    const events = await client.waitForEvents(2)
    expect(events.map((event) => event.id)).toEqual(['3', '4'])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(client.events).toHaveLength(2)
  })

  it('resumes after the since parameter, and prefers Last-Event-ID when both are sent', async () => {
    const { app, base } = await listening()
    const first = await createTaskStatusOver(app)
    await patchTaskStatus(app, first.id, [{ op: 'replace', path: '/percentComplete', value: 10 }])
    const bySince = await watch(`${base}/task-status/watch?since=0`)
    expect((await bySince.waitForEvents(2)).map((event) => event.id)).toEqual(['1', '2'])
    const both = await watch(`${base}/task-status/watch?since=0`, { 'last-event-id': '1' })
    expect((await both.waitForEvents(1)).map((event) => event.id)).toEqual(['2'])
  })

  it('sends only the changes its filters match', async () => {
    const { app, base } = await listening()
    const client = await watch(`${base}/task-status/watch?filters=${encodeURIComponent('launcher eq "support" and completionStatus isnull')}`)
    await createTaskStatusOver(app, { launcher: 'ops' })
    const wanted = await createTaskStatusOver(app, { launcher: 'support' })
    const events = await client.waitForEvents(1)
    expect(events.map((event) => entry(event.data).id)).toEqual([wanted.id])
  })

  it('sends heartbeat comments while nothing changes', async () => {
    const { base } = await listening({ WATCH_HEARTBEAT_MS: '100' })
    const client = await watch(`${base}/task-status/watch`)
    await expect(client.waitForComment(/^heartbeat$/, 2000)).resolves.toBe('heartbeat')
  })

  it.each([
    ['a malformed Last-Event-ID', { 'last-event-id': 'abc' }, ''],
    ['a malformed since', {}, '?since=-1'],
    ['a cursor past the newest committed change', { 'last-event-id': '99' }, ''],
    ['an unknown filter field', {}, `?filters=${encodeURIComponent('uniqueName eq "x"')}`],
    ['an operator a watch does not take', {}, `?filters=${encodeURIComponent('launcher sw "x"')}`],
    ['an unknown query parameter', {}, '?launcher=x']
  ])('answers %s with a 400 ErrorResponseDto', async (_case, headers, query) => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: `/task-status/watch${query}`, headers: { accept: 'text/event-stream', ...headers } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ detailCode: '400.1 Bad Request Content', trackingId: expect.any(String) })
  })

  it('answers a cursor below what the log keeps with a 410 ErrorResponseDto: list again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'taskd-watch-'))
    onTestFinished(() => { rmSync(directory, { recursive: true, force: true }) })
    const filename = join(directory, 'trimmed.db')
    const { app } = await testApp({}, openSqliteStore({ filename }))
    for (let index = 0; index < 5; index++) await createTaskStatusOver(app)
    // As the log's retention would leave it: entries through 3 trimmed.
    const db = new Database(filename)
    db.exec('DELETE FROM change_log WHERE sequence <= 3; UPDATE change_log_trim SET trimmed_through = 3')
    db.close()
    const gone = await app.inject({ method: 'GET', url: '/task-status/watch', headers: { accept: 'text/event-stream', 'last-event-id': '2' } })
    expect(gone.statusCode).toBe(410)
    expect(gone.json()).toMatchObject({ detailCode: '410 Gone', messages: [{ text: expect.stringMatching(/list again/) }] })
    const kept = await app.inject({ method: 'GET', url: '/v1/tasks/watch?since=1', headers: { accept: 'text/event-stream' } })
    expect(kept.statusCode).toBe(410)
    expect(kept.json()).toMatchObject({ errorNumber: 'TASKD0009E' })
  })

  it('changes nothing: the log\'s head is where it was', async () => {
    const { app, store } = await testApp()
    await createTaskStatusOver(app)
    const before = await store.changeLog.head()
    await app.inject({ method: 'GET', url: '/task-status/watch?since=99', headers: { accept: 'text/event-stream' } })
    expect(await store.changeLog.head()).toBe(before)
  })
})

describe('GET /v1/tasks/watch', () => {
  it('sends the changes of human tasks, filtered by state', async () => {
    const { app, base } = await listening()
    const client = await watch(`${base}/v1/tasks/watch?state=STATE_CLAIMED`)
    const task = await createHumanTaskOver(app)
    expect((await act(app, task.tkiid, 'claim')).statusCode).toBe(200)
    const events = await client.waitForEvents(1)
    expect(events.map((event) => [event.event, entry(event.data).id])).toEqual([['claim', task.tkiid]])
  })

  it('answers an unknown query parameter with a 400 in the Human Task shape', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/v1/tasks/watch?priority=1', headers: { accept: 'text/event-stream' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ errorNumber: 'CWTKA0158E' })
  })

  it('answers a cursor past the newest change with a 400 in the Human Task shape', async () => {
    const { app } = await testApp()
    const response = await app.inject({ method: 'GET', url: '/v1/tasks/watch?since=5', headers: { accept: 'text/event-stream' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ errorNumber: 'TASKD0006E' })
  })
})

describe('list then watch', () => {
  it('a task status list carries X-Change-Sequence, and a watch from it receives exactly the changes after the list', async () => {
    const { app, base } = await listening()
    const first = await createTaskStatusOver(app)
    const list = await app.inject({ method: 'GET', url: '/task-status' })
    expect(list.headers['x-change-sequence']).toBe('1')
    await patchTaskStatus(app, first.id, [{ op: 'replace', path: '/percentComplete', value: 70 }])
    const client = await watch(`${base}/task-status/watch?since=${String(list.headers['x-change-sequence'])}`)
    const events = await client.waitForEvents(1)
    expect(events.map((event) => [event.id, event.event])).toEqual([['2', 'patch']])
  })

  it('pending tasks and a human task query carry X-Change-Sequence too', async () => {
    const { app } = await testApp()
    await createTaskStatusOver(app)
    await createHumanTaskOver(app)
    expect((await app.inject({ method: 'GET', url: '/task-status/pending-tasks' })).headers['x-change-sequence']).toBe('2')
    expect((await app.inject({ method: 'GET', url: '/v1/tasks' })).headers['x-change-sequence']).toBe('2')
  })

  it('exposes X-Change-Sequence to browsers through CORS', async () => {
    const { app } = await testApp({ CORS_ORIGINS: 'https://ui.example.com' })
    const response = await app.inject({ method: 'GET', url: '/task-status', headers: { origin: 'https://ui.example.com' } })
    expect(String(response.headers['access-control-expose-headers'])).toContain('X-Change-Sequence')
  })
})

describe('watch bounds', () => {
  it('answers a stream past WATCH_MAX_STREAMS with a 503 in each family\'s shape', async () => {
    const { app, base } = await listening({ WATCH_MAX_STREAMS: '1' })
    await watch(`${base}/task-status/watch`)
    const refused = await app.inject({ method: 'GET', url: '/task-status/watch', headers: { accept: 'text/event-stream' } })
    expect(refused.statusCode).toBe(503)
    expect(refused.json()).toMatchObject({ trackingId: expect.any(String) })
    const refusedHtm = await app.inject({ method: 'GET', url: '/v1/tasks/watch', headers: { accept: 'text/event-stream' } })
    expect(refusedHtm.statusCode).toBe(503)
    expect(refusedHtm.json()).toMatchObject({ errorNumber: 'TASKD0007E' })
  })

  it('counts open streams in /metrics', async () => {
    const { app, base } = await listening()
    await watch(`${base}/task-status/watch`)
    await watch(`${base}/v1/tasks/watch`)
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toContain('taskd_watch_streams{family="task-status"} 1')
    expect(metrics).toContain('taskd_watch_streams{family="human-task"} 1')
    expect(metrics).toContain('# TYPE taskd_watch_lag_seconds histogram')
  })

  it('disconnects a client that stops reading once WATCH_BUFFER_BYTES are unsent, holding no more than that for it', async () => {
    const { app, base, store } = await listeningWithStore({ WATCH_BUFFER_BYTES: '16384' })
    const client = await watch(`${base}/task-status/watch`)
    client.response.pause()
    // 40 changes of about 256 KiB each: far more than the socket's buffers take.
    const big = 'x'.repeat(256 * 1024)
    let mostBuffered = 0
    for (let index = 0; index < 40 && app.watchStreams.size > 0; index++) {
      await store.taskStatuses.insert(taskStatus({ attributes: { big } }))
      await new Promise((resolve) => setTimeout(resolve, 5))
      mostBuffered = Math.max(mostBuffered, app.watchStreams.bufferedBytes())
    }
    await eventually(() => app.watchStreams.size === 0, 5000)
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toContain('taskd_watch_slow_closed_total{family="task-status"} 1')
    expect(metrics).toContain('taskd_watch_buffered_bytes 0')
    // What the stream held unsent stayed within the bound and one page of the log,
    // not the 10 MiB of changes it fell behind by.
    expect(mostBuffered).toBeLessThan(16384 + 1024 * 1024 + 300 * 1024)
  })

  it('ends its open streams when the app closes, so that a shutdown is not held by them', async () => {
    const { app, base } = await listening()
    const client = await watch(`${base}/task-status/watch`)
    const started = Date.now()
    await app.close()
    await client.ended
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

async function listeningWithStore (env: Record<string, string>): Promise<{ app: FastifyInstance, base: string, store: TaskStore }> {
  const { app, store } = await testApp(env)
  return { app, base: await app.listen({ port: 0, host: '127.0.0.1' }), store }
}
