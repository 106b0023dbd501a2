// Handler types derived from the generated spec types, so a handler object that
// misses an operationId, or reads a parameter the spec does not declare, fails to
// compile instead of failing at the first request.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { operations } from '../generated/openapi.js'

type Parameters<K extends keyof operations> = operations[K]['parameters']
type RequestBody<K extends keyof operations> = operations[K] extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : operations[K] extends { requestBody?: { content: infer C } } ? C[keyof C] | undefined : undefined

export type OperationRequest<K extends keyof operations> = FastifyRequest<{
  Params: Parameters<K> extends { path: infer P } ? P : never
  Querystring: Parameters<K> extends { query?: infer Q } ? Q : never
  Headers: Parameters<K> extends { header?: infer H } ? H : never
  Body: RequestBody<K>
}>

export type OperationHandlers<K extends keyof operations> = {
  [P in K]: (request: OperationRequest<P>, reply: FastifyReply) => Promise<unknown>
}

/** The Last-Event-ID an EventSource sends when it reconnects (Node names headers in lower case). */
export function lastEventIdOf (request: FastifyRequest): string | undefined {
  const value = request.headers['last-event-id']
  return typeof value === 'string' ? value : undefined
}
