// Who a bearer credential belongs to, and what it may do. Three kinds of credentials
// are accepted as `Authorization: Bearer …`: static API tokens from AUTH_TOKENS_FILE,
// JWTs verified with AUTH_JWT_SECRET or AUTH_JWT_PUBLIC_KEY_FILE, and the JWTs this
// service issues itself from POST /oauth/token (signed with AUTH_JWT_SECRET).
import { createHash, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyOptions } from 'jose'
import { ConfigError, type AuthConfig } from '../config.js'
import { OAuthInvalidClientError, OAuthInvalidScopeError, UnauthorizedError } from '../errors.js'
import { KNOWN_SCOPES } from './scopes.js'

export interface Principal {
  name: string
  scopes: ReadonlySet<string>
}

export interface IssuedToken {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  scope: string
}

export interface Authenticator {
  /** False when no credentials are configured: every caller is let in. */
  readonly enabled: boolean
  authenticate: (authorization: string | undefined) => Promise<Principal>
  /** Whether `clientId` is a declared client: only those have a failure count of their own. */
  knowsClient: (clientId: string) => boolean
  /** The OAuth 2.0 client-credentials grant. */
  issueToken: (clientId: string, clientSecret: string, scope: string | undefined) => Promise<IssuedToken>
}

interface Grant { digest: Buffer, principal: string, scopes: ReadonlySet<string> }

const DEFAULT_ISSUER = 'taskd'
const DEFAULT_AUDIENCE = 'taskd'

function sha256 (text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

function readJson (variable: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(variable, `names a file that cannot be read as JSON (${file}): ${(error as Error).message}`)
  }
}

function scopesOf (variable: string, owner: string, scopes: unknown): ReadonlySet<string> {
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && KNOWN_SCOPES.has(scope))) {
    throw new ConfigError(variable, `gives '${owner}' scopes that are not a list of ${[...KNOWN_SCOPES].join(', ')}`)
  }
  return new Set(scopes as string[])
}

// A key is the token itself or `sha256:<hex>` of it, so that the file need not hold
// live secrets. Either way only the digest is kept in memory.
function digestOf (variable: string, key: string): Buffer {
  const hashed = /^sha256:([0-9a-f]{64})$/i.exec(key)
  if (hashed?.[1] !== undefined) return Buffer.from(hashed[1], 'hex')
  if (key.startsWith('sha256:')) throw new ConfigError(variable, 'has a sha256: key that is not 64 hexadecimal characters')
  return sha256(key)
}

function loadTokens (file: string): Grant[] {
  const content = readJson('AUTH_TOKENS_FILE', file)
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new ConfigError('AUTH_TOKENS_FILE', 'must map each token to its list of scopes')
  }
  // A set variable is what protected mode trusts: a file without a token would let
  // every caller in on any address.
  if (Object.keys(content).length === 0) throw new ConfigError('AUTH_TOKENS_FILE', `names a file with no tokens (${file}); add one, or unset the variable`)
  return Object.entries(content).map(([key, scopes]) => {
    const digest = digestOf('AUTH_TOKENS_FILE', key)
    return { digest, principal: `token:${digest.toString('hex').slice(0, 12)}`, scopes: scopesOf('AUTH_TOKENS_FILE', `token:${digest.toString('hex').slice(0, 12)}`, scopes) }
  })
}

function loadClients (file: string): Map<string, Grant> {
  const content = readJson('AUTH_CLIENTS_FILE', file)
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new ConfigError('AUTH_CLIENTS_FILE', 'must map each client id to {"secretSha256": "<hex>", "scopes": [...]}')
  }
  if (Object.keys(content).length === 0) throw new ConfigError('AUTH_CLIENTS_FILE', `names a file with no clients (${file}); add one, or unset the variable`)
  const clients = new Map<string, Grant>()
  for (const [clientId, entry] of Object.entries(content)) {
    const { secretSha256, scopes } = (entry ?? {}) as { secretSha256?: unknown, scopes?: unknown }
    if (typeof secretSha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(secretSha256)) {
      throw new ConfigError('AUTH_CLIENTS_FILE', `gives client '${clientId}' no secretSha256 of 64 hexadecimal characters`)
    }
    clients.set(clientId, { digest: Buffer.from(secretSha256, 'hex'), principal: clientId, scopes: scopesOf('AUTH_CLIENTS_FILE', clientId, scopes) })
  }
  return clients
}

