// Errors raised outside every family's routes (a body the 404 handler could not parse),
// and requests no route matches, answer in the shape of the family whose paths they
// fall under (api-family.ts's familyRouting); each family's own routes have their own
// error handler (registerApiFamily).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { FamilyRouting } from '../http/api-family.js'
import { setFamilyErrorHandler } from '../http/error-responses.js'

async function familyErrors (app: FastifyInstance, { routing }: { routing: FamilyRouting }): Promise<void> {
  setFamilyErrorHandler(app, routing.errorBody)
  app.setNotFoundHandler(routing.notFound)
}

export default fp(familyErrors, { name: 'taskd-family-errors', fastify: '5.x' })
