// Spec-driven fuzzing: every operation of spec/openapi.yaml gets requests that fast-check
// builds from the operation itself and then breaks: path parameters (wrong types, huge,
// unicode, empty, '..', percent-encodings), query parameters (unknown, wrong type,
// repeated, huge, malformed filters and sorters), bodies (from the schema and broken in
// one place, random JSON, wrong types, deep nesting, over the limit, non-JSON bytes,
// invalid UTF-8, empty), headers (content types, If-Match, Accept, credentials) and the
// method. Whatever comes in: no 5xx, no hang, a response the spec describes (testApp's
// hook, plus the family's error shape where no operation answers), and no change to the
// store after a 4xx. FUZZ_RUNS raises the number of requests per operation.
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import type { OpenAPIV3 } from 'openapi-types'
import { describe, expect, it } from 'vitest'
import { createHumanTask, type HumanTask } from '../../src/domain/human-task.js'
import { createTaskStatus, type TaskStatus } from '../../src/domain/task-status.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { AUTH_ENV, CLIENT, TOKENS } from '../helpers/auth-fixtures.js'
import { HUMAN_TASK_BODY } from '../helpers/human-task-client.js'
import { openTestPostgresStore, postgresUrl } from '../helpers/postgres.js'
import { mutated, valueFor } from '../helpers/schema-arbitrary.js'
import { matchesComponent, resolveRef, spec } from '../helpers/spec-document.js'
import { resetStore, snapshotStore, snapshotText } from '../helpers/store-snapshot.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'
import { jsonValue, text } from '../helpers/task-status-arbitraries.js'
import { testApp } from '../helpers/test-app.js'

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 250)
const POSTGRES_RUNS = Math.max(5, Math.round(FUZZ_RUNS / 4))
const INJECT_TIMEOUT_MS = 10_000
const HEAP_GROWTH_BOUND = 100 * 1024 * 1024
const BODY_LIMIT = 65_536
const ENV = { ...AUTH_ENV, RATE_LIMIT_MAX: '1000000000', BODY_LIMIT: String(BODY_LIMIT), BULK_MAX_IDS: '100' }

// ---------------------------------------------------------------- the spec's operations

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

interface SpecOperation {
  operationId: string
  method: string
  path: string
  parameters: OpenAPIV3.ParameterObject[]
  mediaTypes: Array<[string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject]>
}

const operations: SpecOperation[] = Object.entries(spec.paths).flatMap(([path, item]) => METHODS.flatMap((method) => {
  const operation = item?.[method]
  if (operation?.operationId === undefined) return []
  const body = operation.requestBody === undefined ? undefined : resolveRef(operation.requestBody)
  return [{
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    parameters: [...(item?.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolveRef(parameter)),
    mediaTypes: Object.entries(body?.content ?? {}).map(([type, media]) => [type, media.schema ?? {}] as [string, OpenAPIV3.SchemaObject])
  }]
}))

// ---------------------------------------------------------------- seeds

const SEED_TIME = new Date('2026-01-02T03:04:05.678Z')
const STATUS_IDS = ['00eebcf881994e419d72e757fd30dc0e', '1a2b3c4d5e6f708192a3b4c5d6e7f809', 'ffffffffffffffffffffffffffffffff'] as const
const HUMAN_IDS = ['fuzz-ready', 'fuzz-claimed', 'fuzz-suspended', 'fuzz-finished', 'fuzz-terminated'] as const

function seeds (): { taskStatuses: TaskStatus[], humanTasks: HumanTask[] } {
  const [pending, completed, busy] = STATUS_IDS
  const human = (tkiid: string, fields: Partial<HumanTask> = {}): HumanTask => ({ ...createHumanTask(HUMAN_TASK_BODY, tkiid, 'seed', SEED_TIME), ...fields })
  return {
    taskStatuses: [
      createTaskStatus(CREATE_BODY, pending, SEED_TIME),
      createTaskStatus({ ...CREATE_BODY, type: 'QPOC', completed: SEED_TIME.toISOString(), completionStatus: 'Success', percentComplete: 100 }, completed, SEED_TIME),
      createTaskStatus({ ...CREATE_BODY, attributes: { list: [1, 2, 3], nested: { a: 'b' } }, messages: [{ type: 'INFO', key: 'k', localizedText: { locale: 'en-US', message: 'm' }, parameters: [1] }] }, busy, SEED_TIME)
    ],
    humanTasks: [
      human('fuzz-ready'),
      human('fuzz-claimed', { state: 'STATE_CLAIMED', owner: 'alice' }),
      human('fuzz-suspended', { suspended: true }),
      human('fuzz-finished', { state: 'STATE_FINISHED', owner: 'alice', completionTime: SEED_TIME.toISOString() }),
      human('fuzz-terminated', { state: 'STATE_TERMINATED', completionTime: SEED_TIME.toISOString() })
    ]
  }
}

// ---------------------------------------------------------------- requests

interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload: string | Buffer | undefined
}

