// An API family is the part of the spec under one tag, mounted at its prefix, with
// its handlers and its error body shape. Registering one gives it an encapsulated
// context: its own error handler, the declared-content-type check, and its routes
// from the spec through fastify-openapi-glue.
import type { FastifyInstance, RouteOptions } from 'fastify'
import openapiGlue from 'fastify-openapi-glue'
import { MethodNotAllowedError, RouteNotFoundError } from '../errors.js'
import { specForTag, specOperations } from '../spec.js'
import declaredContentTypes from './declared-content-types.js'
import { setFamilyErrorHandler, type ErrorBodyShape } from './error-handler.js'
import { operationIdOf, prependOnRequest } from './route-options.js'

export interface ApiFamily {
  tag: string
  /** Where the family's paths are mounted, e.g. API_PREFIX plus the family's own prefix. */
  prefix: string
  /** Segments under which every path is answered too, e.g. the version segments. */
  segments: readonly string[]
  handlers: object
  errorBody: ErrorBodyShape
  /** Route options by operationId, for what the spec cannot say (a larger body limit). */
  routeOptions?: Record<string, { bodyLimit?: number }>
  /** Enforce the spec's security requirements, one handler per security scheme. */
  securityHandlers?: object
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
// same check runs before anything else of the route.
function authenticateFirst (route: RouteOptions): void {
  if (route.preHandler === undefined) return
  prependOnRequest(route, route.preHandler)
  route.preHandler = undefined
}

export async function registerApiFamily (app: FastifyInstance, family: ApiFamily): Promise<void> {
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
      serviceHandlers: family.handlers,
      ...(family.securityHandlers !== undefined && { securityHandlers: family.securityHandlers }),
      prefix: family.prefix
    })
  })
}

/**
 * The family a URL falls under: the one with an operation at its path (and the
 * methods allowed there), else the one whose paths it is below, else `fallback`.
 */
function ownerByPath (families: readonly ApiFamily[], fallback: ApiFamily): (url: string) => { owner: ApiFamily, allowed: string[] | undefined } {
  const routes = families.map((family) => ({ family, paths: familyPaths(family) }))
  return (url) => {
    const path = url.split('?', 1)[0] ?? ''
    let owner = fallback
    for (const { family, paths } of routes) {
      const exact = paths.find((candidate) => candidate.pattern.test(path))
      if (exact !== undefined) return { owner: family, allowed: exact.methods }
      if (paths.some((candidate) => path === candidate.root || path.startsWith(candidate.root + '/'))) owner = family
    }
    return { owner, allowed: undefined }
  }
}

/**
 * Requests that match no route answer in the shape of the family whose paths they
 * fall under: 405 with Allow where the path exists with other methods, else 404.
 * Paths under no family answer in `fallback`'s shape.
 */
export function setNotFoundByFamily (app: FastifyInstance, families: readonly ApiFamily[], fallback: ApiFamily): void {
  const ownerOf = ownerByPath(families, fallback)
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? ''
    const { owner, allowed } = ownerOf(path)
    const error = allowed === undefined ? new RouteNotFoundError(request.method, path) : new MethodNotAllowedError(request.method, path)
    if (allowed !== undefined) reply.header('allow', allowed.join(', '))
    const problem = { statusCode: error.statusCode, message: error.message, causes: [], code: error.code }
    return await reply.code(error.statusCode).type('application/json; charset=utf-8').send(owner.errorBody(problem, request.id, request.url))
  })
}

/**
 * The error body for errors raised outside every family's routes (a body the 404
 * handler could not parse, a URL the router refused): the shape of the family the
 * URL falls under, as for a 404.
 */
export function errorBodyByPath (families: readonly ApiFamily[], fallback: ApiFamily): ErrorBodyShape {
  const ownerOf = ownerByPath(families, fallback)
  return (problem, trackingId, url) => ownerOf(url).owner.errorBody(problem, trackingId, url)
}
