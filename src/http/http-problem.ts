// Every error a request can meet, reduced to what a client may be told: a status, a
// message, its causes, and what kind of error it was (for families that number their
// errors). Catalog errors and Fastify's own 4xx errors describe the client's request
// and are shown; anything else is a fault of ours, shown as a bare 500 (or 503) and
// logged in full with the request id.
import type { FastifyError } from 'fastify'

export interface HttpProblem {
  statusCode: number
  message: string
  causes: string[]
  /** The catalog's or Fastify's code, e.g. TASKD_HUMAN_TASK_NOT_FOUND, FST_ERR_VALIDATION. */
  code: string
  /** For a validation error, the schema keyword that failed (required, maxLength, enum…). */
  validationKeyword?: string
}

const INTERNAL_MESSAGE = 'An internal error occurred; quote the tracking id when reporting it'
const UNAVAILABLE_MESSAGE = 'The service is unavailable for a moment; retry later'

type AnyError = Error & Partial<FastifyError> & { errors?: AnyError[] }

export function toHttpProblem (thrown: AnyError): HttpProblem {
  // fastify-openapi-glue wraps what the security handlers threw in a SecurityError;
  // the handler's own error says what went wrong.
  const error = thrown.name === 'Unauthorized' && thrown.errors?.at(-1)?.code !== undefined ? thrown.errors.at(-1) as AnyError : thrown
  const statusCode = error.statusCode ?? 500
  if (statusCode === 503) return { statusCode, message: UNAVAILABLE_MESSAGE, causes: [], code: 'UNAVAILABLE' }
  if (statusCode >= 500 || statusCode < 400) return { statusCode: 500, message: INTERNAL_MESSAGE, causes: [], code: 'INTERNAL' }
  const causes = error.validation !== undefined && error.validation.length > 1
    ? error.validation.map((entry) => `${error.validationContext ?? ''}${entry.instancePath} ${entry.message ?? ''}`.trim())
    : []
  // A JSON syntax error from the body parser carries a status but no code.
  const code = error.code ?? (error instanceof SyntaxError ? 'JSON_SYNTAX' : 'BAD_REQUEST')
  const keyword = error.validation?.[0]?.keyword
  return { statusCode, message: error.message, causes, code, ...(keyword !== undefined && { validationKeyword: keyword }) }
}
