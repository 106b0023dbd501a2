// Reading and extending the route options that fastify-openapi-glue builds from the
// spec, for the onRoute hooks that add taskd's own behaviour to every operation.
import type { FastifySchema, RouteOptions } from 'fastify'

/** The spec's operationId of a route (glue copies it into the route's schema). */
export function operationIdOf (schema: FastifySchema | undefined): string | undefined {
  return (schema as { operationId?: string } | undefined)?.operationId
}

type Hooks = NonNullable<RouteOptions['onRequest']> | NonNullable<RouteOptions['preHandler']> | NonNullable<RouteOptions['onResponse']>

function asList (hooks: Hooks | undefined): unknown[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]
}

/** Puts `hooks` before the route's own onRequest hooks. */
export function prependOnRequest (route: RouteOptions, hooks: Hooks): void {
  route.onRequest = [...asList(hooks), ...asList(route.onRequest)] as RouteOptions['onRequest']
}

/** Puts `hooks` after the route's own onRequest hooks. */
export function appendOnRequest (route: RouteOptions, hooks: Hooks): void {
  route.onRequest = [...asList(route.onRequest), ...asList(hooks)] as RouteOptions['onRequest']
}

/** Puts `hooks` after the route's own onResponse hooks. */
export function appendOnResponse (route: RouteOptions, hooks: NonNullable<RouteOptions['onResponse']>): void {
  route.onResponse = [...asList(route.onResponse), ...asList(hooks)] as RouteOptions['onResponse']
}
