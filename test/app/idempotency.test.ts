import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { createHumanTaskOver, HUMAN_TASK_BODY } from '../helpers/human-task-client.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { createTaskStatusOver } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

const MESSAGE = { key: 'idem.append', type: 'INFO', parameters: [], localizedText: { locale: 'en-US', message: 'appended' } }
const keyed = (key: string, request: InjectOptions): InjectOptions => ({ ...request, headers: { ...request.headers, 'idempotency-key': key } })

const taskStatusCount = async (app: FastifyInstance): Promise<number> => Number((await app.inject({ method: 'GET', url: '/task-status?count=true&limit=1' })).headers['x-total-count'])
const humanTaskCount = async (app: FastifyInstance): Promise<number> => (await app.inject({ method: 'GET', url: '/v1/tasks?limit=1' })).json().total as number

function expectReplayOf (replay: LightMyRequestResponse, original: LightMyRequestResponse): void {
  expect(replay.statusCode).toBe(original.statusCode)
  expect(replay.body).toBe(original.body)
  expect(replay.headers.location).toBe(original.headers.location)
  expect(replay.headers.etag).toBe(original.headers.etag)
  expect(replay.headers['idempotency-replayed']).toBe('true')
  expect(original.headers['idempotency-replayed']).toBeUndefined()
}

