// A second ceiling: the bare Fastify route of bare-fastify.mjs with the cross-cutting
// plugins taskd registers for every request, taken from dist/ as app.ts registers them
// (the request checks and X-Request-Id, helmet's security headers, the rate limit in
// memory with a limit no request reaches, and the metrics with the route latency
// histogram). No validation, no authentication, no store. What separates taskd's GET
// from this is taskd's own work; what separates this from bare Fastify is the plugins.
// Prints `LISTENING <port>` once it listens.
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { createAuthenticator } from '../dist/auth/authenticator.js'
import { loadConfig } from '../dist/config.js'
import metrics from '../dist/plugins/metrics.js'
import rateLimit from '../dist/plugins/rate-limit.js'
import requestChecks from '../dist/plugins/request-checks.js'
import securityHeaders from '../dist/plugins/security-headers.js'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'

const config = loadConfig({ RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_ANONYMOUS_MAX: '1000000000' })
const authenticator = await createAuthenticator(config.auth)
const app = Fastify({ logger: { level: 'warn' }, genReqId: () => randomUUID().replaceAll('-', ''), requestIdHeader: false })
await app.register(requestChecks)
await app.register(securityHeaders)
await app.register(rateLimit, { config, authenticator })
await app.register(metrics, { authenticator, requireAuth: false })
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${app.server.address().port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
