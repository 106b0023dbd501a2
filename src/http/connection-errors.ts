// What a connection is answered when Node's HTTP parser refuses it before any request
// exists (a request that took too long to arrive, headers too large, bytes that are not
// HTTP): Fastify's default would answer in a shape of its own and without the security
// headers. With no request, and so no route or family, the answer takes the shape of the
// family mounted at the root, as other errors outside the families' paths do.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyServerOptions } from 'fastify'
import type { ErrorBodyShape } from './error-responses.js'
import type { HttpProblem } from './http-problem.js'
import { newRequestId } from './request-ids.js'

const REASONS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time (HTTP_REQUEST_TIMEOUT_MS, HTTP_HEADERS_TIMEOUT_MS)'],
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'The chunk extensions are too large']
}

/** Fastify's clientErrorHandler, answering in `shape` with `headers` (the security headers). */
export function connectionErrorHandler (shape: ErrorBodyShape, headers: Readonly<Record<string, string>>): NonNullable<FastifyServerOptions['clientErrorHandler']> {
  const fixedHeaders = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return function (error: Error & { code?: string }, socket: Socket) {
    // A reset connection is gone; there is no one to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const [statusCode, message] = REASONS[error.code ?? ''] ?? [400, 'The request is not valid HTTP']
    const trackingId = newRequestId()
    const problem: HttpProblem = { statusCode, code: error.code ?? 'CLIENT_ERROR', message, causes: [] }
    const body = JSON.stringify(shape(problem, trackingId, '/'))
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}\r\n${fixedHeaders}x-request-id: ${trackingId}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
    }
    socket.destroy(error)
  }
}
