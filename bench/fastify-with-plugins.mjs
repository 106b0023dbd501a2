// A second ceiling: the bare Fastify route of bare-fastify.mjs with the cross-cutting
// plugins taskd registers on every request, configured as taskd configures them: the
// request id (generated, and sent in X-Request-Id), helmet's security headers and the
// route latency histogram (taskd's own plugins, from dist/), the rate limit (in memory,
// a limit no request reaches) and fastify-metrics for /metrics. No validation, no authentication, no store. What separates taskd's GET
// from this is taskd's own work; what separates this from bare Fastify is the plugins.
// Prints `LISTENING <port>` once it listens.
import { randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import Fastify from 'fastify'
import fastifyMetrics from 'fastify-metrics'
import routeMetrics from '../dist/plugins/route-metrics.js'
import securityHeaders from '../dist/plugins/security-headers.js'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'

const app = Fastify({ logger: { level: 'warn' }, genReqId: () => randomUUID().replaceAll('-', ''), requestIdHeader: false })
app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id) })
await app.register(securityHeaders)
await app.register(rateLimit, { global: true, max: 1_000_000_000, timeWindow: 60_000 })
await app.register(fastifyMetrics.default ?? fastifyMetrics, { endpoint: '/metrics', routeMetrics: { enabled: false } })
await app.register(routeMetrics)
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${app.server.address().port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
