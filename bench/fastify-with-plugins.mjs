// A second ceiling: the bare Fastify route of bare-fastify.mjs with the cross-cutting
// plugins taskd registers on every request, configured as taskd configures them: the
// request id (generated, and sent in X-Request-Id), helmet's security headers and the
// route latency histogram and the rate limit (in memory, a limit no request reaches),
// taskd's own, from dist/, and fastify-metrics for /metrics. No validation, no authentication, no store. What separates taskd's GET
// from this is taskd's own work; what separates this from bare Fastify is the plugins.
// Prints `LISTENING <port>` once it listens.
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import fastifyMetrics from 'fastify-metrics'
import { createMemoryLimiter } from '../dist/limits/request-limiter.js'
import { rateLimitRoutes } from '../dist/plugins/rate-limit.js'
import routeMetrics from '../dist/plugins/route-metrics.js'
import securityHeaders from '../dist/plugins/security-headers.js'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'

const app = Fastify({ logger: { level: 'warn' }, genReqId: () => randomUUID().replaceAll('-', ''), requestIdHeader: false })
app.decorateRequest('principal', '')
app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id) })
await app.register(securityHeaders)
const budget = { max: 1_000_000_000, windowMs: 60_000 }
rateLimitRoutes(app, createMemoryLimiter({ principal: budget, address: budget, failure: budget }))
await app.register(fastifyMetrics.default ?? fastifyMetrics, { endpoint: '/metrics', routeMetrics: { enabled: false } })
await app.register(routeMetrics)
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${app.server.address().port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
