// Stream tokens: how a browser's EventSource, which cannot send Authorization, opens a
// watch. A client with a credential asks POST /task-status/watch-tokens for one and
// passes it as `?access_token=` to the watch endpoints, the only ones that take it. It
// is short-lived (WATCH_TOKEN_TTL) and read-only: it carries the read scopes its
// principal holds, nothing more. It is an HMAC of its claims under a key derived from
// WATCH_TOKEN_SECRET (else AUTH_JWT_SECRET), so every instance sharing that secret
// accepts it, and no JWT verifier accepts it as a bearer credential; without either
// secret the key is this process's own. The query string carries it, which is why the
// request log redacts `access_token` (http/request-log.ts).
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Principal } from '../auth/authenticator.js'
import { UnauthorizedError } from '../errors.js'

export const STREAM_TOKEN_SCOPES: readonly string[] = ['task-status:read', 'task:read']
const PREFIX = 'st1'

export interface IssuedStreamToken {
  token: string
  /** Seconds. */
  expires_in: number
  scope: string
}

export interface StreamTokens {
  issue: (principal: string, scopes: ReadonlySet<string> | undefined) => IssuedStreamToken
  /** The principal a token names, with its scopes; UnauthorizedError when it is not one, or has expired. */
  verify: (token: string) => Principal
}

interface Claims { sub: string, scope: string, exp: number }

export function createStreamTokens (secret: string | undefined, ttlSeconds: number): StreamTokens {
  const key = secret === undefined
    ? randomBytes(32)
    : Buffer.from(hkdfSync('sha256', secret, 'taskd', 'taskd stream token', 32))
  const sign = (payload: string): Buffer => createHmac('sha256', key).update(`${PREFIX}.${payload}`).digest()

  return {
    issue (principal, scopes) {
      // Without credentials configured (scopes unknown) the token reads both families, as any caller may.
      const scope = STREAM_TOKEN_SCOPES.filter((item) => scopes === undefined || scopes.has(item)).join(' ')
      const claims: Claims = { sub: principal, scope, exp: Math.floor(Date.now() / 1000) + ttlSeconds }
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
      return { token: `${PREFIX}.${payload}.${sign(payload).toString('base64url')}`, expires_in: ttlSeconds, scope }
    },

    verify (token) {
      const [prefix, payload, signature, ...rest] = token.split('.')
      if (prefix !== PREFIX || payload === undefined || signature === undefined || rest.length > 0) throw new UnauthorizedError('the stream token is not valid')
      const expected = sign(payload)
      const given = Buffer.from(signature, 'base64url')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('the stream token is not valid')
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims
      if (claims.exp <= Date.now() / 1000) throw new UnauthorizedError('the stream token has expired')
      return { name: claims.sub, scopes: new Set(claims.scope.split(' ').filter((item) => item !== '')) }
    }
  }
}
