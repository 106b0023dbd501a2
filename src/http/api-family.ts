// An API family is the part of the spec under one tag, mounted at its prefix, with
// its handlers and its error body shape (the families are listed in api-families.ts).
// Registering one gives it an encapsulated context: its own error handler, the
// declared-content-type check, and its routes from the spec through
// fastify-openapi-glue. Outside every family's routes (unknown paths, what the router
// refuses) the family a URL falls under is found from the same spec paths.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import openapiGlue from 'fastify-openapi-glue'
import type { Authenticator } from '../auth/authenticator.js'
import { MethodNotAllowedError, RouteNotFoundError } from '../errors.js'
import type { RequestLimiter } from '../limits/request-limiter.js'
import declaredContentTypes from '../plugins/declared-content-types.js'
import { specForTag, specOperations } from '../spec.js'
import type { TaskStore } from '../store/task-store.js'
import { setFamilyErrorHandler, type ErrorBodyShape } from './error-responses.js'
import { operationIdOf, prependOnRequest } from './route-options.js'

/** What a family's handlers and security handlers are made with, known once the app's plugins have started. */
export interface FamilyServices {
  store: TaskStore
  authenticator: Authenticator
  limiter: RequestLimiter
}

export interface ApiFamily {
  tag: string
  /** Where the family's paths are mounted, e.g. API_PREFIX plus the family's own prefix. */
  prefix: string
  /** Segments under which every path is answered too, e.g. the version segments. */
  segments: readonly string[]
  /** One handler per operationId of the tag. */
  handlers: (services: FamilyServices) => object
  errorBody: ErrorBodyShape
  /** Route options by operationId, for what the spec cannot say (a larger body limit). */
  routeOptions?: Record<string, { bodyLimit?: number }>
  /** Enforce the spec's security requirements, one handler per security scheme. */
  securityHandlers?: (services: FamilyServices) => object
  /** Plugins of this family alone, such as the body parsers only it needs. */
  setup?: (context: FastifyInstance) => Promise<void>
}

interface FamilyPath { full: string, templated: boolean, pattern: RegExp, root: string, methods: string[] }

const escapeRegExp = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&')

function familyPaths (family: ApiFamily): FamilyPath[] {
  const byPath = new Map<string, string[]>()
  for (const { path, method } of specOperations(specForTag(family.tag, family.segments))) {
    byPath.set(path, [...(byPath.get(path) ?? []), method.toUpperCase()])
  }
  return [...byPath].map(([path, methods]) => {
    const full = family.prefix + path
    const pattern = new RegExp('^' + full.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+') + '$')
    return { full, templated: full.includes('{'), pattern, root: family.prefix + '/' + (path.split('/')[1] ?? ''), methods }
  })
}

// A concrete path matches before a templated one (OpenAPI 3.0.3 §4.7.8): the methods
// `/task-status/pending-tasks` does not declare must not fall through to
// `/task-status/{id}` (a DELETE of the task status 'pending-tasks'). The router sends
// them to the templated route; this answers them there with 405 and the concrete
// path's Allow, before anything else of the route runs.
function refuseShadowedMethods (route: RouteOptions, paths: readonly FamilyPath[]): void {
  const template = new RegExp('^' + route.url.split('/').map((segment) => segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)).join('/') + '$')
  const shadowed = paths.filter((path) => !path.templated && template.test(path.full))
  if (shadowed.length === 0 || !route.url.includes(':')) return
  prependOnRequest(route, async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? ''
    const concrete = shadowed.find((candidate) => candidate.full === path)
    if (concrete === undefined || concrete.methods.includes(request.method)) return
    reply.header('allow', concrete.methods.join(', '))
    throw new MethodNotAllowedError(request.method, path)
  })
}

// fastify-openapi-glue runs the security check as a preHandler, after the body has
// been read, parsed and validated: an anonymous caller would learn from a 400 what
// the body should be, and pay taskd to parse it. Moved to the front of onRequest, the
// same check runs before anything else of the route. The glue sets preHandler for
// nothing else (test/app/openapi-glue.test.ts holds it to that).
function authenticateFirst (route: RouteOptions): void {
  if (route.preHandler === undefined) return
  prependOnRequest(route, route.preHandler)
  route.preHandler = undefined
}

export async function registerApiFamily (app: FastifyInstance, family: ApiFamily, services: FamilyServices): Promise<void> {
  await app.register(async (context) => {
    setFamilyErrorHandler(context, family.errorBody)
    await family.setup?.(context)
    await context.register(declaredContentTypes)
    const paths = familyPaths(family)
    context.addHook('onRoute', (route) => {
      const operationId = operationIdOf(route.schema)
      if (operationId !== undefined) Object.assign(route, family.routeOptions?.[operationId])
      authenticateFirst(route)
      refuseShadowedMethods(route, paths)
    })
    await context.register(openapiGlue, {
      specification: specForTag(family.tag, family.segments),
      serviceHandlers: family.handlers(services),
      ...(family.securityHandlers !== undefined && { securityHandlers: family.securityHandlers(services) }),
      prefix: family.prefix
    })
  })
}

/** Which family answers for a URL outside every route: its error shape, its 404 and 405. */
export interface FamilyRouting {
  /** The error body of the family `url` falls under. */
  errorBody: ErrorBodyShape
  /** 405 with Allow where the path exists with other methods, else 404, in the family's shape. */
  notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>
}

/**
 * A URL falls under the family with an operation at its path, else the one whose
 * paths' first segment it is below (the longest such prefix), else `fallback`.
 */
export function familyRouting (families: readonly ApiFamily[], fallback: ApiFamily): FamilyRouting {
  const routes = families.map((family) => ({ family, paths: familyPaths(family) }))
  const ownerOf = (url: string): { owner: ApiFamily, allowed: string[] | undefined } => {
    const path = url.split('?', 1)[0] ?? ''
    let owner = fallback
    let ownerRoot = ''
    for (const { family, paths } of routes) {
      const exact = paths.find((candidate) => candidate.pattern.test(path))
      if (exact !== undefined) return { owner: family, allowed: exact.methods }
      for (const { root } of paths) {
        if (root.length > ownerRoot.length && (path === root || path.startsWith(root + '/'))) {
          owner = family
          ownerRoot = root
        }
      }
    }
    return { owner, allowed: undefined }
  }
  return {
    errorBody: (problem, trackingId, url) => ownerOf(url).owner.errorBody(problem, trackingId, url),
    notFound: async (request, reply) => {
      const path = request.url.split('?', 1)[0] ?? ''
      const { owner, allowed } = ownerOf(path)
      const error = allowed === undefined ? new RouteNotFoundError(request.method, path) : new MethodNotAllowedError(request.method, path)
      if (allowed !== undefined) reply.header('allow', allowed.join(', '))
      const problem = { statusCode: error.statusCode, message: error.message, causes: [], code: error.code }
      return await reply.code(error.statusCode).type('application/json; charset=utf-8').send(owner.errorBody(problem, request.id, request.url))
    }
  }
}
