// PATCH /task-status/{id} against a reference: random JSON Patch documents, valid and
// not, on random stored task statuses. The reference is rfc6902's applyPatch, one
// operation after the other, on a structuredClone of the stored document (move and copy
// as the remove and add RFC 6902 defines them by); around it go
// what RFC 6902 and RFC 6901 require and the library does not check (well-formed
// operations and pointers, array elements named by their index only), the spec's schemas
// (JsonPatch for the body, TaskStatus for the result), the server-owned fields of
// task-status-patch.ts, and the stored forms of date-times and completionStatus. What the
// reference accepts taskd must store and return (modified aside); what it refuses taskd
// must refuse with a 4xx in the ErrorResponseDto shape, leaving the stored row as it was.
import fc from 'fast-check'
import { applyPatch, type Operation } from 'rfc6902'
import { describe, expect, it } from 'vitest'
import type { TaskStatus } from '../../src/domain/task-status.js'
import { MAX_BODY_NESTING } from '../../src/plugins/json-body-parsers.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { openTestPostgresStore, postgresUrl } from '../helpers/postgres.js'
import { matchesComponent } from '../helpers/spec-document.js'
import {
  attributeKey, attributes, COMPLETION_STATUSES, dateTimeText, DeepArrays, jsonValue, nestingDepth, pointer, pointersIn,
  PROTOTYPE_NAMES, storableText, TASK_TYPES, taskDefinitionSummary, taskReturnDetails, taskStatusDocument, taskStatusMessage, taskTarget, text
} from '../helpers/task-status-arbitraries.js'
import { testApp } from '../helpers/test-app.js'

type Document = Record<string, unknown>
type Body = { json: unknown } | { raw: string }

interface PatchCase {
  document: Document
  body: Body
  contentType: string
  ifMatch: string | undefined
}

type Expectation =
  | { status: 200, document: Document, written: boolean }
  | { status: 400 | 409 | 412, why: string }
  // The reference itself fails (rfc6902's comparison coerces an object with a member named
  // toString or valueOf to a primitive and throws): it cannot judge the case.
  | { status: undefined, why: string }

const SERVER_OWNED = new Set(['id', 'created', 'modified'])
const WRITES = new Set(['add', 'remove', 'replace', 'move', 'copy'])
const NEEDS_VALUE = new Set(['add', 'replace', 'test'])
const NEEDS_FROM = new Set(['move', 'copy'])
/** Deeper than any store can keep; taskd must refuse such a document, whatever its own limit. */
const SURELY_TOO_DEEP = 1000

// ---------------------------------------------------------------- the reference

function tokens (path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** RFC 6901 syntax: empty, or '/'-separated tokens where '~' is followed by 0 or 1. */
function wellFormedPointer (path: string): boolean {
  return path === '' || (path.startsWith('/') && !/~([^01]|$)/.test(path))
}

/** Whether `path` writes a server-owned field, or the whole document. */
function serverOwned (path: unknown): boolean {
  if (typeof path !== 'string') return false
  if (path === '') return true
  const [field] = tokens(path)
  return wellFormedPointer(path) && field !== undefined && SERVER_OWNED.has(field)
}

/** What the JSON body parser refuses: prototype keys, text no store can keep, and nesting past its bound. */
function refusedByParser (value: unknown): string | undefined {
  if (nestingDepth(value) > MAX_BODY_NESTING) return `nesting deeper than ${MAX_BODY_NESTING}`
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (!storableText(node)) return 'U+0000 or a lone surrogate'
      continue
    }
    if (typeof node !== 'object' || node === null) continue
    for (const [key, child] of Object.entries(node)) {
      if (!Array.isArray(node)) {
        if (!storableText(key)) return 'U+0000 or a lone surrogate in a key'
        if (key === '__proto__') return '__proto__ key'
        if (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype')) return 'constructor.prototype key'
      }
      stack.push(child)
    }
  }
  return undefined
}