function loadPublicKey (file: string): KeyObject {
  try {
    return createPublicKey(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError('AUTH_JWT_PUBLIC_KEY_FILE', `names a file that is not a PEM public key (${file}): ${(error as Error).message}`)
  }
}

// RFC 7235: the scheme is case-insensitive and spaces around the token are not part of it.
const BEARER = /^Bearer[ ]+(\S+)\s*$/i

function tokenOf (authorization: string | undefined): string {
  if (authorization === undefined || authorization === '') throw new UnauthorizedError('no credentials; send Authorization: Bearer <token>')
  const match = BEARER.exec(authorization)
  if (match?.[1] === undefined) throw new UnauthorizedError('the Authorization header is not a Bearer credential')
  return match[1]
}

/**
 * The credential an Authorization header presents, as the failure limit counts it: a
 * digest of the token (no secret is kept), the same however the header spells the
 * scheme or spaces it. undefined when the header presents no bearer token.
 */
export function bearerIdentity (authorization: string | undefined): string | undefined {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1]
  return token === undefined ? undefined : `token:${sha256(token).toString('hex', 0, 16)}`
}

function describeJwtFailure (error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired'
  if (error instanceof joseErrors.JWTClaimValidationFailed) return error.reason === 'missing' ? `the token has no ${error.claim} claim` : `the token's ${error.claim} claim is not accepted`
  return 'the token is not valid'
}

// RFC 8725 §3.10: a token without exp, or one that lives for years, is a credential
// that cannot be revoked. jose's maxTokenAge would need iat, which RFC 7519 leaves
// optional; the lifetime is counted here from iat when the token has one (and it is
// not in the future), else from now.
function lifetimeExceeded (payload: JWTPayload, maxLifetimeSeconds: number): boolean {
  const now = Math.floor(Date.now() / 1000)
  const issuedAt = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now
  return (payload.exp ?? Infinity) - issuedAt > maxLifetimeSeconds
}

export async function createAuthenticator (config: AuthConfig): Promise<Authenticator> {
  const tokens = config.tokensFile === undefined ? [] : loadTokens(config.tokensFile)
  const clients = config.clientsFile === undefined ? new Map<string, Grant>() : loadClients(config.clientsFile)
  const secret = config.jwtSecret === undefined ? undefined : new TextEncoder().encode(config.jwtSecret)
  const publicKey = config.jwtPublicKeyFile === undefined ? undefined : loadPublicKey(config.jwtPublicKeyFile)
  const verificationKey = secret ?? publicKey
  const algorithms = secret !== undefined ? ['HS256'] : publicKey?.asymmetricKeyType === 'ec' ? ['ES256'] : ['RS256']
  const issuer = config.jwtIssuer ?? DEFAULT_ISSUER
  const audience = config.jwtAudience ?? DEFAULT_AUDIENCE
  // config.ts has made sure an external issuer's iss and aud are either named or waived.
  const verifyOptions: JWTVerifyOptions = {
    algorithms,
    requiredClaims: ['exp'],
    ...(!config.jwtUncheckedClaims.includes('iss') && { issuer }),
    ...(!config.jwtUncheckedClaims.includes('aud') && { audience })
  }
  const enabled = tokens.length > 0 || verificationKey !== undefined || clients.size > 0

  // Every static token is compared, in constant time, so the time taken says nothing
  // about which one (if any) came close.
  function staticToken (token: string): Grant | undefined {
    const digest = sha256(token)
    let found: Grant | undefined
    for (const grant of tokens) if (timingSafeEqual(grant.digest, digest)) found = grant
    return found
  }

  return {
    enabled,

    knowsClient: (clientId) => clients.has(clientId),

    async authenticate (authorization) {
      const token = tokenOf(authorization)
      const grant = staticToken(token)
      if (grant !== undefined) return { name: grant.principal, scopes: grant.scopes }
      if (verificationKey === undefined || token.split('.').length !== 3) throw new UnauthorizedError('the token is not known')
      let payload: JWTPayload
      try {
        payload = (await jwtVerify(token, verificationKey, verifyOptions)).payload
      } catch (error) {
        throw new UnauthorizedError(describeJwtFailure(error))
      }
      if (lifetimeExceeded(payload, config.jwtMaxLifetimeSeconds)) throw new UnauthorizedError(`the token lives longer than the ${config.jwtMaxLifetimeSeconds} seconds accepted`)
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter((scope) => scope !== '') : []
      return { name: payload.sub ?? 'jwt', scopes: new Set(scopes) }
    },

    async issueToken (clientId, clientSecret, scope) {
      const client = clients.get(clientId)
      const digest = sha256(clientSecret)
      if (client === undefined || secret === undefined || !timingSafeEqual(client.digest, digest)) {
        throw new OAuthInvalidClientError('unknown client or wrong secret')
      }
      const asked = scope === undefined || scope.trim() === '' ? [...client.scopes] : scope.trim().split(/\s+/)
      const refused = asked.filter((item) => !client.scopes.has(item))
      if (refused.length > 0) throw new OAuthInvalidScopeError(refused.join(' '))
      const granted = asked.join(' ')
      const accessToken = await new SignJWT({ scope: granted })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(clientId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${config.tokenTtlSeconds}s`)
        .sign(secret)
      return { access_token: accessToken, token_type: 'bearer', expires_in: config.tokenTtlSeconds, scope: granted }
    }
  }
}
