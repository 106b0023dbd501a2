import { describe, expect, it } from 'vitest'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { testApp } from '../helpers/test-app.js'

const MESSAGE = { type: 'INFO', localizedText: { locale: 'en-US', message: 'half way' }, key: 'progress', parameters: [50] }

describe('PATCH /task-status/{id}', () => {
  it('applies a JSON Patch and returns the updated document with a new ETag', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await patchTaskStatus(app, created.id, [
      { op: 'replace', path: '/percentComplete', value: 50 },
      { op: 'add', path: '/messages/-', value: MESSAGE },
      { op: 'replace', path: '/progress', value: 'Half way' }
    ])
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    expect(response.json()).toMatchObject({ percentComplete: 50, messages: [MESSAGE], progress: 'Half way' })
  })

  it('answers with the same bytes a later GET of the document gives', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const patched = await patchTaskStatus(app, created.id, [{ op: 'add', path: '/messages/-', value: MESSAGE }])
    const read = await app.inject({ method: 'GET', url: `/task-status/${created.id}` })
    expect(patched.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(patched.body).toBe(read.body)
    expect(patched.headers.etag).toBe(read.headers.etag)
  })

  it('sets modified on every successful change and keeps created', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const body = (await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'x' }])).json()
    expect(body.created).toBe(created.created)
    expect(Date.parse(body.modified)).toBeGreaterThan(Date.parse(created.modified as string))
  })

  it('supports move, copy, remove and test', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app, { attributes: { a: 1, b: { c: 2 } } })
    const response = await patchTaskStatus(app, created.id, [
      { op: 'test', path: '/attributes/a', value: 1 },
      { op: 'move', from: '/attributes/a', path: '/attributes/moved' },
      { op: 'copy', from: '/attributes/b', path: '/attributes/copied' },
      { op: 'remove', path: '/attributes/b' }
    ])
    expect(response.statusCode).toBe(200)
    expect(response.json().attributes).toEqual({ moved: 1, copied: { c: 2 } })
  })

  it('accepts application/json as the same patch format', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/percentComplete', value: 7 }], { 'content-type': 'application/json' })
    expect(response.statusCode).toBe(200)
    expect(response.json().percentComplete).toBe(7)
  })

  it('accepts today\'s uppercase completionStatus in a patch value and stores the documented spelling', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/completionStatus', value: 'WARNING' }])
    expect(response.json().completionStatus).toBe('Warning')
  })

  it('returns 404 for an unknown id', async () => {
    const { app } = await testApp()
    const response = await patchTaskStatus(app, 'f'.repeat(32), [{ op: 'replace', path: '/progress', value: 'x' }])
    expect(response.statusCode).toBe(404)
    expect(response.json().detailCode).toBe('404 Not found')
  })

  describe('is atomic', () => {
    it('changes nothing when a later operation fails, leaving the stored bytes as they were', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await patchTaskStatus(app, created.id, [
        { op: 'replace', path: '/percentComplete', value: 90 },
        { op: 'remove', path: '/attributes/missing' }
      ])
      expect(response.statusCode).toBe(400)
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })

    it('returns 409 when a test operation fails, and changes nothing', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await patchTaskStatus(app, created.id, [
        { op: 'replace', path: '/percentComplete', value: 90 },
        { op: 'test', path: '/progress', value: 'not this' }
      ])
      expect(response.statusCode).toBe(409)
      expect(response.json().detailCode).toBe('409 Conflict')
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })
  })

  describe('keeps the document valid', () => {
    it.each([
      ['percentComplete above 100', [{ op: 'replace', path: '/percentComplete', value: 101 }], '/percentComplete must be <= 100'],
      ['a wrong type', [{ op: 'replace', path: '/progress', value: 12 }], '/progress must be string'],
      ['an unknown enum value', [{ op: 'replace', path: '/type', value: 'CRON' }], '/type must be equal to one of the allowed values'],
      ['an unknown field', [{ op: 'add', path: '/color', value: 'red' }], "must NOT have additional properties 'color'"],
      ['a required field removed', [{ op: 'remove', path: '/messages' }], "must have required property 'messages'"]
    ])('refuses a patch that leaves %s with 400', async (_name, patch, text) => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await patchTaskStatus(app, created.id, patch)
      expect(response.statusCode).toBe(400)
      expect(response.json().messages[0].text).toContain(text)
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })
  })

  describe('guards server-owned fields', () => {
    it.each([
      [[{ op: 'replace', path: '/id', value: 'a'.repeat(32) }], '/id'],
      [[{ op: 'remove', path: '/created' }], '/created'],
      [[{ op: 'replace', path: '/modified', value: '2024-01-01T00:00:00.000Z' }], '/modified'],
      [[{ op: 'move', from: '/id', path: '/progress' }], '/id'],
      [[{ op: 'replace', path: '', value: {} }], 'the whole document']
    ])('refuses %j with 400', async (patch, field) => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, patch)
      expect(response.statusCode).toBe(400)
      expect(response.json().messages[0].text).toBe(`The JSON Patch may not change ${field}: it is set by the server`)
    })

    it('allows reading server-owned fields with test and copy', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, [
        { op: 'test', path: '/id', value: created.id },
        { op: 'copy', from: '/id', path: '/progress' }
      ])
      expect(response.statusCode).toBe(200)
      expect(response.json().progress).toBe(created.id)
    })
  })

  describe('refuses prototype paths', () => {
    it.each([
      [{ op: 'add', path: '/__proto__', value: { polluted: true } }],
      [{ op: 'add', path: '/attributes/__proto__/polluted', value: true }],
      [{ op: 'add', path: '/attributes/constructor/prototype/polluted', value: true }],
      [{ op: 'copy', from: '/attributes/__proto__', path: '/attributes/x' }]
    ])('refuses %j with 400 and pollutes nothing', async (operation) => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await patchTaskStatus(app, created.id, [operation])
      expect(response.statusCode).toBe(400)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })
  })

  describe('ignores members RFC 6902 does not define', () => {
    it('applies an operation that carries an unknown member as if it did not (RFC 6902 appendix A.11)', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, [{ op: 'add', path: '/attributes/baz', value: 'qux', xyz: 123 }])
      expect(response.statusCode).toBe(200)
      expect(response.json().attributes).toEqual({ baz: 'qux' })
    })

    it('does not store the unknown member anywhere', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'x', extra: { nested: true } }])
      expect(JSON.stringify((await store.taskStatuses.get(created.id))?.document)).not.toContain('nested')
    })
  })

  describe('an empty patch', () => {
    it('answers 200 with the current document', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, [])
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual(created)
    })

    it('writes nothing: modified, the version and the stored row stay as they were', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const response = await patchTaskStatus(app, created.id, [])
      expect(response.headers.etag).toBe('"1"')
      expect(response.json().modified).toBe(created.modified)
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })

    it('still answers 404 for an unknown id', async () => {
      const { app } = await testApp()
      expect((await patchTaskStatus(app, 'f'.repeat(32), [])).statusCode).toBe(404)
    })

    it('still answers 412 when If-Match does not match', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      expect((await patchTaskStatus(app, created.id, [], { 'if-match': '"7"' })).statusCode).toBe(412)
    })
  })

  describe('refuses malformed patches with 400', () => {
    it.each([
      ['an object instead of an array', { op: 'add', path: '/progress', value: 'x' }],
      ['an unknown op', [{ op: 'merge', path: '/progress', value: 'x' }]],
      ['add without value', [{ op: 'add', path: '/progress' }]],
      ['move without from', [{ op: 'move', path: '/progress' }]],
      ['a path that is not a pointer', [{ op: 'replace', path: 'progress', value: 'x' }]],
      ['an invalid pointer escape', [{ op: 'replace', path: '/attributes/a~2', value: 'x' }]],
      ['a missing path', [{ op: 'replace', path: '/attributes/a/b', value: 'x' }]]
    ])('%s', async (_name, patch) => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, patch)
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ detailCode: '400.1 Bad Request Content', messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT' }] })
    })

    it('malformed JSON', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': 'application/json-patch+json' }, payload: '[{"op":' })
      expect(response.statusCode).toBe(400)
      expect(response.json().detailCode).toBe('400.1 Bad Request Content')
    })
  })

  describe('content types', () => {
    it.each(['text/plain', 'application/xml', 'application/merge-patch'])('answers %s with 415 and Accept-Patch, never running the handler', async (type) => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': type }, payload: '[{"op":"replace","path":"/progress","value":"x"}]' })
      expect(response.statusCode).toBe(415)
      expect(response.headers['accept-patch']).toBe('application/json-patch+json, application/json, application/merge-patch+json')
      expect(response.json().detailCode).toBe('415 Unsupported Media Type')
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })

    it('answers a body without a content type with 415', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, payload: Buffer.from('[]') })
      expect(response.statusCode).toBe(415)
    })

    it('answers a patch without a body with 400', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}` })
      expect(response.statusCode).toBe(400)
    })
  })

  describe('If-Match', () => {
    it('applies the patch when If-Match names the current ETag', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'x' }], { 'if-match': '"1"' })
      expect(response.statusCode).toBe(200)
    })

    it('returns 412 and changes nothing when If-Match names an older ETag', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'first' }])
      const response = await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'second' }], { 'if-match': '"1"' })
      expect(response.statusCode).toBe(412)
      expect(response.json().detailCode).toBe('412 Precondition Failed')
      expect((await store.taskStatuses.get(created.id))?.document.progress).toBe('first')
    })

    it('accepts * and a list of ETags', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      expect((await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'a' }], { 'if-match': '*' })).statusCode).toBe(200)
      expect((await patchTaskStatus(app, created.id, [{ op: 'replace', path: '/progress', value: 'b' }], { 'if-match': '"9", "2"' })).statusCode).toBe(200)
    })
  })

  it('keeps all 200 concurrent message appends to one task', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const responses = await Promise.all(Array.from({ length: 200 }, async (_, index) =>
      await patchTaskStatus(app, created.id, [{ op: 'add', path: '/messages/-', value: { ...MESSAGE, parameters: [index] } }])))
    expect(responses.every((response) => response.statusCode === 200)).toBe(true)
    const stored = (await app.inject({ method: 'GET', url: `/task-status/${created.id}` })).json()
    expect(stored.messages).toHaveLength(200)
    expect(new Set(stored.messages.map((message: { parameters: number[] }) => message.parameters[0])).size).toBe(200)
  })
})
