// Helmet's security headers on every response, 404s and errors included.
//
// @fastify/helmet calls helmet(options) on every request, which builds every middleware
// again and re-parses the Content-Security-Policy directives each time: measured side by
// side on a bare route, that alone cut the requests a second by more than half (the
// figures are in this file's history). A policy of fixed options gives the same headers to every request,
// so helmet is asked once, at start, what it would set, and each reply gets that set.
// Helmet stays the authority on the policy; only the repetition goes.
//
// Two policies, as OWASP's REST Security Cheat Sheet draws the line: an answer of the
// API (JSON, a problem, an event stream, a 404) is no document a browser renders, so it
// carries only the headers that protect such a response (no sniffing, no framing, no
// embedding by another origin, HTTPS only) and a policy that lets it load nothing.
// Helmet's headers for HTML documents (referrer, DNS prefetch, opener, origin cluster,
// IE's and Flash's) go only with the documents taskd serves: Swagger UI's, whose plugin
// adds them (api-docs.ts). Each header is work on every answer: Node validates and
// writes it, and a client parses it.
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
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

/** Helmet's options for an answer of the API: its default policy without the headers only an HTML document needs. */
const API_RESPONSE_POLICY: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false
}

let api: Readonly<Record<string, string>> | undefined
let document: Readonly<Record<string, string>> | undefined

/** The headers of every answer of the API, asked of helmet once: also for answers given outside the plugin's hook. */
export function apiSecurityHeaders (): Readonly<Record<string, string>> {
  api ??= Object.freeze(helmetHeaders(API_RESPONSE_POLICY))
  return api
}

/** Helmet's default policy, for the HTML documents taskd serves and what they load. */
export function documentSecurityHeaders (): Readonly<Record<string, string>> {
  document ??= Object.freeze(helmetHeaders())
  return document
}

/** An onRequest hook that gives every answer of its context the document policy. */
export const documentHeaders: onRequestHookHandler = (_request, reply, done) => {
  reply.headers(documentSecurityHeaders())
  done()
}

async function securityHeaders (app: FastifyInstance): Promise<void> {
  const headers = apiSecurityHeaders()
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}

export default fp(securityHeaders, { name: 'taskd-security-headers', fastify: '5.x' })
