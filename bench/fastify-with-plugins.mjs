// @ts-check
// A second ceiling: the bare Fastify route of bare-fastify.mjs with the cross-cutting
// plugins taskd registers for every request, taken from dist/ as app.ts registers them
// (the in-flight count a shutdown drains, the request checks and X-Request-Id, helmet's security headers, the rate limit in
// memory with a limit no request reaches, and the metrics with the route latency
// histogram). No validation, no authentication, no store. What separates taskd's GET
// from this is taskd's own work; what separates this from bare Fastify is the plugins.
// BENCH_PLUGINS (comma-separated: draining, checks, headers, rateLimit, metrics; all by
// default) registers only those, in app.ts's order: bench/plugin-ladder.mjs adds them one
// at a time to see what each costs. Prints `LISTENING <port>` once it listens.
import Fastify from 'fastify'
import { built } from './dist.mjs'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'

const { newRequestId } = /** @type {typeof import('../src/http/request-ids.js')} */ (await built('http/request-ids.js'))
const { createAuthenticator } = /** @type {typeof import('../src/auth/authenticator.js')} */ (await built('auth/authenticator.js'))
const { loadConfig } = /** @type {typeof import('../src/config.js')} */ (await built('config.js'))
const { default: metrics } = /** @type {typeof import('../src/plugins/metrics.js')} */ (await built('plugins/metrics.js'))
const { default: rateLimit } = /** @type {typeof import('../src/plugins/rate-limit.js')} */ (await built('plugins/rate-limit.js'))
const { default: requestDraining } = /** @type {typeof import('../src/plugins/request-draining.js')} */ (await built('plugins/request-draining.js'))
const { default: requestChecks } = /** @type {typeof import('../src/plugins/request-checks.js')} */ (await built('plugins/request-checks.js'))
const { default: securityHeaders } = /** @type {typeof import('../src/plugins/security-headers.js')} */ (await built('plugins/security-headers.js'))

const config = loadConfig({ RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_ANONYMOUS_MAX: '1000000000' })
const authenticator = await createAuthenticator(config.auth)
const app = Fastify({ logger: { level: 'warn' }, genReqId: newRequestId, requestIdHeader: false })
const plugins = new Set((process.env.BENCH_PLUGINS ?? 'draining,checks,headers,rateLimit,metrics').split(','))
if (plugins.has('draining')) await app.register(requestDraining)
// The rate limit depends on the request checks.
if (plugins.has('checks') || plugins.has('rateLimit')) await app.register(requestChecks)
if (plugins.has('headers')) await app.register(securityHeaders)
if (plugins.has('rateLimit')) await app.register(rateLimit, { config, authenticator })
// The metrics plugin depends on the rate limit's decoration.
if (plugins.has('metrics')) {
  if (!plugins.has('rateLimit')) throw new Error('BENCH_PLUGINS: metrics needs rateLimit')
  await app.register(metrics, { authenticator, requireAuth: false })
}
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${/** @type {import('node:net').AddressInfo} */ (app.server.address()).port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
