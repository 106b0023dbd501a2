// Checks a response against spec/openapi.yaml: its status is declared for the
// operation, its body matches the declared schema (or is absent when none is
// declared), and the headers taskd sets are declared. Fastify serializes with the
// response schemas but never validates against them, so this is what catches drift.
import type { OpenAPIV3 } from 'openapi-types'
import { resolveRef, schemaValidatorAt, spec, validationErrors } from './spec-document.js'

// The rate-limit headers are here so that they cannot come back undeclared.
const SET_BY_TASKD = ['etag', 'location', 'idempotency-replayed', 'x-total-count', 'x-change-sequence', 'accept-patch', 'allow', 'www-authenticate', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-policy']

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

/** The problems found, empty when the response is as the spec says. */
export function specResponseProblems (operationId: string, statusCode: number, headers: Record<string, unknown>, body: string): string[] {
  const { path, method, operation } = find(operationId)
  const status = String(statusCode)
  const key = operation.responses[status] !== undefined ? status : operation.responses.default !== undefined ? 'default' : undefined
  if (key === undefined) return [`${operationId}: status ${status} is not declared`]
  const response = resolveRef(operation.responses[key] as OpenAPIV3.ResponseObject)
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
  const validate = schemaValidatorAt(responseRef)
  if (validate === undefined) return [`${operationId}: cannot compile ${responseRef}`]
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return [...problems, `${operationId} ${status}: body is not JSON`]
  }
  if (!validate(parsed)) problems.push(`${operationId} ${status}: ${validationErrors(validate)}`)
  return problems
}
