// The OAuth family: the client-credentials token endpoint.
import type { Authenticator } from '../auth/authenticator.js'
import { OAuthInvalidClientError, OAuthUnsupportedGrantError } from '../errors.js'
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

export function createOAuthHandlers (authenticator: Authenticator): OperationHandlers<OAuthOperationId> {
  return {
    async issueOAuthToken (request, reply) {
      const { grant_type: grantType, client_id: formId, client_secret: formSecret, scope } = request.body
      if (grantType !== 'client_credentials') throw new OAuthUnsupportedGrantError(grantType)
      const candidates = basicCredentials(request.headers.authorization)
      if (candidates.length === 0 && formId !== undefined && formSecret !== undefined) candidates.push({ id: formId, secret: formSecret })
      if (candidates.length === 0) throw new OAuthInvalidClientError('no client credentials in the form or an HTTP Basic header')
      let failure: unknown
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
      throw failure
    }
  }
}
