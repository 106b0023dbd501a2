// Prometheus metrics at /metrics: fastify-metrics serves the default registry (process
// metrics and every taskd metric), route-metrics.ts observes request latency. Without
// credentials unless METRICS_REQUIRE_AUTH, and never rate-limited.
import type {} from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fastifyMetrics from 'fastify-metrics'
import fp from 'fastify-plugin'
import type { Authenticator } from '../auth/authenticator.js'
import { requestAuthentication } from '../auth/security-handlers.js'
import { clientAddressKey } from '../limits/client-address.js'
import { refusalError } from '../limits/request-limiter.js'
import routeMetrics from './route-metrics.js'

export interface MetricsOptions {
  authenticator: Authenticator
  requireAuth: boolean
}

// fastify-metrics is CommonJS; its `default` property is the plugin.
const metricsPlugin = fastifyMetrics.default

async function metrics (app: FastifyInstance, { authenticator, requireAuth }: MetricsOptions): Promise<void> {
  const authenticate = requestAuthentication(authenticator, app.requestLimiter)
  await app.register(routeMetrics)
  await app.register(metricsPlugin, {
    endpoint: {
      url: '/metrics',
      method: 'GET',
      config: { rateLimit: false },
      schema: { hide: true },
      ...(requireAuth && authenticator.enabled && {
        // Failures count as on the API: /metrics is no way around the failure budget.
        onRequest: async (request, reply) => {
          await authenticate(request, reply)
          const refusal = await app.requestLimiter.failureRefusal(clientAddressKey(request.ip), undefined)
          if (refusal !== undefined) throw refusalError(reply, refusal)
        }
      }),
      // Replaced by the plugin's own handler.
      handler: async () => undefined
    },
    // One app per process in production; tests build many, each starting afresh. So
    // every other metric is registered after this plugin has started (it clears the
    // registry): plugins that add metrics declare it as a dependency.
    clearRegisterOnInit: true,
    // Route latency is route-metrics.ts's (a histogram, whose buckets add up across
    // instances, at a fraction of the plugin's cost per request).
    routeMetrics: { enabled: false }
  })
}

export default fp(metrics, { name: 'taskd-metrics', fastify: '5.x', dependencies: ['taskd-rate-limit'] })
