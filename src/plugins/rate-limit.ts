// The rate limit of requests that carry no authenticated principal (the token
// endpoint, the API docs, every request when no credentials are configured), per
// client address. Authenticated requests were counted per principal by the security
// handler, which runs first: the hook is added after each route's own onRequest
// hooks, and the security check is put at their front (api-family.ts). Routes with
// `config: { rateLimit: false }` (the operator routes) are not limited.
//
// Added to the root instance before any route, so that every route is seen.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { clientAddressKey } from '../limits/client-address.js'
import { refusalError, type RequestLimiter, type Verdict } from '../limits/request-limiter.js'
import { appendOnRequest } from './route-options.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route is not rate-limited. */
    rateLimit?: false
  }
}

export function rateLimitRoutes (app: FastifyInstance, limiter: RequestLimiter): void {
  // A callback hook: the in-memory limiter answers at once, and costs no promise.
  function limitByAddress (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    if (request.principal !== '') {
      done()
      return
    }
    const verdict = limiter.admitAnonymous(clientAddressKey(request.ip))
    if (verdict instanceof Promise) {
      verdict.then((refusal: Verdict) => { done(refusal === undefined ? undefined : refusalError(reply, refusal)) }, done)
      return
    }
    done(verdict === undefined ? undefined : refusalError(reply, verdict))
  }

  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit === false) return
    appendOnRequest(route, limitByAddress)
  })
}
