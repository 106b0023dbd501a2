// Every API family's routes, from the spec (api-family.ts). Each route's hooks are
// added as it is registered, so what adds them must be registered first: the rate
// limit, the body parsers and the validator compiler; the handlers need the store.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Authenticator } from '../auth/authenticator.js'
import { registerApiFamily, type ApiFamily } from '../http/api-family.js'

export interface ApiFamilyRoutesOptions {
  families: readonly ApiFamily[]
  authenticator: Authenticator
}

async function apiFamilyRoutes (app: FastifyInstance, { families, authenticator }: ApiFamilyRoutesOptions): Promise<void> {
  const services = { store: app.store, authenticator, limiter: app.requestLimiter }
  for (const family of families) await registerApiFamily(app, family, services)
}

export default fp(apiFamilyRoutes, {
  name: 'taskd-api-family-routes',
  fastify: '5.x',
  dependencies: ['taskd-request-checks', 'taskd-security-headers', 'taskd-rate-limit', 'taskd-json-body-parsers', 'taskd-validator-compiler', 'taskd-task-store', 'taskd-family-errors']
})
