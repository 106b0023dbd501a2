// What orchestrators call: liveness and readiness (/metrics is metrics.ts's). These
// routes are not part of the API, so they are declared here rather than in the spec,
// need no credentials and are not rate-limited.
import type {} from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function operatorRoutes (app: FastifyInstance): Promise<void> {
  app.get('/health', { config: { rateLimit: false }, schema: { hide: true } }, async () => ({ status: 'ok' }))

  app.get('/ready', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    try {
      await app.store.ping()
      return { status: 'ready' }
    } catch (error) {
      request.log.warn({ err: error }, 'store not reachable')
      return await reply.code(503).send({ status: 'not ready', reason: 'the store cannot be reached' })
    }
  })
}

export default fp(operatorRoutes, { name: 'taskd-operator-routes', fastify: '5.x', dependencies: ['taskd-task-store', 'taskd-rate-limit'] })