/** Path segments sent as they are: percent-encodings, good and bad, and dot segments. */
const RAW_SEGMENTS = ['', '.', '..', '%2e%2e', '%2F', 'a%2Fb', '%00', 'a%00b', '%ZZ', '%', '%ED%A0%80', '%FF', '%C3%A9', '%E2%88%86', '%20',
  '+', ';', 'a;b=c', '%3F', '%23', '*', '~', '%7B%7D', '-1', '0', '1e9', 'true', 'null', 'NaN', '%u0041', '..%2F..%2Fetc%2Fpasswd', '{id}']

const SEGMENT_LENGTHS = [1, 99, 100, 101, 128, 129, 1000, 5000]

function pathParameter (name: string): fc.Arbitrary<string> {
  const known = name === 'tkiid' ? HUMAN_IDS : STATUS_IDS
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('hex')) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.oneof(text(20), fc.string({ unit: 'binary-ascii', maxLength: 12 })).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...SEGMENT_LENGTHS).map((length) => 'x'.repeat(length)) }
  )
}

/** The path with its parameters filled in, and sometimes bent: trailing slash, extra segment, version prefix. */
function pathOf (operation: SpecOperation): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string)
  return fc.tuple(
    fc.tuple(...names.map(pathParameter)),
    fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('/', '//', '/x', '/..', '/%2e') }),
    fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('/beta', '/v2026', '/v1999', '//') })
  ).map(([values, suffix, prefix]) => {
    let index = 0
    const filled = operation.path.replace(/\{[^}]+\}/g, () => values[index++] as string)
    return (operation.path.startsWith('/task-status') ? prefix : '') + filled + suffix
  })
}

// V3 filters: the grammar, its fields and operators, and what breaks them.
const filterField = fc.constantFrom('id', 'type', 'completionStatus', 'launcher', 'uniqueName', 'parentName', 'created', 'modified', 'completed',
  'sourceId', 'percentComplete', 'bogus', 'ID', 'target.id', '')
