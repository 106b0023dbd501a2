// What one request may cost, whatever it asks and whatever is stored: each bound is
// refused in its family's error shape, changes nothing, and leaves the server serving.
import { describe, expect, it } from 'vitest'
import { bulkUpdate, createHumanTaskOver, act } from '../helpers/human-task-client.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { testApp } from '../helpers/test-app.js'

describe('the cost of one request', () => {
  it('refuses a create whose document would pass TASK_STATUS_MAX_BYTES with 413, storing nothing', async () => {
    const { app } = await testApp({ TASK_STATUS_MAX_BYTES: '8192' })
    const response = await app.inject({ method: 'POST', url: '/task-status', payload: { ...CREATE_BODY, attributes: { text: 'x'.repeat(9000) } } })
    expect(response.statusCode).toBe(413)
    expect(response.json().messages[0].text).toMatch(/task status would be \d+ bytes; a stored one may have 8192 at most/)
    expect((await app.inject({ method: 'HEAD', url: '/task-status/pending-tasks' })).headers['x-total-count']).toBe('0')
  })

  it('refuses a patch whose result would pass TASK_STATUS_MAX_BYTES with 413, changing nothing', async () => {
    const { app } = await testApp({ TASK_STATUS_MAX_BYTES: '8192' })
    const { id } = await createTaskStatusOver(app)
    const response = await patchTaskStatus(app, id, [{ op: 'add', path: '/attributes/text', value: 'x'.repeat(9000) }])
    expect(response.statusCode).toBe(413)
    expect((await app.inject({ method: 'GET', url: `/task-status/${id}` })).headers.etag).toBe('"1"')
  })

  it('refuses a human task update whose result would pass HUMAN_TASK_MAX_BYTES with 413 and TASKD0003E', async () => {
    const { app } = await testApp({ HUMAN_TASK_MAX_BYTES: '8192' })
    const { tkiid } = await createHumanTaskOver(app)
    const response = await act(app, tkiid, 'update', { customProperties: Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`p${index}`, 'v'.repeat(2000)])) })
    expect(response.statusCode).toBe(413)
    expect(response.json().errorNumber).toBe('TASKD0003E')
    expect((await app.inject({ method: 'GET', url: `/v1/task/${tkiid}` })).json().customProperties).toEqual({ region: 'EMEA' })
  })

  it('refuses a bulk update over tasks holding more than BULK_MAX_WRITE_BYTES with 413, changing none of them', async () => {
    const { app } = await testApp({ BULK_MAX_WRITE_BYTES: '1048576' })
    const tkiids: string[] = []
    for (let index = 0; index < 80; index++) tkiids.push((await createHumanTaskOver(app, { description: 'd'.repeat(4000), customProperties: { a: 'v'.repeat(2000), b: 'v'.repeat(2000), c: 'v'.repeat(2000), d: 'v'.repeat(2000), e: 'v'.repeat(2000), f: 'v'.repeat(2000) } })).tkiid)
    const response = await bulkUpdate(app, { updatedTaskIDs: tkiids, updatedPropertyValues: { priority: 9 } })
    expect(response.statusCode).toBe(413)
    expect(response.json().errorNumber).toBe('TASKD0003E')
    const priorities = await Promise.all(tkiids.map(async (tkiid) => (await app.inject({ method: 'GET', url: `/v1/task/${tkiid}` })).json().priority))
    expect(new Set(priorities)).toEqual(new Set([3]))
  })

  it('refuses in a bulk update the one task whose result would pass HUMAN_TASK_MAX_BYTES (TASKD0003E in failedUpdates), leaving it as it was and updating the others', async () => {
    const { app } = await testApp({ HUMAN_TASK_MAX_BYTES: '8192' })
    const small = [await createHumanTaskOver(app), await createHumanTaskOver(app)]
    const large = await createHumanTaskOver(app, { customProperties: { a: 'v'.repeat(2000), b: 'v'.repeat(2000), c: 'v'.repeat(2000) } })
    const before = (await app.inject({ method: 'GET', url: `/v1/task/${large.tkiid}` })).json()
    const response = await bulkUpdate(app, { updatedTaskIDs: [small[0]?.tkiid, large.tkiid, small[1]?.tkiid], updatedPropertyValues: { customProperties: { note: 'n'.repeat(2000) } } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ failedUpdates: [{ tkiid: large.tkiid, errorNumber: 'TASKD0003E', errorMessage: expect.stringMatching(/human task would be \d+ bytes; a stored one may have 8192 at most/) }] })
    expect((await app.inject({ method: 'GET', url: `/v1/task/${large.tkiid}` })).json()).toEqual(before)
    for (const task of small) expect((await app.inject({ method: 'GET', url: `/v1/task/${task.tkiid}` })).json().customProperties.note).toHaveLength(2000)
  })

  it('refuses on its own, once earlier tasks of the bulk are written, a task that no longer fits in what is left of BULK_MAX_WRITE_BYTES because the update grew the tasks', async () => {
    const { app } = await testApp({ BULK_MAX_WRITE_BYTES: '1048576' })
    // 10 tasks of about 101 KB (1,010 KB, under the bound when their sizes are read); the
    // update makes each about 121 KB, so only eight fit in what the bulk may write.
    const props = (prefix: string, count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'v'.repeat(2000)]))
    const tkiids: string[] = []
    for (let index = 0; index < 10; index++) tkiids.push((await createHumanTaskOver(app, { customProperties: props('p', 50) })).tkiid)
    const response = await bulkUpdate(app, { updatedTaskIDs: tkiids, updatedPropertyValues: { customProperties: props('added', 10) } })
    expect(response.statusCode).toBe(200)
    const refusal = { errorNumber: 'TASKD0003E', errorMessage: expect.stringMatching(/one bulk update may rewrite 1048576 at most \(BULK_MAX_WRITE_BYTES\)/) }
    expect(response.json()).toEqual({ failedUpdates: [{ tkiid: tkiids[8], ...refusal }, { tkiid: tkiids[9], ...refusal }] })
    const added = await Promise.all(tkiids.map(async (tkiid) => 'added0' in (await app.inject({ method: 'GET', url: `/v1/task/${tkiid}` })).json().customProperties))
    expect(added).toEqual([...Array<boolean>(8).fill(true), false, false])
  })

  it('sends a page larger than one read batch whole and in order', async () => {
    const { app } = await testApp({ RATE_LIMIT_MAX: '100000' })
    const ids: string[] = []
    for (let index = 0; index < 5; index++) ids.push((await createTaskStatusOver(app, { attributes: { text: 'x'.repeat(600_000) } })).id)
    const response = await app.inject({ method: 'GET', url: '/task-status?sorters=created' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect((response.json() as Array<{ id: string }>).map((status) => status.id)).toEqual(ids)
  })

  it('sends a human task query larger than one read batch as one JSON document', async () => {
    const { app } = await testApp({ RATE_LIMIT_MAX: '100000' })
    const customProperties = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`p${index}`, 'v'.repeat(2000)]))
    for (let index = 0; index < 12; index++) await createHumanTaskOver(app, { customProperties })
    const response = await app.inject({ method: 'GET', url: '/v1/tasks?limit=10&offset=1' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect([body.total, body.offset, body.limit, body.items.length]).toEqual([12, 1, 10, 10])
  })
})
