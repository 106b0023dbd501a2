// The taskd application: a Fastify instance with the API families and their
// cross-cutting plugins, ready to inject into or listen with. It never listens itself.
import { randomUUID } from 'node:crypto'
import cors from '@fastify/cors'
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { createAuthenticator, type Authenticator } from './auth/authenticator.js'
import { createSecurityHandlers } from './auth/security-handlers.js'
import type { Config } from './config.js'
import { DuplicateHostError, MalformedFormError, UnstorableTextError } from './errors.js'
import { createHumanTaskHandlers } from './handlers/human-task-handlers.js'
import { createOAuthHandlers } from './handlers/oauth-handlers.js'
import { createTaskStatusHandlers } from './handlers/task-status-handlers.js'
import { createWebhookHandlers } from './handlers/webhook-handlers.js'
import { connectionErrorHandler } from './http/connection-errors.js'
import { limitConnections } from './http/connection-limits.js'
import { htmErrorBody } from './http/htm-error-body.js'
import { oauthErrorBody } from './http/oauth-error-body.js'
import { requestLogValue } from './http/request-log.js'
import { createRedisLimiter } from './limits/redis-limiter.js'
import { createMemoryLimiter, type LimiterBudgets, type RequestLimiter } from './limits/request-limiter.js'
import { taskStatusErrorBody } from './http/task-status-error-body.js'
import { apiDocs } from './plugins/api-docs.js'
import { errorBodyByPath, registerApiFamily, setNotFoundByFamily, type ApiFamily } from './plugins/api-family.js'
import { sendProblem, setFamilyErrorHandler, type ErrorBodyShape } from './plugins/error-handler.js'
import jsonBodyParsers from './plugins/json-body-parsers.js'
import { operatorRoutes } from './plugins/operator-routes.js'
import { rateLimitRoutes } from './plugins/rate-limit.js'
import securityHeaders, { defaultSecurityHeaders } from './plugins/security-headers.js'
import validatorCompiler from './plugins/validator-compiler.js'
import webhookDelivery from './plugins/webhook-delivery.js'
import type { Tracing } from './tracing.js'
import type { TaskStore } from './store/task-store.js'

export const TASK_STATUS_TAG = 'Task Status'
export const HUMAN_TASK_TAG = 'Human Tasks'
export const OAUTH_TAG = 'OAuth'
/** The official clients append a version segment to their base URL. */
export const VERSION_SEGMENTS = ['', '/beta', '/v2024', '/v2025', '/v2026'] as const

export interface AppOptions {
  config: Config
  store: TaskStore
  /** Fastify's logger option; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger']
  /** OpenTelemetry, when configured (tracing.ts). */
  tracing?: Tracing
}

export function apiFamilies (config: Config, store: TaskStore, authenticator: Authenticator, limiter: RequestLimiter): { taskStatus: ApiFamily, humanTask: ApiFamily, oauth: ApiFamily } {
  const securityHandlers = createSecurityHandlers(authenticator, limiter)
  return {
    taskStatus: {
      tag: TASK_STATUS_TAG,
      prefix: config.apiPrefix,
      segments: VERSION_SEGMENTS,
      handlers: { ...createTaskStatusHandlers(store, config), ...createWebhookHandlers(store, config) },
      errorBody: taskStatusErrorBody,
      securityHandlers
    },
    humanTask: {
      tag: HUMAN_TASK_TAG,
      prefix: config.apiPrefix + config.htmPrefix,
      segments: [''],
      handlers: createHumanTaskHandlers(store, config),
      errorBody: (problem, trackingId) => htmErrorBody(problem, trackingId, config.htmProgrammersDetails),
      securityHandlers,
      // A bulk update of the most ids allowed must fit, at about 100 bytes an id.
      routeOptions: { bulkUpdateHumanTasks: { bodyLimit: config.bodyLimit + config.bulkMaxIds * 100 } }
    },
    oauth: {
      tag: OAUTH_TAG,
      prefix: config.apiPrefix,
      segments: [''],
      handlers: createOAuthHandlers(authenticator, limiter),
      errorBody: oauthErrorBody,
      // The official client posts its token request as multipart form data.
      setup: async (context) => {
        await context.register(formbody, { bodyLimit: 16 * 1024 })
        await context.register(multipart, { limits: { fields: 10, fieldSize: 4096, files: 0, parts: 10 } })
        context.addHook('preValidation', readMultipartFields)
      }
    }
  }
}

// The fields of a multipart form become the body, as @fastify/multipart's 'keyValues'
// would make them (a repeated field, a list), except that a form busboy cannot read (no
// boundary, cut short) is the client's fault, a 400, where the plugin would let it be a 500.
async function readMultipartFields (request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return
  const body: Record<string, string | string[]> = {}
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await part.toBuffer()
        continue
      }
      const value = String(part.value)
      const earlier = body[part.fieldname]
      body[part.fieldname] = earlier === undefined ? value : [earlier, value].flat()
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error
    throw new MalformedFormError((error as Error).message)
  }
  request.body = body
}