const filterValue = fc.oneof(
  fc.constantFrom('"QUARTZ"', '"Success"', '"SUCCESS"', '"x\\"y"', '"\\\\"', '"unterminated', '2026-01-02T03:04:05.678Z', '2026-13-45T99:00:00Z', 'bare', '42', '""', '("a","b")', '()', '("QPOC")', '("x",)'),
  text(12).map((value) => JSON.stringify(value))
)
const filterExpression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'filter' },
    fc.tuple(filterField, fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw', 'EQ', 'in', '=='), filterValue).map((parts) => parts.join(' ')),
    fc.tuple(filterField, fc.constantFrom('in'), fc.array(filterValue, { maxLength: 3 })).map(([field, op, values]) => `${field} ${op} (${values.join(',')})`),
    filterField.map((field) => `${field} isnull`),
    filterField.map((field) => `pr ${field}`),
    tie('expression').map((inner) => `not ${inner}`),
    tie('expression').map((inner) => `(${inner})`),
    fc.tuple(tie('expression'), fc.constantFrom('and', 'or', 'AND', '&&'), tie('expression')).map((parts) => parts.join(' '))
  )
})).expression
const filters = fc.oneof(
  { weight: 6, arbitrary: filterExpression },
  { weight: 1, arbitrary: fc.constantFrom('not '.repeat(40) + 'type eq "QUARTZ"', '('.repeat(40) + 'type eq "QPOC"' + ')'.repeat(40), '((', ')', 'and', '"', ' ', '', 'type eq "QUARTZ" or '.repeat(300) + 'id eq "x"') },
  { weight: 1, arbitrary: text(40) }
)
const sortList = (fields: string[]): fc.Arbitrary<string> => fc.array(
  fc.oneof(fc.constantFrom(...fields), fc.constantFrom(...fields).map((field) => `-${field}`), fc.constantFrom('bogus', '-', '--id', '', ' ', '+id', 'ID')),
  { maxLength: 4 }
).map((parts) => parts.join(','))

function queryValue (operation: SpecOperation, parameter: OpenAPIV3.ParameterObject): fc.Arbitrary<string> {
  if (parameter.name === 'filters') return filters
  if (parameter.name === 'sorters') return sortList(['created', 'modified', 'completed', 'uniqueName', 'percentComplete', 'id'])
  if (parameter.name === 'sort') return sortList(['priority', 'dueTime', 'activationTime', 'lastModificationTime', 'name', 'displayName', 'tkiid'])
  return valueFor(parameter.schema ?? {}).map(String)
}

const WRONG_QUERY_VALUES = ['', 'abc', '-1', '0', '1.5', '1e3', '2147483648', '99999999999999999999', 'true', 'yes', 'null', '[]', '{}', '%', '%ZZ', '%00', 'x'.repeat(5000), 'é∆😀', ' 1', '0x10']

function queryString (operation: SpecOperation): fc.Arbitrary<string> {
  const declared = operation.parameters.filter((parameter) => parameter.in === 'query')
  const pair: fc.Arbitrary<[string, string, boolean]> = fc.oneof(
    ...(declared.length === 0
      ? []
      : [
          { weight: 5, arbitrary: fc.constantFrom(...declared).chain((parameter) => queryValue(operation, parameter).map((value): [string, string, boolean] => [parameter.name, value, false])) },
          { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...declared.map((parameter) => parameter.name)), fc.constantFrom(...WRONG_QUERY_VALUES), fc.boolean()) }
        ]),
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('foo', 'limit[]', '__proto__', 'constructor[prototype]', 'a[b]', 'count', 'action', '', '%00', 'filters'), fc.constantFrom(...WRONG_QUERY_VALUES), fc.boolean()) }
  )
  const required = declared.filter((parameter) => parameter.required === true)
  return fc.tuple(
    fc.tuple(...required.map((parameter) => fc.oneof({ weight: 8, arbitrary: queryValue(operation, parameter) }, { weight: 1, arbitrary: fc.constantFrom('', 'bogus', 'UPDATE') }).map((value): [string, string, boolean] => [parameter.name, value, false]))),
    fc.array(pair, { maxLength: 5 }),
    fc.boolean()
  ).map(([requiredPairs, pairs, dropRequired]) => {
    // Raw pairs go out as they are (only printable ASCII reaches them); the others are encoded.
    const all = [...(dropRequired && required.length > 0 && pairs.length > 0 ? [] : requiredPairs), ...pairs]
    const encoded = all.map(([name, value, raw]) => raw && /^[\x21-\x7e]*$/.test(name + value) ? `${name}=${value}` : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    return encoded.length === 0 ? '' : '?' + encoded.join('&')
  })
}

