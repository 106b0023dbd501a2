// The OAuth family: the client-credentials token endpoint.
import type { Authenticator } from '../auth/authenticator.js'
import { OAuthUnsupportedGrantError } from '../errors.js'
import type { OperationHandlers } from './operation-types.js'

export type OAuthOperationId = 'issueOAuthToken'

export function createOAuthHandlers (authenticator: Authenticator): OperationHandlers<OAuthOperationId> {
  return {
    async issueOAuthToken (request, reply) {
      const { grant_type: grantType, client_id: clientId, client_secret: clientSecret, scope } = request.body
      if (grantType !== 'client_credentials') throw new OAuthUnsupportedGrantError(grantType)
      const token = await authenticator.issueToken(clientId, clientSecret, scope)
      reply.header('cache-control', 'no-store')
      return token
    }
  }
}
