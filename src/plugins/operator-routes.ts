// What orchestrators and operators call: liveness, readiness and Prometheus metrics.
// These routes are not part of the API, so they are declared here rather than in the
// spec, need no credentials (unless METRICS_REQUIRE_AUTH) and are not rate-limited.
import type {} from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fastifyMetrics from 'fastify-metrics'
import client from 'prom-client'
import type { Authenticator } from '../auth/authenticator.js'
import { requestAuthentication } from '../auth/security-handlers.js'
import { clientAddressKey } from '../limits/client-address.js'
import { refusalError, type RequestLimiter } from '../limits/request-limiter.js'
import { instrumentedStore } from '../store/instrumented-store.js'
import routeMetrics from './route-metrics.js'
import type { TaskStore } from '../store/task-store.js'
import type { Tracer } from '@opentelemetry/api'

export interface OperatorRoutesOptions {
  store: TaskStore
  /** With tracing on: the store's calls become spans. */
  tracer?: Tracer
  authenticator: Authenticator
  limiter: RequestLimiter
  metricsRequireAuth: boolean
}

// fastify-metrics is CommonJS; its `default` property is the plugin.
const metrics = fastifyMetrics.default

/** Registers the operator routes and returns the store, timed for the metrics. */
export async function operatorRoutes (app: FastifyInstance, { store, tracer, authenticator, limiter, metricsRequireAuth }: OperatorRoutesOptions): Promise<TaskStore> {
  const authenticate = requestAuthentication(authenticator, limiter)
  app.get('/health', { config: { rateLimit: false }, schema: { hide: true } }, async () => ({ status: 'ok' }))

  app.get('/ready', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    try {
      await store.ping()
      return { status: 'ready' }
    } catch (error) {
      request.log.warn({ err: error }, 'store not reachable')
      return await reply.code(503).send({ status: 'not ready', reason: 'the store cannot be reached' })
    }
  })

  await app.register(metrics, {
    endpoint: {
      url: '/metrics',
      method: 'GET',
      config: { rateLimit: false },
      schema: { hide: true },
      ...(metricsRequireAuth && authenticator.enabled && {
        // Failures count as on the API: /metrics is no way around the failure budget.
        onRequest: async (request, reply) => {
          await authenticate(request, reply)
          const refusal = await limiter.failureRefusal(clientAddressKey(request.ip), undefined)
          if (refusal !== undefined) throw refusalError(reply, refusal)
        }
      }),
      // Replaced by the plugin's own handler.
      handler: async () => undefined
    },
    // One app per process in production; tests build many, each starting afresh.
    clearRegisterOnInit: true,
    // Route latency is route-metrics.ts's (a histogram, whose buckets add up across
    // instances, at a fifth of the plugin's cost per request).
    routeMetrics: { enabled: false }
  })
  await app.register(routeMetrics)
  const histogram = new client.Histogram({
    name: 'taskd_store_operation_duration_seconds',
    help: 'Duration of store operations',
    labelNames: ['repository', 'operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
  })
  return instrumentedStore(store, histogram, tracer)
}