function hostLines (rawHeaders: readonly string[]): number {
  let count = 0
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string
    if (name.length === 4 && name.toLowerCase() === 'host') count++
  }
  return count
}

export function limiterBudgets (config: Config, authenticator: Authenticator): LimiterBudgets {
  const { max, anonymousMax, windowMs, failureMax, failureWindowMs } = config.rateLimit
  return {
    principal: { max, windowMs },
    // Without credentials every caller is anonymous: an address is then what a
    // principal is otherwise.
    address: { max: authenticator.enabled ? anonymousMax : max, windowMs },
    failure: { max: failureMax, windowMs: failureWindowMs }
  }
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

export async function buildApp ({ config, store, logger, tracing }: AppOptions): Promise<FastifyInstance> {
  const authenticator = await createAuthenticator(config.auth)
  // Set once the families are known, below; the router may call it only after that.
  let errorBodyOutsideRoutes: ErrorBodyShape = taskStatusErrorBody
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      // Credentials never reach the logs, nor do those put in a query string.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: requestLogValue },
      ...(tracing !== undefined && { mixin: tracing.logFields })
    },
    // Request ids are ours (the ErrorResponseDto trackingId form, 32 hex digits), never a
    // client's. randomUUID draws from a buffered pool: no entropy call per request.
    genReqId: () => randomUUID().replaceAll('-', ''),
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
      const answer = (reply as FastifyReply).headers(defaultSecurityHeaders()).header('x-request-id', request.id)
      sendProblem(error, request, answer, errorBodyOutsideRoutes).catch((failure: unknown) => { request.log.error({ err: failure }, 'cannot answer') })
    },
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    // Node looks for requests past their timeouts this often (30 s by default, which
    // would let a slow client hold its connection for that long past the limit).
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    clientErrorHandler: connectionErrorHandler(taskStatusErrorBody, defaultSecurityHeaders())
  })
  limitConnections(app.server, config.http)
  app.decorateRequest('principal', '')
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // PostgreSQL text cannot hold U+0000: refused in a URL as in a JSON body, so that
    // every store answers alike (and none with a 500).
    if (/%00|\0/.test(request.url)) throw new UnstorableTextError('URL')
    // RFC 9112 §3.2: two Host lines leave it to each hop which host is meant.
    if (hostLines(request.raw.rawHeaders) > 1) throw new DuplicateHostError()
  })
  await app.register(securityHeaders)
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposedHeaders: ['Location', 'ETag', 'X-Total-Count', 'X-Request-Id', 'Retry-After', 'Accept-Patch', 'WWW-Authenticate']
    })
  }
  const budgets = limiterBudgets(config, authenticator)
  const limiter = config.rateLimit.redisUrl === undefined
    ? createMemoryLimiter(budgets)
    : createRedisLimiter(config.rateLimit.redisUrl, budgets, unreachableReporter(app))
  app.addHook('onClose', async () => { limiter.close() })
  rateLimitRoutes(app, limiter)
  await app.register(jsonBodyParsers)
  await app.register(validatorCompiler)
  // Before every route, so that each request's span is the parent of what it does.
  if (tracing !== undefined) await app.register(tracing.plugin)
  const timedStore = await operatorRoutes(app, { store, tracer: tracing?.tracer, authenticator, limiter, metricsRequireAuth: config.metricsRequireAuth })
  const { taskStatus, humanTask, oauth } = apiFamilies(config, timedStore, authenticator, limiter)
  await apiDocs(app, [taskStatus, humanTask, oauth])
  // Errors outside any family's routes, and unknown paths, take the shape of the
  // family whose paths they fall under; the Task Status shape, the family mounted
  // at the root, elsewhere.
  errorBodyOutsideRoutes = errorBodyByPath([humanTask, oauth, taskStatus], taskStatus)
  setFamilyErrorHandler(app, errorBodyOutsideRoutes)
  setNotFoundByFamily(app, [humanTask, oauth, taskStatus], taskStatus)
  await registerApiFamily(app, taskStatus)
  await registerApiFamily(app, humanTask)
  await registerApiFamily(app, oauth)
  if (config.webhooks.enabled) await app.register(webhookDelivery, { store, config: config.webhooks })
  app.addHook('onClose', async () => { await store.close() })
  if (!authenticator.enabled) {
    app.log.warn({ host: config.host }, 'no credentials are configured: serving without authentication (loopback only unless AUTH_DISABLED=true)')
  }
  return app
}
