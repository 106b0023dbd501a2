// taskd moves the security check fastify-openapi-glue sets as a route's preHandler to
// the front of onRequest (api-family.ts's authenticateFirst). That is right only while
// the glue uses preHandler for security alone and adds no other hook: these tests say so
// for the version installed, so that an upgrade that changes it fails here first.
import Fastify, { type RouteOptions } from 'fastify'
import openapiGlue from 'fastify-openapi-glue'
import { describe, expect, it } from 'vitest'
import { apiFamilies } from '../../src/api-families.js'
import { loadConfig } from '../../src/config.js'
import validatorCompiler from '../../src/plugins/validator-compiler.js'
import { specForTag, specOperations } from '../../src/spec.js'

const HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort'] as const

async function routesOfGlue (securityHandlers: object | undefined): Promise<RouteOptions[]> {
  const family = apiFamilies(loadConfig({})).root
  const routes: RouteOptions[] = []
  // As app.ts makes it: HEAD only where the spec declares it.
  const app = Fastify({ logger: false, exposeHeadRoutes: false })
  await app.register(validatorCompiler)
  app.addHook('onRoute', (route) => { routes.push(route) })
  const handlers = Object.fromEntries(specOperations().map(({ operationId }) => [operationId, async () => ({})]))
  await app.register(openapiGlue, { specification: specForTag(family.tag), serviceHandlers: handlers, ...(securityHandlers !== undefined && { securityHandlers }) })
  await app.ready()
  await app.close()
  return routes
}

describe('fastify-openapi-glue', () => {
  it('sets a preHandler on a secured operation when security handlers are given', async () => {
    const routes = await routesOfGlue({ oauth2: async () => undefined })
    expect(routes.length).toBeGreaterThan(0)
    for (const route of routes) expect(route.preHandler, route.url).toBeTypeOf('function')
  })

  it('sets no hook at all without security handlers', async () => {
    const routes = await routesOfGlue(undefined)
    for (const route of routes) {
      for (const hook of HOOKS) expect(route[hook], `${hook} of ${route.url}`).toBeUndefined()
    }
  })

  it('sets no hook but the preHandler with security handlers', async () => {
    const routes = await routesOfGlue({ oauth2: async () => undefined })
    for (const route of routes) {
      for (const hook of HOOKS.filter((name) => name !== 'preHandler')) expect(route[hook], `${hook} of ${route.url}`).toBeUndefined()
    }
  })
})
