// The rate limit. The limiter (in memory, or shared through Redis when
// RATE_LIMIT_REDIS_URL is set) is decorated as `requestLimiter`: the security handlers
// count authenticated requests per principal with it, and the metrics route counts
// failures. Requests that carry no authenticated principal (the token endpoint, the API
// docs, every request when no credentials are configured) are counted here, per client
// address, by a hook added after each route's own onRequest hooks; the security check
// is put at their front (api-family.ts), so it has run by then. Routes with
// `config: { rateLimit: false }` (the operator routes) are not limited.
//
// The hook is added to each route as it is registered: registered before any route.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import type { Authenticator } from '../auth/authenticator.js'
import type { Config } from '../config.js'
import { appendOnRequest } from '../http/route-options.js'
import { clientAddressKey } from '../limits/client-address.js'
import { limiterBudgets } from '../limits/limiter-budgets.js'
import { createRedisLimiter } from '../limits/redis-limiter.js'
import { createMemoryLimiter, refusalError, type RequestLimiter, type Verdict } from '../limits/request-limiter.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route is not rate-limited. */
    rateLimit?: false
  }
  interface FastifyInstance {
    requestLimiter: RequestLimiter
  }
}

/** How long the start waits for Redis to answer. */
const REDIS_READY_TIMEOUT_MS = 2000

export interface RateLimitOptions {
  config: Config
  authenticator: Authenticator
}

// While Redis cannot be reached every request says so: one line in ten seconds is enough.
function unreachableReporter (app: FastifyInstance): (error: Error) => void {
  let reportedAt = -Infinity
  return (error) => {
    if (Date.now() - reportedAt < 10_000) return
    reportedAt = Date.now()
    app.log.warn({ err: error }, 'the rate limit cannot reach Redis: requests are let through uncounted')
  }
}

async function rateLimit (app: FastifyInstance, { config, authenticator }: RateLimitOptions): Promise<void> {
  const budgets = limiterBudgets(config, authenticator)
  const limiter = config.rateLimit.redisUrl === undefined
    ? createMemoryLimiter(budgets)
    : createRedisLimiter(config.rateLimit.redisUrl, budgets, unreachableReporter(app))
  app.decorate('requestLimiter', limiter)
  app.addHook('onClose', async () => { limiter.close() })
  // An unreachable Redis does not stop the start (requests are let through uncounted
  // until it answers); a reachable one counts from the first request.
  await limiter.ready(REDIS_READY_TIMEOUT_MS)

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

export default fp(rateLimit, { name: 'taskd-rate-limit', fastify: '5.x', dependencies: ['taskd-request-checks'] })