// rfc6902 looks array elements up as properties; RFC 6901 §4 names them by index only
// (digits, no leading zero), with '-' for the place after the last one, which only the
// target of add, move and copy may name.
function arrayTokenProblem (document: unknown, operation: Record<string, unknown>): string | undefined {
  const paths = NEEDS_FROM.has(operation.op as string) ? [operation.path as string, operation.from as string] : [operation.path as string]
  for (const [which, path] of paths.entries()) {
    let node = document
    const all = tokens(path)
    for (const [position, token] of all.entries()) {
      if (Array.isArray(node)) {
        const end = token === '-' && which === 0 && position === all.length - 1 && ['add', 'move', 'copy'].includes(operation.op as string)
        if (!/^(0|[1-9]\d*)$/.test(token) && !end) return `'${token}' is no index of the array in '${path}'`
      }
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) break
      node = (node as Record<string, unknown>)[token]
    }
  }
  return undefined
}

function valueAt (document: unknown, path: string): unknown {
  let node = document
  for (const token of tokens(path)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return undefined
    node = (node as Record<string, unknown>)[token]
  }
  return node
}

// rfc6902 applies move and copy with an add of its own that does not check the target
// index, and reads a move's target before the removal. RFC 6902 §4.4 and §4.5 define
// them as a remove and an add, and an add as the library applies it: so they are applied
// here as exactly that.
function applyReference (document: Document, operation: Record<string, unknown> & { op: string, path: string }): Error | null | undefined {
  if (operation.op !== 'move' && operation.op !== 'copy') return applyPatch(document, [operation as unknown as Operation])[0]
  const from = operation.from as string
  const value = valueAt(document, from)
  if (value === undefined) return new Error(`nothing at ${from}`)
  if (operation.op === 'copy') return applyPatch(document, [{ op: 'add', path: operation.path, value: structuredClone(value) }])[0]
  if (from === operation.path) return null
  if (operation.path.startsWith(`${from}/`)) return new Error('a value cannot be moved into itself')
  return applyPatch(document, [{ op: 'remove', path: from }])[0] ?? applyPatch(document, [{ op: 'add', path: operation.path, value }])[0]
}

// RFC 9110 §13.1.1
function ifMatchAllows (header: string, version: number): boolean {
  return header.split(',').map((tag) => tag.trim()).some((tag) => tag === '*' || tag === `"${version}"`)
}

function canonicalDateTime (value: unknown): unknown {
  return typeof value === 'string' ? new Date(value).toISOString() : value
}

function expectedOutcome (stored: { document: Document, version: number }, patchCase: PatchCase): Expectation {
  if ('raw' in patchCase.body) return { status: 400, why: 'the body is not JSON' }
  const patch = patchCase.body.json
  const refused = refusedByParser(patch)
  if (refused !== undefined) return { status: 400, why: `the body parser refuses ${refused}` }
  if (!matchesComponent('JsonPatch', patch)) return { status: 400, why: 'the body is not a JsonPatch' }
  const operations = patch as Array<Record<string, unknown> & { op: string, path: string }>
  if (patchCase.ifMatch !== undefined && !ifMatchAllows(patchCase.ifMatch, stored.version)) return { status: 412, why: 'If-Match' }
  // An empty patch changes nothing, so nothing is written.
  if (operations.length === 0) return { status: 200, document: stored.document, written: false }
  for (const operation of operations) {
    if ((WRITES.has(operation.op) && serverOwned(operation.path)) || (operation.op === 'move' && serverOwned(operation.from))) {
      return { status: 400, why: 'a server-owned field is written' }
    }
  }
  for (const operation of operations) {
    if (NEEDS_VALUE.has(operation.op) && !Object.hasOwn(operation, 'value')) return { status: 400, why: `${operation.op} without value` }
    if (NEEDS_FROM.has(operation.op) && typeof operation.from !== 'string') return { status: 400, why: `${operation.op} without from` }
    const pointers = NEEDS_FROM.has(operation.op) ? [operation.path, operation.from as string] : [operation.path]
    for (const path of pointers) {
      if (!wellFormedPointer(path)) return { status: 400, why: `'${path}' is not a JSON Pointer` }
      if (tokens(path).some((token) => PROTOTYPE_NAMES.has(token))) return { status: 400, why: 'a prototype segment' }
    }
  }
  const document = structuredClone(stored.document)
  for (const operation of operations) {
    const problem = arrayTokenProblem(document, operation)
    if (problem !== undefined) return { status: 400, why: problem }
    let result: Error | null | undefined
    try {
      result = applyReference(document, operation)
    } catch (error) {
      if (operation.op === 'test' && error instanceof TypeError) return { status: undefined, why: `the reference throws ${error.message}` }
      return { status: 400, why: `the reference throws ${(error as Error).message}` }
    }
    if (result !== null && result !== undefined) return result.name === 'TestError' ? { status: 409, why: 'a test fails' } : { status: 400, why: result.message }
  }
  if (!matchesComponent('TaskStatus', document)) return { status: 400, why: 'the result is not a TaskStatus' }
  if (['launched', 'completed'].some((field) => typeof document[field] === 'string' && Number.isNaN(Date.parse(document[field] as string)))) {
    return { status: 400, why: 'a date-time that is no instant' }
  }
  if (nestingDepth(document) >= SURELY_TOO_DEEP) return { status: 400, why: 'nested too deep' }
  const status = document.completionStatus
  return {
    status: 200,
    written: true,
    document: {
      ...document,
      launched: canonicalDateTime(document.launched),
      completed: canonicalDateTime(document.completed),
      completionStatus: typeof status === 'string' ? COMPLETION_STATUSES.find((title) => title.toUpperCase() === status.toUpperCase()) : status
    }
  }
}

