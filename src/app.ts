// The taskd application: a Fastify instance with the API families and their
// cross-cutting plugins, ready to inject into or listen with. It never listens itself.
// Each cross-cutting concern is a named plugin that declares the plugins it needs
// before it (Fastify refuses to start otherwise); the order below satisfies them.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify'
import { apiFamilies } from './api-families.js'
import { createAuthenticator } from './auth/authenticator.js'
import type { Config } from './config.js'
import { familyRouting } from './http/api-family.js'
import { connectionErrorHandler } from './http/connection-errors.js'
import { limitConnections } from './http/connection-limits.js'
import { sendProblem } from './http/error-responses.js'
import { requestLogValue } from './http/request-log.js'
import { newRequestId } from './http/request-ids.js'
import apiDocs from './plugins/api-docs.js'
import apiFamilyRoutes from './plugins/api-family-routes.js'
import corsOrigins from './plugins/cors-origins.js'
import familyErrors from './plugins/family-errors.js'
import idempotency from './plugins/idempotency.js'
import jsonBodyParsers from './plugins/json-body-parsers.js'
import metrics from './plugins/metrics.js'
import operatorRoutes from './plugins/operator-routes.js'
import rateLimit from './plugins/rate-limit.js'
import requestChecks from './plugins/request-checks.js'
import requestDraining from './plugins/request-draining.js'
import retention from './plugins/retention.js'
import securityHeaders, { apiSecurityHeaders } from './plugins/security-headers.js'
import taskStore from './plugins/task-store.js'
import validatorCompiler from './plugins/validator-compiler.js'
import watch from './plugins/watch.js'
import webhookDelivery from './plugins/webhook-delivery.js'
import type { TaskStore } from './store/task-store.js'
import type { Tracing } from './tracing.js'

export interface AppOptions {
  config: Config
  store: TaskStore
  /** Fastify's logger option; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger']
  /** OpenTelemetry, when configured (tracing.ts). */
  tracing?: Tracing
}

export async function buildApp ({ config, store, logger, tracing }: AppOptions): Promise<FastifyInstance> {
  const authenticator = await createAuthenticator(config.auth)
  const families = apiFamilies(config)
  const routing = familyRouting(families.all, families.root)
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      // Credentials never reach the logs, nor do those put in a query string.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: requestLogValue },
      ...(tracing !== undefined && { mixin: tracing.logFields })
    },
    // Request ids are ours (the ErrorResponseDto trackingId form, 32 hex digits), never a
    // client's.
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    // HEAD is answered only where the spec declares it.
    exposeHeadRoutes: false,
    // The spec allows ids of up to 1024 characters (a bulk update's); the router's
    // default limit of 100 would answer a longer path parameter with a 414 of its own.
    routerOptions: { maxParamLength: 1024 },
    // What the router refuses (a percent-encoding that is no UTF-8, a parameter over
    // that limit) answers in the shape of the family the URL falls under, as errors do,
    // with the headers every answer carries: no onRequest hook has run.
    frameworkErrors: (error, request, reply) => {
      const answer = (reply as FastifyReply).headers(apiSecurityHeaders()).header('x-request-id', request.id)
      sendProblem(error, request, answer, routing.errorBody).catch((failure: unknown) => { request.log.error({ err: failure }, 'cannot answer') })
    },
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    // Node looks for requests past their timeouts this often (30 s by default, which
    // would let a slow client hold its connection for that long past the limit).
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    clientErrorHandler: connectionErrorHandler(families.root.errorBody, apiSecurityHeaders()),
    // A request that arrives while the app closes is refused by the request-draining
    // plugin, in its family's shape, not with Fastify's own body.
    return503OnClosing: false
  })
  limitConnections(app.server, config.http)
  await app.register(requestDraining)
  await app.register(requestChecks)
  await app.register(securityHeaders)
  if (config.corsOrigins.length > 0) await app.register(corsOrigins, { origins: config.corsOrigins })
  await app.register(rateLimit, { config, authenticator })
  await app.register(jsonBodyParsers)
  await app.register(validatorCompiler)
  // Before every route, so that each request's span is the parent of what it does.
  if (tracing !== undefined) await app.register(tracing.plugin)
  await app.register(metrics, { authenticator, requireAuth: config.metricsRequireAuth })
  await app.register(taskStore, { store, ...(tracing !== undefined && { tracer: tracing.tracer }) })
  await app.register(operatorRoutes)
  await app.register(retention, { retention: config.retention })
  await app.register(watch, { config: config.watch })
  await app.register(idempotency, { config: config.idempotency })
  await app.register(apiDocs, { families: families.all })
  await app.register(familyErrors, { routing })
  await app.register(apiFamilyRoutes, { families: families.all, authenticator })
  if (config.webhooks.enabled) await app.register(webhookDelivery, { config: config.webhooks })
  if (!authenticator.enabled) {
    app.log.warn({ host: config.host }, 'no credentials are configured: serving without authentication (loopback only unless AUTH_DISABLED=true)')
  }
  return app
}
