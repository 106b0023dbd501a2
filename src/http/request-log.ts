// What the log says of a request: Fastify's own fields, with the values of
// credentials a client put in the query string (client_secret, access_token, any
// *token, *secret or password) replaced. Headers are not logged.
import type { FastifyRequest } from 'fastify'

const CREDENTIAL_PARAMETER = /([?&](?:[^=&#]*(?:token|secret)|password)=)[^&#]*/gi

export function redactedUrl (url: string): string {
  return url.includes('=') ? url.replace(CREDENTIAL_PARAMETER, '$1[REDACTED]') : url
}

export function requestLogValue (request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort
  }
}