// ---------------------------------------------------------------- patches

const boundaryText = (limit: number): fc.Arbitrary<string> => fc.constantFrom('x'.repeat(limit), 'x'.repeat(limit + 1))

/** Values for `path`: mostly what the field takes, sometimes not, sometimes anything. */
function valueFor (path: string, untypedWeight = 1): fc.Arbitrary<unknown> {
  const [field, ...rest] = tokens(path)
  let typed: fc.Arbitrary<unknown>
  switch (field) {
    case 'percentComplete':
      typed = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.constantFrom(101, -1, 50.5, '50', null) })
      break
    case 'progress':
      typed = fc.oneof({ weight: 5, arbitrary: fc.option(text(40)) }, { weight: 1, arbitrary: boundaryText(10_000) })
      break
    case 'completionStatus':
      typed = fc.constantFrom(...COMPLETION_STATUSES, ...COMPLETION_STATUSES.map((status) => status.toUpperCase()), null, 'Done', 'success')
      break
    case 'launched':
    case 'completed':
      typed = fc.option(dateTimeText)
      break
    case 'type':
      typed = fc.constantFrom(...TASK_TYPES, 'CRON')
      break
    case 'uniqueName':
    case 'launcher':
    case 'parentName':
      typed = fc.oneof({ weight: 5, arbitrary: text() }, { weight: 1, arbitrary: fc.constantFrom('', null) }, { weight: 1, arbitrary: boundaryText(255) })
      break
    case 'description':
      typed = fc.oneof({ weight: 5, arbitrary: text(40) }, { weight: 1, arbitrary: boundaryText(2000) })
      break
    case 'messages':
      typed = rest.length === 0
        ? fc.array(taskStatusMessage, { maxLength: 2 })
        : rest.length === 1
          ? fc.oneof({ weight: 4, arbitrary: taskStatusMessage }, { weight: 1, arbitrary: fc.constantFrom({ type: 'DEBUG', localizedText: null, key: 'k', parameters: null }, { type: 'INFO', key: 'k' }) })
          : fc.oneof(text(), fc.constant(null), fc.array(jsonValue, { maxLength: 2 }))
      break
    case 'returns':
      typed = rest.length === 0 ? fc.array(taskReturnDetails, { maxLength: 2 }) : rest.length === 1 ? taskReturnDetails : text()
      break
    case 'attributes':
      typed = rest.length === 0 ? attributes : jsonValue
      break
    case 'target':
      typed = rest.length === 0 ? fc.option(taskTarget) : rest[0] === 'type' ? fc.constantFrom('APPLICATION', 'IDENTITY', null, 'USER') : text()
      break
    case 'taskDefinitionSummary':
      typed = rest.length === 0 ? fc.option(taskDefinitionSummary) : rest[0] === 'arguments' ? (rest.length === 1 ? attributes : jsonValue) : fc.option(text())
      break
    default:
      typed = jsonValue
  }
  return untypedWeight === 0 ? typed : fc.oneof({ weight: 4, arbitrary: typed }, { weight: untypedWeight, arbitrary: jsonValue })
}

const SERVER_OWNED_POINTERS = ['/id', '/created', '/modified']
const MISSING_POINTERS = ['/color', '/attributes/missing/deep', '/messages/99', '/returns/7/name', '/target/extra', '/messages/0/extra']
const NON_INDEX_TOKENS = ['length', '-', '01', '1e0', ' 0']