// Bodies an operation is known to accept, so that the fuzzing also reaches the handlers.
const GOOD_BODIES: Record<string, unknown[]> = {
  createTaskStatus: [CREATE_BODY],
  updateTaskStatus: [[{ op: 'replace', path: '/progress', value: 'fuzz' }], [{ op: 'add', path: '/messages/-', value: { type: 'INFO', key: 'k', localizedText: null, parameters: null } }]],
  createHumanTask: [HUMAN_TASK_BODY],
  actOnHumanTask: [{ priority: 1 }, { customProperties: { fuzz: 'yes' } }],
  bulkUpdateHumanTasks: [{ updatedTaskIDs: [...HUMAN_IDS, 'no-such-task'], updatedPropertyValues: { priority: 2 } }],
  issueOAuthToken: [{ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }, { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret, scope: 'task-status:read' }]
}

const deepArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)
const deepObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/** Bodies that are no value of any schema: broken JSON, bytes, deep nesting, too much. */
const junkBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom<string | Buffer>('', ' ', 'null', '{', '[', '}{', 'not json', 'NaN', '1e400', '"\\u0000"', '["\\ud800"]', '{"name":"a\\u0000"}',
    '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '[{"op":"add","path":"/__proto__/x","value":1}]',
    Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), Buffer.from([0xc3, 0x28]), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    `{"x":"${'a'.repeat(BODY_LIMIT + 10)}"}`, `[${'1,'.repeat(20_000)}1]`),
  fc.constantFrom(10, 99, 101, 1000, 5000, 30_000).chain((depth) => fc.constantFrom(deepArrays(depth), deepObjects(depth))),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  jsonValue.map((value) => JSON.stringify(value) ?? 'null')
)

function formEncoded (value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value)
  return new URLSearchParams(Object.entries(value).map(([key, field]): [string, string] => [key, typeof field === 'string' ? field : String(JSON.stringify(field))])).toString()
}

function multipart (value: unknown, boundary: string): Buffer {
  const fields = typeof value === 'object' && value !== null ? Object.entries(value) : [['value', value]]
  const parts = fields.map(([key, field]) => `--${boundary}\r\ncontent-disposition: form-data; name="${String(key)}"\r\n\r\n${typeof field === 'string' ? field : JSON.stringify(field)}\r\n`)
  return Buffer.from(parts.join('') + `--${boundary}--\r\n`)
}

const OTHER_CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=nothing-here',
  'application/json-patch+json', 'application/merge-patch+json', 'application/json; charset=latin1', 'application/json;;;', ';', '*/*', 'application/JSON', 'application/json ; charset=UTF-8']

interface BodyChoice { payload: string | Buffer | undefined, contentType: string | undefined }

function bodyOf (operation: SpecOperation): fc.Arbitrary<BodyChoice> {
  const declared = operation.mediaTypes
  const good = GOOD_BODIES[operation.operationId] ?? []
  const fromSchema: Array<fc.Arbitrary<BodyChoice>> = declared.map(([type, schema]) => {
    const value = fc.oneof(
      { weight: 3, arbitrary: valueFor(schema) },
      ...(good.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...good) }] : []),
      { weight: 2, arbitrary: valueFor(schema).chain(mutated) }
    )
    return fc.tuple(value, fc.constantFrom(type, `${type}; charset=utf-8`, type.toUpperCase())).map(([body, contentType]): BodyChoice => {
      if (type === 'application/x-www-form-urlencoded') return { payload: formEncoded(body), contentType }
      if (type === 'multipart/form-data') return { payload: multipart(body, 'fuzz-boundary'), contentType: `${contentType}; boundary=fuzz-boundary` }
      return { payload: JSON.stringify(body), contentType }
    })
  })
  const contentType = fc.oneof(
    { weight: 3, arbitrary: declared.length > 0 ? fc.constantFrom(...declared.map(([type]) => type)) : fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...OTHER_CONTENT_TYPES) }
  )
  const junk = fc.tuple(junkBody, contentType).map(([payload, type]): BodyChoice => ({ payload, contentType: type }))
  const none = fc.oneof(fc.constant<BodyChoice>({ payload: undefined, contentType: undefined }), contentType.map((type): BodyChoice => ({ payload: undefined, contentType: type })))
  return declared.length > 0
    ? fc.oneof({ weight: 6, arbitrary: fc.oneof(...fromSchema) }, { weight: 3, arbitrary: junk }, { weight: 1, arbitrary: none })
    : fc.oneof({ weight: 6, arbitrary: none }, { weight: 1, arbitrary: junk })
}