describe('Idempotency-Key', () => {
  it('a repeated POST /task-status replays the first response and creates one task status', async () => {
    const { app } = await testApp()
    const request = keyed('create-1', { method: 'POST', url: '/task-status', payload: CREATE_BODY })
    const first = await app.inject(request)
    expect(first.statusCode).toBe(201)
    expectReplayOf(await app.inject(request), first)
    expect(await taskStatusCount(app)).toBe(1)
  })

  it('the same key with another body is a 422 in the Task Status shape that creates nothing', async () => {
    const { app } = await testApp()
    await app.inject(keyed('create-1', { method: 'POST', url: '/task-status', payload: CREATE_BODY }))
    const other = await app.inject(keyed('create-1', { method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, launcher: 'someone else' } }))
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ detailCode: expect.any(String), trackingId: other.headers['x-request-id'] })
    expect(await taskStatusCount(app)).toBe(1)
  })

  it('a key as a structured-field string ("…") is the same key as its bare value', async () => {
    const { app } = await testApp()
    const first = await app.inject(keyed('abc-1', { method: 'POST', url: '/task-status', payload: CREATE_BODY }))
    expectReplayOf(await app.inject(keyed('"abc-1"', { method: 'POST', url: '/task-status', payload: CREATE_BODY })), first)
  })

  it('a repeated PATCH replays the updated document and appends its message once', async () => {
    const { app } = await testApp()
    const { id } = await createTaskStatusOver(app)
    const request = keyed('patch-1', { method: 'PATCH', url: `/task-status/${id}`, headers: { 'content-type': 'application/json-patch+json' }, payload: [{ op: 'add', path: '/messages/-', value: MESSAGE }] })
    const first = await app.inject(request)
    expect(first.statusCode).toBe(200)
    expectReplayOf(await app.inject(request), first)
    const stored = await app.inject({ method: 'GET', url: `/task-status/${id}` })
    expect(stored.headers.etag).toBe('"2"')
    expect(stored.json().messages).toHaveLength(1)
  })

  it('a refused request is not kept: the same key and request run again once the refusal no longer holds', async () => {
    const { app } = await testApp()
    const { id } = await createTaskStatusOver(app)
    const request = keyed('test-op', { method: 'PATCH', url: `/task-status/${id}`, headers: { 'content-type': 'application/json-patch+json' }, payload: [{ op: 'test', path: '/percentComplete', value: 50 }, { op: 'replace', path: '/percentComplete', value: 60 }] })
    expect((await app.inject(request)).statusCode).toBe(409)
    await app.inject({ method: 'PATCH', url: `/task-status/${id}`, headers: { 'content-type': 'application/json-patch+json' }, payload: [{ op: 'replace', path: '/percentComplete', value: 50 }] })
    const retried = await app.inject(request)
    expect(retried.statusCode).toBe(200)
    expect(retried.headers['idempotency-replayed']).toBeUndefined()
    expect(retried.json().percentComplete).toBe(60)
  })

  it('replays POST /v1/task, a state action, an update and a bulk update, each applied once', async () => {
    const { app } = await testApp()
    const create = keyed('ht-create', { method: 'POST', url: '/v1/task', payload: HUMAN_TASK_BODY })
    const created = await app.inject(create)
    expectReplayOf(await app.inject(create), created)
    const { tkiid } = created.json()
    const claim = keyed('ht-claim', { method: 'PUT', url: `/v1/task/${tkiid}?action=claim` })
    const claimed = await app.inject(claim)
    expect(claimed.statusCode).toBe(200)
    // Without the key a second claim would be refused: the replay is the first claim's answer.
    expectReplayOf(await app.inject(claim), claimed)
    const update = keyed('ht-update', { method: 'PUT', url: `/v1/task/${tkiid}?action=update`, payload: { priority: 7 } })
    const updated = await app.inject(update)
    expectReplayOf(await app.inject(update), updated)
    const bulk = keyed('ht-bulk', { method: 'PUT', url: '/v1/task?action=update', payload: { updatedTaskIDs: [tkiid, 'missing'], updatedPropertyValues: { priority: 2 } } })
    const bulked = await app.inject(bulk)
    expect(bulked.json().failedUpdates).toHaveLength(1)
    expectReplayOf(await app.inject(bulk), bulked)
    const history = (await app.inject({ method: 'GET', url: `/v1/task/${tkiid}/history` })).json().items as unknown[]
    expect(history).toHaveLength(4)
    expect(await humanTaskCount(app)).toBe(1)
  })

  it('a Human Task key reused with another request is a 422 with TASKD0011E', async () => {
    const { app } = await testApp()
    await app.inject(keyed('ht-1', { method: 'POST', url: '/v1/task', payload: HUMAN_TASK_BODY }))
    const other = await app.inject(keyed('ht-1', { method: 'POST', url: '/v1/task', payload: { ...HUMAN_TASK_BODY, priority: 9 } }))
    expect(other.statusCode).toBe(422)
    expect(other.json().errorNumber).toBe('TASKD0011E')
  })

  for (const [name, key] of [['a key with a space', 'two words'], ['an over-long key', 'k'.repeat(256)], ['an unbalanced quote', '"abc'], ['an empty key', '']] as const) {
    it(`${name} is a 400 in each family's shape that changes nothing`, async () => {
      const { app } = await testApp()
      const status = await app.inject(keyed(key, { method: 'POST', url: '/task-status', payload: CREATE_BODY }))
      expect(status.statusCode).toBe(400)
      expect(status.json().trackingId).toBe(status.headers['x-request-id'])
      const human = await app.inject(keyed(key, { method: 'POST', url: '/v1/task', payload: HUMAN_TASK_BODY }))
      expect(human.statusCode).toBe(400)
      expect(human.json().errorNumber).toEqual(expect.any(String))
      expect(await taskStatusCount(app)).toBe(0)
      expect(await humanTaskCount(app)).toBe(0)
    })
  }

  it('a key of 255 characters is accepted', async () => {
    const { app } = await testApp()
    expect((await app.inject(keyed('k'.repeat(255), { method: 'POST', url: '/task-status', payload: CREATE_BODY }))).statusCode).toBe(201)
  })

  it('a response over IDEMPOTENCY_MAX_RESPONSE_BYTES is replayed with its status, Location and ETag but no body', async () => {
    const { app } = await testApp({ IDEMPOTENCY_MAX_RESPONSE_BYTES: '100' })
    const request = keyed('large', { method: 'POST', url: '/task-status', payload: CREATE_BODY })
    const first = await app.inject(request)
    expect(first.body.length).toBeGreaterThan(100)
    const replay = await app.inject(request)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers.location).toBe(first.headers.location)
    expect(replay.headers.etag).toBe(first.headers.etag)
    expect(replay.body).toBe('')
    expect(await taskStatusCount(app)).toBe(1)
  })

  it('after IDEMPOTENCY_KEY_TTL a key is free again: the request runs anew', async () => {
    const { app } = await testApp({ IDEMPOTENCY_KEY_TTL: '1' })
    const request = keyed('short-lived', { method: 'POST', url: '/task-status', payload: CREATE_BODY })
    await app.inject(request)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const again = await app.inject(request)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotency-replayed']).toBeUndefined()
    expect(await taskStatusCount(app)).toBe(2)
  })

  it('requests without a key are never replayed', async () => {
    const { app } = await testApp()
    await app.inject({ method: 'POST', url: '/task-status', payload: CREATE_BODY })
    await app.inject({ method: 'POST', url: '/task-status', payload: CREATE_BODY })
    expect(await taskStatusCount(app)).toBe(2)
  })
})