/**
 * Operations on `document` as a client would write them: existing and new paths, typed
 * values. `careful` ones keep to paths a client may change and values of the right type
 * (still not always right: a test may fail, a value may be out of range); the others
 * also try missing paths, non-index array tokens, server-owned fields and any value.
 */
function operationOn (document: Document, careful: boolean): fc.Arbitrary<Record<string, unknown>> {
  const existing = pointersIn(document)
  const mutable = existing.filter(({ pointer: at }) => !serverOwned(at)).map(({ pointer: at }) => at)
  const optional = mutable.filter((at) => /^\/(attributes|messages|returns|target|taskDefinitionSummary)\/|^\/(target|taskDefinitionSummary)$/.test(at))
  const messages = document.messages as unknown[]
  const fresh = fc.oneof(
    { weight: 3, arbitrary: attributeKey.map((key) => pointer('attributes', key)) },
    { weight: 2, arbitrary: fc.constantFrom('/messages/-', '/returns/-', `/messages/${messages.length}`, '/target', '/taskDefinitionSummary', '/attributes') }
  )
  const arrays = existing.filter(({ value }) => Array.isArray(value)).map(({ pointer: at }) => at)
  const nonIndex = fc.tuple(fc.constantFrom(...arrays), fc.constantFrom(...NON_INDEX_TOKENS)).map(([array, token]) => `${array}/${token}`)
  const writePath = careful
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...mutable) }, { weight: 3, arbitrary: fresh })
    : fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...mutable) },
      { weight: 3, arbitrary: fresh },
      { weight: 1, arbitrary: fc.constantFrom(...MISSING_POINTERS) },
      { weight: 1, arbitrary: nonIndex },
      { weight: 1, arbitrary: fc.constantFrom(...SERVER_OWNED_POINTERS) }
    )
  const removePath = careful && optional.length > 0 ? fc.constantFrom(...optional) : writePath
  const untyped = careful ? 0 : 1
  const withValue = (op: string): fc.Arbitrary<Record<string, unknown>> => writePath.chain((path) => valueFor(path, untyped).map((value) => ({ op, path, value })))
  const source = careful
    ? fc.constantFrom(...existing.map(({ pointer: at }) => at))
    : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...existing.map(({ pointer: at }) => at)) }, { weight: 1, arbitrary: nonIndex })
  // move and copy into attributes, where anything fits
  const target = careful ? fresh.filter((at) => at.startsWith('/attributes/')) : writePath
  return fc.oneof(
    { weight: 3, arbitrary: withValue('add') },
    { weight: 4, arbitrary: careful ? fc.constantFrom(...mutable).chain((path) => valueFor(path, 0).map((value) => ({ op: 'replace', path, value }))) : withValue('replace') },
    { weight: 2, arbitrary: removePath.map((path) => ({ op: 'remove', path })) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...existing).chain(({ pointer: at, value }) => fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: valueFor(at) }).map((expected) => ({ op: 'test', path: at, value: expected }))) },
        { weight: 1, arbitrary: withValue('test') }
      )
    },
    { weight: 1, arbitrary: fc.tuple(source, target).map(([from, path]) => ({ op: 'move', from, path })) },
    { weight: 1, arbitrary: fc.tuple(source, target).map(([from, path]) => ({ op: 'copy', from, path })) }
  )
}