const ODD_AUTHORIZATIONS = [undefined, `Bearer ${TOKENS.readOnly}`, 'Bearer garbage', 'Bearer ', 'Basic Zm9vOmJhcg==', 'bearer ' + TOKENS.all,
  `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`, 'Negotiate xyz', 'Bearer a.b.c', 'x'.repeat(5000)]
const authorization = fc.oneof(
  { weight: 10, arbitrary: fc.constant(`Bearer ${TOKENS.all}`) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_AUTHORIZATIONS) }
)
const ifMatch = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('"1"', '"2"', '*', 'W/"1"', 'garbage', ',,,', '"1", "2"', '""', 'x'.repeat(2000)) })
const accept = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', 'application/json;q=0', ';;', 'image/png') })
const otherMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD')

function requestFor (operation: SpecOperation): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: otherMethod }),
    path: pathOf(operation),
    query: queryString(operation),
    body: bodyOf(operation),
    authorization,
    ifMatch,
    accept
  }, { noNullPrototype: true }).map(({ method, path, query, body, authorization, ifMatch, accept }) => {
    const headers: Record<string, string> = {}
    if (body.contentType !== undefined) headers['content-type'] = body.contentType
    if (authorization !== undefined) headers.authorization = authorization
    if (ifMatch !== undefined) headers['if-match'] = ifMatch
    if (accept !== undefined) headers.accept = accept
    return { method, url: path + query, headers, payload: body.payload }
  })
}

// ---------------------------------------------------------------- checks

/** Which family answers an unrouted path: the one whose paths it falls under (api-family.ts). */
function errorSchemaFor (url: string): string {
  // As inject parses it, with dot segments resolved.
  const path = new URL(url, 'http://localhost').pathname
  if (path === '/v1' || path.startsWith('/v1/')) return 'HtmError'
  if (path === '/oauth' || path.startsWith('/oauth/')) return 'OAuthError'
  return 'ErrorResponseDto'
}

function describeRequest (request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : ` ${String(request.payload).slice(0, 200)}`
  return `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers).slice(0, 300)}${payload}`
}

interface FuzzResponse {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  json: () => any
}