// Each operation retried under concurrency: several copies at once, then more one by one.
async function retried (apps: readonly FastifyInstance[], request: InjectOptions): Promise<LightMyRequestResponse[]> {
  const concurrent = await Promise.all(Array.from({ length: 8 }, async (_, index) => await (apps[index % apps.length] as FastifyInstance).inject(request)))
  const sequential: LightMyRequestResponse[] = []
  for (let index = 0; index < 3; index++) sequential.push(await (apps[index % apps.length] as FastifyInstance).inject(request))
  for (const response of [...concurrent, ...sequential]) expect([200, 201, 409]).toContain(response.statusCode)
  // Once the first has finished, every retry is its replay.
  for (const response of sequential) expect(response.headers['idempotency-replayed']).toBe('true')
  return [...concurrent, ...sequential]
}

function retriesApplyOnce (openApps: () => Promise<FastifyInstance[]>): void {
  it('retries of a create, a PATCH append, a human task create, an action and a bulk update under concurrency each apply once', async () => {
    const apps = await openApps()
    const [app] = apps as [FastifyInstance]
    await retried(apps, keyed('c-ts', { method: 'POST', url: '/task-status', payload: CREATE_BODY }))
    expect(await taskStatusCount(app)).toBe(1)
    const { id } = await createTaskStatusOver(app)
    await retried(apps, keyed('c-patch', { method: 'PATCH', url: `/task-status/${id}`, headers: { 'content-type': 'application/json-patch+json' }, payload: [{ op: 'add', path: '/messages/-', value: MESSAGE }] }))
    expect((await app.inject({ method: 'GET', url: `/task-status/${id}` })).json().messages).toHaveLength(1)
    await retried(apps, keyed('c-ht', { method: 'POST', url: '/v1/task', payload: HUMAN_TASK_BODY }))
    expect(await humanTaskCount(app)).toBe(1)
    const { tkiid } = await createHumanTaskOver(app)
    await retried(apps, keyed('c-update', { method: 'PUT', url: `/v1/task/${tkiid}?action=update`, payload: { customProperties: { retried: 'once' } } }))
    await retried(apps, keyed('c-bulk', { method: 'PUT', url: '/v1/task?action=update', payload: { updatedTaskIDs: [tkiid], updatedPropertyValues: { priority: 1 } } }))
    const history = (await app.inject({ method: 'GET', url: `/v1/task/${tkiid}/history` })).json().items as unknown[]
    // create, update, bulk update: one entry each.
    expect(history).toHaveLength(3)
  })
}

describe('Idempotency-Key over one store', () => {
  retriesApplyOnce(async () => [(await testApp()).app])
})

describe('Idempotency-Key over two app instances on one SQLite file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-idem-'))
  let n = 0
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
  retriesApplyOnce(async () => {
    const filename = join(directory, `shared-${n++}.db`)
    return [(await testApp({}, openSqliteStore({ filename }))).app, (await testApp({}, openSqliteStore({ filename }))).app]
  })
})

describe.skipIf(postgresUrl === null)('Idempotency-Key over two app instances on PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(async () => { await dropTestSchemas(...schemas) })
  retriesApplyOnce(async () => {
    const schema = testSchemaName()
    schemas.push(schema)
    const open = async (): Promise<TaskStore> => await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    return [(await testApp({}, await open())).app, (await testApp({}, await open())).app]
  })
})
