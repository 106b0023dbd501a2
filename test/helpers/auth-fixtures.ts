// Credentials for the authentication tests: files written to a temporary directory,
// and JWTs signed as an external issuer would sign them.
import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'

export const JWT_SECRET = 'a-test-secret-of-more-than-32-characters!'
export const ALL_SCOPES = ['task-status:read', 'task-status:write', 'task:read', 'task:write', 'webhooks:read', 'webhooks:write']
export const CLIENT = { id: 'launcher', secret: 'launcher-secret-0123456789' }
export const EXPLORER = { id: 'explorer', secret: 'explorer secret/with:odd+chars' }

const directory = mkdtempSync(join(tmpdir(), 'taskd-auth-'))

export function sha256Hex (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function writeJson (name: string, content: unknown): string {
  const file = join(directory, name)
  writeFileSync(file, JSON.stringify(content))
  return file
}

export const TOKENS = {
  all: 'token-with-every-scope',
  readOnly: 'token-that-only-reads',
  hashed: 'token-kept-as-a-hash'
}

export const tokensFile = writeJson('tokens.json', {
  [TOKENS.all]: ALL_SCOPES,
  [TOKENS.readOnly]: ['task-status:read', 'task:read'],
  [`sha256:${sha256Hex(TOKENS.hashed)}`]: ['task-status:read']
})

export const clientsFile = writeJson('clients.json', {
  [CLIENT.id]: { secretSha256: sha256Hex(CLIENT.secret), scopes: ['task-status:read', 'task-status:write'] },
  [EXPLORER.id]: { secretSha256: sha256Hex(EXPLORER.secret), scopes: ALL_SCOPES }
})

export const AUTH_ENV = { AUTH_TOKENS_FILE: tokensFile, AUTH_JWT_SECRET: JWT_SECRET, AUTH_CLIENTS_FILE: clientsFile }

export async function hs256 (claims: Record<string, unknown>, { expiresIn = '5m', issuer = 'taskd', audience = 'taskd', notBefore }: { expiresIn?: string | number, issuer?: string, audience?: string, notBefore?: number } = {}): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('jwt-user').setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime(expiresIn)
  if (notBefore !== undefined) jwt = jwt.setNotBefore(notBefore)
  return await jwt.sign(new TextEncoder().encode(JWT_SECRET))
}

/** A JWT of exactly these claims (none added), signed with JWT_SECRET. */
export async function hs256Exactly (claims: Record<string, unknown>): Promise<string> {
  return await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JWT_SECRET))
}

export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
export const rsaPublicKeyFile = (() => {
  const file = join(directory, 'public.pem')
  writeFileSync(file, rsa.publicKey.export({ type: 'spki', format: 'pem' }))
  return file
})()

export async function rs256 (claims: Record<string, unknown>): Promise<string> {
  return await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setSubject('rsa-user').setIssuer('https://idp.example.com').setAudience('taskd').setIssuedAt().setExpirationTime('5m').sign(rsa.privateKey)
}
