// The spec's security requirements, enforced by fastify-openapi-glue through these
// handlers: one per security scheme, given the scopes the operation declares. No
// handler checks credentials itself.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ForbiddenError } from '../errors.js'
import { clientAddressKey } from '../limits/client-address.js'
import { refusalError, type RequestLimiter } from '../limits/request-limiter.js'
import { operationIdOf } from '../http/route-options.js'
import type { StreamTokens } from '../watch/stream-tokens.js'
import { bearerIdentity, type Authenticator, type Principal } from './authenticator.js'

const REALM = 'Bearer realm="taskd"'

export type RequestAuthentication = (request: FastifyRequest, reply: FastifyReply) => Promise<Principal>

/**
 * Authenticates a request's bearer credential. A failure counts against the caller's
 * address and the credential presented; past the failure budget the answer is a 429,
 * else a 401 with the challenge.
 */
export function requestAuthentication (authenticator: Authenticator, limiter: RequestLimiter): RequestAuthentication {
  return async (request, reply) => {
    const authorization = request.headers.authorization
    try {
      return await authenticator.authenticate(authorization)
    } catch (error) {
      const refusal = await limiter.recordFailure(clientAddressKey(request.ip), bearerIdentity(authorization))
      if (refusal !== undefined) throw refusalError(reply, refusal)
      // RFC 6750 §3.1: no credentials gets the bare challenge; bad ones say why.
      reply.header('www-authenticate', authorization === undefined ? REALM : `${REALM}, error="invalid_token"`)
      throw error
    }
  }
}

/** The operations a stream token (`?access_token=`) opens: the watch streams, and nothing else. */
export const STREAM_TOKEN_OPERATIONS: ReadonlySet<string> = new Set(['watchTaskStatuses', 'watchHumanTasks'])

function streamTokenOf (request: FastifyRequest): string | undefined {
  if (!STREAM_TOKEN_OPERATIONS.has(operationIdOf(request.routeOptions.schema) ?? '')) return undefined
  const token = (request.query as Record<string, unknown> | undefined)?.access_token
  return typeof token === 'string' ? token : undefined
}

// A stream token's failure counts as a bearer token's does.
function streamAuthentication (streamTokens: StreamTokens, limiter: RequestLimiter): (request: FastifyRequest, reply: FastifyReply, token: string) => Promise<Principal> {
  return async (request, reply, token) => {
    try {
      return streamTokens.verify(token)
    } catch (error) {
      const refusal = await limiter.recordFailure(clientAddressKey(request.ip), bearerIdentity(`Bearer ${token}`))
      if (refusal !== undefined) throw refusalError(reply, refusal)
      reply.header('www-authenticate', `${REALM}, error="invalid_token"`)
      throw error
    }
  }
}

export function createSecurityHandlers (authenticator: Authenticator, limiter: RequestLimiter, streamTokens?: StreamTokens): { oauth2: (request: FastifyRequest, reply: FastifyReply, scopes: string[]) => Promise<void> } {
  const authenticate = requestAuthentication(authenticator, limiter)
  const authenticateStream = streamTokens === undefined ? undefined : streamAuthentication(streamTokens, limiter)
  return {
    async oauth2 (request, reply, scopes) {
      // Without credentials every caller is anonymous, counted per address by the
      // rate limit's own hook.
      if (!authenticator.enabled) return
      const streamToken = authenticateStream === undefined ? undefined : streamTokenOf(request)
      const principal = streamToken !== undefined && authenticateStream !== undefined
        ? await authenticateStream(request, reply, streamToken)
        : await authenticate(request, reply)
      // Counted, and refused while its address is over the failure budget, before the
      // scope check: a 403 would tell a guesser its token was right.
      const verdict = limiter.admitPrincipal(principal.name, clientAddressKey(request.ip))
      const refusal = verdict instanceof Promise ? await verdict : verdict
      if (refusal !== undefined) throw refusalError(reply, refusal)
      const missing = scopes.filter((scope) => !principal.scopes.has(scope))
      if (missing.length > 0) {
        reply.header('www-authenticate', `${REALM}, error="insufficient_scope", scope="${scopes.join(' ')}"`)
        throw new ForbiddenError(missing.join(' '))
      }
      request.principal = principal.name
      request.grantedScopes = principal.scopes
    }
  }
}
