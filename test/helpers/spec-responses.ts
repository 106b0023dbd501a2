// Checks a response against spec/openapi.yaml: its status is declared for the
// operation, its body matches the declared schema (or is absent when none is
// declared), and the headers taskd sets are declared. Fastify serializes with the
// response schemas but never validates against them, so this is what catches drift.
import type { ValidateFunction } from 'ajv'
import type { OpenAPIV3 } from 'openapi-types'
import { createAjv } from '../../src/ajv.js'
import { loadSpec } from '../../src/spec.js'

const spec = loadSpec()
const ajv = createAjv()
for (const keyword of ['openapi', 'info', 'servers', 'tags', 'paths', 'components']) ajv.addKeyword({ keyword })
ajv.addSchema(spec as object, 'spec')

const SET_BY_TASKD = ['etag', 'location', 'idempotency-replayed', 'x-total-count', 'accept-patch', 'allow', 'www-authenticate', 'retry-after']

function pointer (...segments: string[]): string {
  return segments.map((segment) => '/' + segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('')
}

function find (operationId: string): { path: string, method: string, operation: OpenAPIV3.OperationObject } {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if ((operation as OpenAPIV3.OperationObject).operationId === operationId) return { path, method, operation: operation as OpenAPIV3.OperationObject }
    }
  }
  throw new Error(`no operation ${operationId}`)
}

function resolve<T> (object: T | OpenAPIV3.ReferenceObject): T {
  if (typeof object === 'object' && object !== null && '$ref' in object) {
    const path = object.$ref.slice(2).split('/')
    return path.reduce((node: any, key) => node[key], spec) as T
  }
  return object
}

const validators = new Map<string, ValidateFunction>()

/** The problems found, empty when the response is as the spec says. */
export function specResponseProblems (operationId: string, statusCode: number, headers: Record<string, unknown>, body: string): string[] {
  const { path, method, operation } = find(operationId)
  const status = String(statusCode)
  const key = operation.responses[status] !== undefined ? status : operation.responses.default !== undefined ? 'default' : undefined
  if (key === undefined) return [`${operationId}: status ${status} is not declared`]
  const response = resolve<OpenAPIV3.ResponseObject>(operation.responses[key] as OpenAPIV3.ResponseObject)
  const problems: string[] = []
  for (const header of SET_BY_TASKD) {
    const declared = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase())
    if (headers[header] !== undefined && !declared.includes(header)) problems.push(`${operationId} ${status}: header ${header} is not declared`)
  }
  const content = response.content?.['application/json']
  if (body === '' && (response as { 'x-taskd-empty-body-allowed'?: boolean })['x-taskd-empty-body-allowed'] === true) return problems
  if (content === undefined) {
    if (body !== '') problems.push(`${operationId} ${status}: a body is sent but none is declared`)
    return problems
  }
  const responseRef = typeof operation.responses[key] === 'object' && '$ref' in (operation.responses[key] as object)
    ? (operation.responses[key] as OpenAPIV3.ReferenceObject).$ref.slice(1) + pointer('content', 'application/json', 'schema')
    : pointer('paths', path, method, 'responses', key, 'content', 'application/json', 'schema')
  let validate = validators.get(responseRef)
  if (validate === undefined) {
    validate = ajv.getSchema(`spec#${responseRef}`)
    if (validate === undefined) return [`${operationId}: cannot compile ${responseRef}`]
    validators.set(responseRef, validate)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return [...problems, `${operationId} ${status}: body is not JSON`]
  }
  if (!validate(parsed)) problems.push(`${operationId} ${status}: ${ajv.errorsText(validate.errors)}`)
  return problems
}
