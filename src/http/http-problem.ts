// Every error a request can meet, reduced to what a client may be told: a status, a
// message and its causes. Catalog errors and Fastify's own 4xx errors describe the
// client's request and are shown; anything else is a fault of ours, shown as a bare
// 500 (or 503) and logged in full with the request id.
import type { FastifyError } from 'fastify'

export interface HttpProblem {
  statusCode: number
  message: string
  causes: string[]
}

const INTERNAL_MESSAGE = 'An internal error occurred; quote the tracking id when reporting it'

export function toHttpProblem (error: FastifyError): HttpProblem {
  const statusCode = error.statusCode ?? 500
  if (statusCode >= 500 || statusCode < 400) {
    return { statusCode: statusCode === 503 ? 503 : 500, message: INTERNAL_MESSAGE, causes: [] }
  }
  const causes = error.validation !== undefined && error.validation.length > 1
    ? error.validation.map((entry) => `${error.validationContext ?? ''}${entry.instancePath} ${entry.message ?? ''}`.trim())
    : []
  return { statusCode, message: error.message, causes }
}