// Read as a stream: a watch that is accepted answers its headers and then never ends,
// so once a response turns out to be an event stream it is closed there (a watch
// changes nothing, which the snapshot check still verifies); any other is read whole.
async function injectWithin (app: FastifyInstance, request: FuzzRequest): Promise<FuzzResponse> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`no answer within ${INJECT_TIMEOUT_MS} ms: ${describeRequest(request)}`)) }, INJECT_TIMEOUT_MS)
  })
  const answer = async (): Promise<FuzzResponse> => {
    const response = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload, payloadAsStream: true })
    const stream = response.stream()
    let body = ''
    if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      stream.destroy()
    } else {
      for await (const chunk of stream) body += String(chunk)
    }
    return { statusCode: response.statusCode, headers: response.headers, body, json: () => JSON.parse(body) }
  }
  try {
    return await Promise.race([answer(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

const totals = { requests: 0, serverErrors: 0, byStatus: new Map<number, number>() }

interface TestTask { result?: { errors?: unknown[] } }

async function fuzzOperation (app: FastifyInstance, store: TaskStore, operation: SpecOperation, numRuns: number, task: TestTask): Promise<void> {
  const seeded = seeds()
  await resetStore(store, seeded)
  const seededText = snapshotText(await snapshotStore(store))
  await fc.assert(fc.asyncProperty(requestFor(operation), async (request) => {
    const specProblemsBefore = task.result?.errors?.length ?? 0
    const response = await injectWithin(app, request)
    totals.requests++
    totals.byStatus.set(response.statusCode, (totals.byStatus.get(response.statusCode) ?? 0) + 1)
    if (response.statusCode >= 500) totals.serverErrors++
    const where = `${response.statusCode} ${response.body.slice(0, 300)} for ${describeRequest(request)}`
    expect(response.statusCode, where).toBeLessThan(500)
    // testApp's hook checks each response of an operation against the spec, softly.
    expect(task.result?.errors?.length ?? 0, `the spec does not describe ${where}`).toBe(specProblemsBefore)
    if (request.method === 'HEAD') {
      expect(response.body, where).toBe('')
    } else if (response.statusCode >= 400) {
      expect(response.headers['content-type'], where).toMatch(/^application\/json/)
      const schema = errorSchemaFor(request.url)
      expect(matchesComponent(schema, response.json()), `not an ${schema}: ${where}`).toBe(true)
      expect(response.body, where).not.toMatch(/at .*\.(js|ts):\d+/)
    }
    const after = snapshotText(await snapshotStore(store))
    if (response.statusCode >= 400) {
      expect(after, `the store changed after ${where}`).toBe(seededText)
    } else if (after !== seededText) {
      await resetStore(store, seeded)
    }
  }), { numRuns })
}

function collectGarbage (): void {
  v8.setFlagsFromString('--expose-gc')
  const gc = (globalThis as { gc?: () => void }).gc ?? runInNewContext('gc') as () => void
  gc()
}

const heapBefore = ((): number => { collectGarbage(); return process.memoryUsage().heapUsed })()

const cases = operations.map((operation): [string, SpecOperation] => [`${operation.method} ${operation.path} (${operation.operationId})`, operation])

describe('spec-driven fuzzing', () => {
  it('covers every operation of the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15)
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length)
  })

  describe('over SQLite', () => {
    it.for(cases)('%s answers every mutated request with no 5xx, within the spec, changing nothing on a 4xx', { timeout: 30_000 + FUZZ_RUNS * 300 }, async ([, operation], { task }) => {
      const { app, store } = await testApp(ENV)
      await fuzzOperation(app, store, operation, FUZZ_RUNS, task as TestTask)
    })
  })

  describe.skipIf(postgresUrl === null)('over PostgreSQL', () => {
    it('answers mutated requests to every operation with no 5xx, within the spec, changing nothing on a 4xx', async ({ task }) => {
      const { app, store } = await testApp(ENV, await openTestPostgresStore())
      for (const operation of operations) await fuzzOperation(app, store, operation, POSTGRES_RUNS, task as TestTask)
    }, 30_000 + FUZZ_RUNS * operations.length * 100)
  })

  it('answered every request without a 5xx and kept the heap bounded', () => {
    expect(totals.requests).toBeGreaterThanOrEqual(operations.length * FUZZ_RUNS)
    expect(totals.serverErrors).toBe(0)
    collectGarbage()
    const growth = process.memoryUsage().heapUsed - heapBefore
    if (process.env.FUZZ_VERBOSE === '1') {
      console.info(`fuzz: ${totals.requests} requests, ${totals.serverErrors} 5xx, heap growth ${(growth / 1048576).toFixed(1)} MiB, statuses ${JSON.stringify(Object.fromEntries([...totals.byStatus].sort(([a], [b]) => a - b)))}`)
    }
    expect(growth).toBeLessThan(HEAP_GROWTH_BOUND)
  })
})
