// Who is calling: set by the security handler once the credentials are checked (or
// to the anonymous principal when no credentials are configured). A human task's
// originator and a claim's owner come from here.
import type { FastifyRequest } from 'fastify'

export const ANONYMOUS = 'anonymous'

declare module 'fastify' {
  interface FastifyRequest {
    principal: string
    /** The scopes of the request's credential, once checked; null without credentials configured. */
    grantedScopes: ReadonlySet<string> | null
  }
}

export function principalOf (request: FastifyRequest): string {
  return request.principal === '' ? ANONYMOUS : request.principal
}
