// PATCH /task-status/{id} with Content-Type: application/merge-patch+json (RFC 7396).
import { describe, expect, it } from 'vitest'
import { createTaskStatusOver, mergePatchTaskStatus } from '../helpers/task-status-client.js'
import { MERGE_PATCH_VECTOR_FILES, mergePatchVectors, type MergePatchVector } from '../helpers/merge-patch-vectors.js'
import { testApp } from '../helpers/test-app.js'

const ALL_PATCH_TYPES = 'application/json-patch+json, application/json, application/merge-patch+json'

// A vector's target goes in `attributes` (wrapped one level down when either side is
// not an object, since attributes must stay one), and its patch under the same member.
function asAttributesMerge (vector: MergePatchVector): { attributes: object, patch: object, expected: unknown } {
  const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (isObject(vector.doc) && isObject(vector.patch)) return { attributes: vector.doc as object, patch: { attributes: vector.patch }, expected: vector.expected }
  return { attributes: { doc: vector.doc }, patch: { attributes: { doc: vector.patch } }, expected: { doc: vector.expected } }
}

describe('PATCH /task-status/{id} with a JSON Merge Patch', () => {
  it('merges the patch into the document and returns it with a new ETag', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app, { attributes: { appId: 'a', region: 'EMEA' } })
    const response = await mergePatchTaskStatus(app, created.id, { percentComplete: 60, progress: 'Aggregating', attributes: { region: 'APAC' } })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe('"2"')
    expect(response.json()).toMatchObject({ percentComplete: 60, progress: 'Aggregating', attributes: { appId: 'a', region: 'APAC' } })
  })

  it('sets modified and keeps created', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const body = (await mergePatchTaskStatus(app, created.id, { progress: 'x' })).json()
    expect(body.created).toBe(created.created)
    expect(Date.parse(body.modified)).toBeGreaterThan(Date.parse(created.modified as string))
  })

  it('removes a member whose patch value is null', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app, { attributes: { keep: 1, drop: 2 } })
    const response = await mergePatchTaskStatus(app, created.id, { attributes: { drop: null } })
    expect(response.json().attributes).toEqual({ keep: 1 })
  })

  it('refuses with 400 a null for a required field, since null removes it', async () => {
    const { app, store } = await testApp()
    const created = await createTaskStatusOver(app, { progress: 'running' })
    const before = await store.taskStatuses.get(created.id)
    const response = await mergePatchTaskStatus(app, created.id, { progress: null })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain("must have required property 'progress'")
    expect(await store.taskStatuses.get(created.id)).toEqual(before)
  })

  it('replaces an array whole, never merging its elements', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app, { attributes: { list: [{ a: 1 }, { b: 2 }] } })
    const response = await mergePatchTaskStatus(app, created.id, { attributes: { list: [{ c: 3 }] } })
    expect(response.json().attributes.list).toEqual([{ c: 3 }])
  })

  it.each([['an array', [{ op: 'replace', path: '/progress', value: 'x' }]], ['a string', 'done'], ['a number', 7], ['null', null]])(
    'refuses a patch that is %s with 400, since it would replace the whole document', async (_name, patch) => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await mergePatchTaskStatus(app, created.id, patch)
      expect(response.statusCode).toBe(400)
      expect(response.json().detailCode).toBe('400.1 Bad Request Content')
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })

  it.each(['id', 'created', 'modified'])('refuses a patch naming the server-owned %s with 400, even with its current value', async (field) => {
    const { app, store } = await testApp()
    const created = await createTaskStatusOver(app)
    const before = await store.taskStatuses.get(created.id)
    const response = await mergePatchTaskStatus(app, created.id, { [field]: created[field], progress: 'x' })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toBe(`The merge patch may not change '${field}': it is set by the server`)
    expect(await store.taskStatuses.get(created.id)).toEqual(before)
  })

  it('refuses a patch whose result is no valid task status with 400 and changes nothing', async () => {
    const { app, store } = await testApp()
    const created = await createTaskStatusOver(app)
    const before = await store.taskStatuses.get(created.id)
    const response = await mergePatchTaskStatus(app, created.id, { progress: 'x', percentComplete: 101 })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('/percentComplete must be <= 100')
    expect(await store.taskStatuses.get(created.id)).toEqual(before)
  })

  it('refuses with 413 a patch whose result would pass the stored document bound', async () => {
    const { app, store } = await testApp({ TASK_STATUS_MAX_BYTES: '4096' })
    const created = await createTaskStatusOver(app)
    const before = await store.taskStatuses.get(created.id)
    const response = await mergePatchTaskStatus(app, created.id, { attributes: { big: 'x'.repeat(5000) } })
    expect(response.statusCode).toBe(413)
    expect(await store.taskStatuses.get(created.id)).toEqual(before)
  })

  it('refuses a body holding U+0000 with 400, as the JSON parsers do', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: '{"progress":"a\\u0000b"}' })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('U+0000')
  })

  it('refuses a body that is not UTF-8 with 400, as the JSON parsers do', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toBe('The request body is not valid UTF-8')
  })

  it('refuses a body nested deeper than the JSON parsers allow with 400', async () => {
    const { app } = await testApp()
    const created = await createTaskStatusOver(app)
    const payload = '{"attributes":' + '{"a":'.repeat(200) + '1' + '}'.repeat(200) + '}'
    const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': 'application/merge-patch+json' }, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json().messages[0].text).toContain('deeper than')
  })

  describe('an empty merge patch', () => {
    it('answers 200 with the current document and writes nothing', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      const before = await store.taskStatuses.get(created.id)
      const response = await mergePatchTaskStatus(app, created.id, {})
      expect(response.statusCode).toBe(200)
      expect(response.headers.etag).toBe('"1"')
      expect(response.json()).toEqual(created)
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
    })
  })

  describe('If-Match', () => {
    it('applies the patch when If-Match names the current ETag', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      expect((await mergePatchTaskStatus(app, created.id, { progress: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(200)
    })

    it('returns 412 and changes nothing when If-Match names an older ETag', async () => {
      const { app, store } = await testApp()
      const created = await createTaskStatusOver(app)
      await mergePatchTaskStatus(app, created.id, { progress: 'first' })
      const response = await mergePatchTaskStatus(app, created.id, { progress: 'second' }, { 'if-match': '"1"' })
      expect(response.statusCode).toBe(412)
      expect((await store.taskStatuses.get(created.id))?.document.progress).toBe('first')
    })
  })

  describe('advertising both patch formats', () => {
    it('lists them in Accept-Patch on OPTIONS', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await app.inject({ method: 'OPTIONS', url: `/task-status/${created.id}` })
      expect(response.headers['accept-patch']).toBe(ALL_PATCH_TYPES)
    })

    it('lists them in Accept-Patch and the message of a 415', async () => {
      const { app } = await testApp()
      const created = await createTaskStatusOver(app)
      const response = await app.inject({ method: 'PATCH', url: `/task-status/${created.id}`, headers: { 'content-type': 'text/plain' }, payload: '{}' })
      expect(response.statusCode).toBe(415)
      expect(response.headers['accept-patch']).toBe(ALL_PATCH_TYPES)
      expect(response.json().messages[0].text).toBe("Content type 'text/plain' is not accepted here; use application/json-patch+json or application/json or application/merge-patch+json")
    })

    it('refuses a merge patch on an operation that does not declare it with 415', async () => {
      const { app } = await testApp()
      const response = await app.inject({ method: 'POST', url: '/task-status', headers: { 'content-type': 'application/merge-patch+json' }, payload: '{}' })
      expect(response.statusCode).toBe(415)
    })
  })

  describe.each(MERGE_PATCH_VECTOR_FILES)('gives the documented result for the vectors of %s', (file) => {
    // A null patch cannot be carried: one level down, null removes the member instead.
    it.each(mergePatchVectors(file).filter(([, vector]) => vector.patch !== null))('%s', async (_name, vector) => {
      const { app } = await testApp()
      const mergeCase = asAttributesMerge(vector)
      const created = await createTaskStatusOver(app, { attributes: mergeCase.attributes })
      const response = await mergePatchTaskStatus(app, created.id, mergeCase.patch)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().attributes).toEqual(mergeCase.expected)
    })
  })
})