/** Operations that are wrong in one way or another (a run of them, to splice into a patch). */
const hostileOperations: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.constantFrom<unknown>(
    { op: 'replace', path: '/id', value: 'a'.repeat(32) },
    { op: 'remove', path: '/created' },
    { op: 'replace', path: '/modified', value: '2024-01-01T00:00:00.000Z' },
    { op: 'move', from: '/id', path: '/progress' },
    { op: 'move', from: '', path: '/attributes/x' },
    { op: 'replace', path: '', value: {} },
    { op: 'add', path: '/id/x', value: 1 },
    { op: 'copy', from: '/progress', path: '/created' }
  ),
  fc.constantFrom<unknown>(
    { op: 'add', path: '/__proto__', value: { polluted: true } },
    { op: 'add', path: '/attributes/__proto__/polluted', value: true },
    { op: 'add', path: '/attributes/constructor/prototype/polluted', value: true },
    { op: 'copy', from: '/attributes/__proto__', path: '/attributes/x' },
    { op: 'test', path: '/prototype', value: 1 },
    { op: 'add', path: '/attributes/x', value: JSON.parse('{"__proto__":{"polluted":true}}') },
    { op: 'add', path: '/attributes/x', value: { constructor: { prototype: { polluted: true } } } }
  ),
  fc.constantFrom<unknown>(
    { op: 'add', path: '/progress' },
    { op: 'test', path: '/progress' },
    { op: 'move', path: '/progress' },
    { op: 'copy', from: 5, path: '/progress' },
    { op: 'merge', path: '/progress', value: 'x' },
    { op: 'replace', path: '/progress', value: 'x', extra: 1 },
    { op: 'replace', path: 12, value: 'x' },
    { op: 'replace', path: 'progress', value: 'x' },
    { op: 'replace', path: '/attributes/a~2', value: 'x' },
    { op: 'replace', path: '/attributes/~', value: 'x' },
    { op: 'add', path: '/' + 'x'.repeat(1024), value: 1 },
    { path: '/progress', value: 'x' },
    null,
    'add',
    []
  ),
  fc.constantFrom<unknown>(
    { op: 'remove', path: '/attributes/no such key' },
    { op: 'replace', path: '/messages/99', value: null },
    { op: 'test', path: '/percentComplete', value: 'fifty' },
    { op: 'test', path: '/nothing', value: null },
    { op: 'move', from: '/attributes', path: '/attributes/inside' },
    { op: 'add', path: '/messages/-1', value: {} }
  ),
  fc.constantFrom<unknown>(
    { op: 'replace', path: '/progress', value: 'a\u0000b' },
    { op: 'add', path: '/attributes/x', value: 'lone \ud800 surrogate' },
    { op: 'add', path: '/attributes/a\u0000', value: 1 },
    { op: 'add', path: '/attributes/x', value: { 'key \udc00': 1 } }
  ),
  fc.integer({ min: 1000, max: 1500 }).map((depth) => ({ op: 'add', path: '/attributes/deep', value: new DeepArrays(depth) })),
  fc.constantFrom(4_294_967_295, 100_000_000, 5).map((length) => [
    { op: 'add', path: '/attributes/list', value: [1, 2] },
    { op: 'replace', path: '/attributes/list/length', value: length }
  ])
).map((hostile) => Array.isArray(hostile) && hostile.length > 0 && typeof hostile[0] === 'object' && hostile[0] !== null && 'op' in hostile[0] ? hostile : [hostile])

const contentType = fc.constantFrom('application/json-patch+json', 'application/json', 'application/json; charset=utf-8', 'application/json-patch+json; charset=UTF-8')

const ifMatch = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('"1"', '"7"', '*', '"3", "1"', 'W/"1"', 'garbage') }
)

/** Patches a client would send: a few operations, mostly well-formed. */
const clientPatch: fc.Arbitrary<PatchCase> = taskStatusDocument.chain((document) => fc.record({
  document: fc.constant(document),
  body: fc.array(fc.oneof({ weight: 4, arbitrary: operationOn(document, true) }, { weight: 1, arbitrary: operationOn(document, false) }), { minLength: 1, maxLength: 4 })
    .map((json): Body => ({ json })),
  contentType,
  ifMatch
}))

/** Patches with something wrong: one hostile operation among good ones, or a body that is no patch. */
const hostilePatch: fc.Arbitrary<PatchCase> = taskStatusDocument.chain((document) => fc.record({
  document: fc.constant(document),
  body: fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.array(operationOn(document, false), { maxLength: 3 }), hostileOperations, fc.nat()).map(([operations, hostile, at]): Body => ({ json: (operations as unknown[]).toSpliced(at % (operations.length + 1), 0, ...hostile) })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, 'patch', null, 42, Array.from({ length: 1001 }, () => ({ op: 'test', path: '/type', value: document.type }))).map((json): Body => ({ json })) },
    { weight: 1, arbitrary: fc.constantFrom('', '[{"op":', 'not json', '[]]', '[{"op":"test","path":"/type","value":"\\x"}]').map((raw): Body => ({ raw })) }
  ),
  contentType,
  ifMatch: fc.constant(undefined)
}))

// ---------------------------------------------------------------- the property

type Tally = Record<number, number>

function withoutModified (document: Document): Document {
  const { modified: _modified, ...rest } = document
  return rest
}

