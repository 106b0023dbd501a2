// Helmet's security headers on every response, 404s and errors included.
//
// @fastify/helmet calls helmet(options) on every request, which builds every middleware
// again and re-parses the Content-Security-Policy directives each time: measured side by
// side on a bare route, that alone cut the requests a second by more than half (the
// figures are in this file's history). A policy of fixed options gives the same headers to every request,
// so helmet is asked once, at start, what it would set, and each reply gets that set.
// Helmet stays the authority on the policy; only the repetition goes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

/** The headers helmet sets for these options, by lower-case name. */
export function helmetHeaders (options: Readonly<HelmetOptions> = {}): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader (name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader (name: string) {
      // Helmet removes X-Powered-By, which Fastify never sets.
      delete headers[name.toLowerCase()]
    }
  }
  let failure: unknown
  // Helmet's middleware is synchronous for fixed options; a policy that needs the
  // request (a nonce, a directive computed per request) is not a fixed set of headers.
  helmet({ ...options })({} as never, response as never, (error?: unknown) => { failure = error })
  if (failure !== undefined) throw failure
  return headers
}

let defaults: Readonly<Record<string, string>> | undefined

/** Helmet's headers for its default policy, asked once: for answers given outside the plugin's hook. */
export function defaultSecurityHeaders (): Readonly<Record<string, string>> {
  defaults ??= Object.freeze(helmetHeaders())
  return defaults
}

async function securityHeaders (app: FastifyInstance, options: HelmetOptions): Promise<void> {
  const headers = Object.keys(options).length === 0 ? defaultSecurityHeaders() : Object.freeze(helmetHeaders(options))
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}

export default fp(securityHeaders, { name: 'taskd-security-headers', fastify: '5.x' })
