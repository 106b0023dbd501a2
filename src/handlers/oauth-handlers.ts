// The OAuth family: the client-credentials token endpoint.
import type { Authenticator } from '../auth/authenticator.js'
import { OAuthInvalidClientError, OAuthUnsupportedGrantTypeError } from '../errors.js'
import { clientAddressKey } from '../limits/client-address.js'
import { CLIENT_IDENTITY, refusalError, type RequestLimiter } from '../limits/request-limiter.js'
import type { OperationHandlers } from './operation-types.js'

export type OAuthOperationId = 'issueOAuthToken'

interface ClientCredentials { id: string, secret: string }

// RFC 6749 §2.3.1: id and secret in an HTTP Basic header, each form-encoded. Some
// clients (Swagger UI among them) send them as they are, so both readings are tried.
function basicCredentials (authorization: string | undefined): ClientCredentials[] {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '')
  if (match?.[1] === undefined) return []
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return []
  const raw = { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
  try {
    const decode = (part: string): string => decodeURIComponent(part.replaceAll('+', ' '))
    const formDecoded = { id: decode(raw.id), secret: decode(raw.secret) }
    return formDecoded.id === raw.id && formDecoded.secret === raw.secret ? [raw] : [formDecoded, raw]
  } catch {
    return [raw]
  }
}

// RFC 6749 §5.2: a client that authenticated with a scheme of the Authorization
// header gets 401 with that scheme's challenge.
const BASIC_CHALLENGE = 'Basic realm="taskd"'

export function createOAuthHandlers (authenticator: Authenticator, limiter: RequestLimiter): OperationHandlers<OAuthOperationId> {
  return {
    async issueOAuthToken (request, reply) {
      const { grant_type: grantType, client_id: formId, client_secret: formSecret, scope } = request.body
      if (grantType !== 'client_credentials') throw new OAuthUnsupportedGrantTypeError(grantType)
      const authorization = request.headers.authorization
      const candidates = basicCredentials(authorization)
      if (candidates.length === 0 && formId !== undefined && formSecret !== undefined) candidates.push({ id: formId, secret: formSecret })
      // Guessing a declared client's secret is counted against that client, from any
      // address; an unknown id has no secret to guess, and is counted per address only.
      const address = clientAddressKey(request.ip)
      const knownId = candidates.find(({ id }) => authenticator.knowsClient(id))?.id
      const identity = knownId === undefined ? undefined : `${CLIENT_IDENTITY}${knownId}`
      const refused = await limiter.failureRefusal(address, identity)
      if (refused !== undefined) throw refusalError(reply, refused)
      let failure: unknown = candidates.length === 0 ? new OAuthInvalidClientError('no client credentials in the form or an HTTP Basic header') : undefined
      for (const { id, secret } of candidates) {
        try {
          const token = await authenticator.issueToken(id, secret, scope)
          reply.header('cache-control', 'no-store')
          return token
        } catch (error) {
          failure = error
          if ((error as { code?: string }).code !== 'TASKD_OAUTH_INVALID_CLIENT') break
        }
      }
      if ((failure as { code?: string }).code === 'TASKD_OAUTH_INVALID_CLIENT') {
        const overBudget = await limiter.recordFailure(address, identity)
        if (overBudget !== undefined) throw refusalError(reply, overBudget)
        if (/^Basic\b/i.test(authorization ?? '')) reply.header('www-authenticate', BASIC_CHALLENGE)
      }
      throw failure
    }
  }
}