async function checkPatch (app: Awaited<ReturnType<typeof testApp>>['app'], store: TaskStore, generated: PatchCase, tally: Tally): Promise<void> {
  // What the server sees: plain JSON, without undefined members.
  const payload = 'raw' in generated.body ? generated.body.raw : JSON.stringify(generated.body.json) ?? 'null'
  const patchCase: PatchCase = { ...generated, body: 'raw' in generated.body ? generated.body : { json: JSON.parse(payload) } }
  const id = patchCase.document.id as string
  await store.taskStatuses.delete(id)
  await store.taskStatuses.insert(structuredClone(patchCase.document) as unknown as TaskStatus)
  const before = await store.taskStatuses.get(id)
  if (before === undefined) throw new Error('the document was not stored')
  const expectation = expectedOutcome(before as unknown as { document: Document, version: number }, patchCase)
  fc.pre(expectation.status !== undefined)
  const response = await app.inject({
    method: 'PATCH',
    url: `/task-status/${id}`,
    headers: { 'content-type': patchCase.contentType, ...(patchCase.ifMatch !== undefined && { 'if-match': patchCase.ifMatch }) },
    payload
  })
  tally[response.statusCode] = (tally[response.statusCode] ?? 0) + 1
  const after = await store.taskStatuses.get(id)
  if (expectation.status === 200 && !expectation.written) {
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual(expectation.document)
    expect(response.headers.etag).toBe(`"${before.version}"`)
    expect(JSON.stringify(after)).toBe(JSON.stringify(before))
  } else if (expectation.status === 200) {
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(withoutModified(body)).toEqual(withoutModified(expectation.document))
    expect(Math.abs(Date.parse(body.modified) - Date.now())).toBeLessThan(60_000)
    expect(response.headers.etag).toBe(`"${before.version + 1}"`)
    expect(after?.version).toBe(before.version + 1)
    expect(after?.document).toEqual(body)
  } else {
    expect(response.statusCode, `expected ${expectation.status} (${expectation.why}), got ${response.body}`).toBe(expectation.status)
    const body = response.json()
    expect(matchesComponent('ErrorResponseDto', body), response.body).toBe(true)
    expect(body.detailCode.startsWith(String(expectation.status))).toBe(true)
    expect(body.trackingId).toBe(response.headers['x-request-id'])
    expect(JSON.stringify(after)).toBe(JSON.stringify(before))
  }
}

async function runProperty (patches: fc.Arbitrary<PatchCase>, numRuns: number, store?: TaskStore): Promise<Tally> {
  const { app, store: usedStore } = await testApp({ RATE_LIMIT_MAX: '1000000000' }, store)
  const tally: Tally = {}
  await fc.assert(fc.asyncProperty(patches, async (patchCase) => { await checkPatch(app, usedStore, patchCase, tally) }), { numRuns })
  return tally
}

const count = (tally: Tally, predicate: (status: number) => boolean): number =>
  Object.entries(tally).filter(([status]) => predicate(Number(status))).reduce((sum, [, n]) => sum + n, 0)

describe('JSON Patch on task statuses, against the rfc6902 reference', () => {
  it('makes only schema-valid task status documents to patch', () => {
    fc.assert(fc.property(taskStatusDocument, (document) => matchesComponent('TaskStatus', document)), { numRuns: 300 })
  })

  it('applies what the reference applies, and refuses what it refuses, for patches a client would send', async () => {
    const tally = await runProperty(clientPatch, 200)
    // Both outcomes must be well represented, or the property proves little.
    expect(count(tally, (status) => status === 200)).toBeGreaterThan(40)
    expect(count(tally, (status) => status >= 400)).toBeGreaterThan(20)
  }, 30_000)

  it('refuses hostile and malformed patches with a 4xx ErrorResponseDto and leaves the stored row as it was', async () => {
    const tally = await runProperty(hostilePatch, 200)
    expect(count(tally, (status) => status >= 400 && status < 500)).toBeGreaterThan(150)
  }, 30_000)

  describe.skipIf(postgresUrl === null)('over PostgreSQL', () => {
    it('agrees with the reference for patches a client would send', async () => {
      const tally = await runProperty(clientPatch, 100, await openTestPostgresStore())
      expect(count(tally, (status) => status === 200)).toBeGreaterThan(15)
    }, 30_000)

    it('refuses hostile and malformed patches and leaves the stored row as it was', async () => {
      await runProperty(hostilePatch, 100, await openTestPostgresStore())
    }, 30_000)
  })
})
