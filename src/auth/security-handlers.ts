// The spec's security requirements, enforced by fastify-openapi-glue through these
// handlers: one per security scheme, given the scopes the operation declares. No
// handler checks credentials itself.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ForbiddenError } from '../errors.js'
import { ANONYMOUS } from '../http/principal.js'
import type { Authenticator } from './authenticator.js'

const REALM = 'Bearer realm="taskd"'

export function createSecurityHandlers (authenticator: Authenticator): { oauth2: (request: FastifyRequest, reply: FastifyReply, scopes: string[]) => Promise<void> } {
  return {
    async oauth2 (request, reply, scopes) {
      if (!authenticator.enabled) {
        request.principal = ANONYMOUS
        return
      }
      let principal
      try {
        principal = await authenticator.authenticate(request.headers.authorization)
      } catch (error) {
        // RFC 6750 §3.1: no credentials gets the bare challenge; bad ones say why.
        reply.header('www-authenticate', request.headers.authorization === undefined ? REALM : `${REALM}, error="invalid_token"`)
        throw error
      }
      const missing = scopes.filter((scope) => !principal.scopes.has(scope))
      if (missing.length > 0) {
        reply.header('www-authenticate', `${REALM}, error="insufficient_scope", scope="${scopes.join(' ')}"`)
        throw new ForbiddenError(missing.join(' '))
      }
      request.principal = principal.name
    }
  }
}
