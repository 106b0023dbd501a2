// The spec as clients see it: served by @fastify/swagger in static mode at
// /openapi.json and /openapi.yaml, and explored in Swagger UI at /docs. The served
// document is spec/openapi.yaml with each family's paths where they are mounted
// (API_PREFIX, HTM_PREFIX), so "Try it out" calls the real routes.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { documentHeaders } from './security-headers.js'
import type { OpenAPIV3 } from 'openapi-types'
import { loadSpec, specForTag } from '../spec.js'
import type { ApiFamily } from '../http/api-family.js'

export function servedDocument (families: readonly ApiFamily[]): OpenAPIV3.Document {
  const document = loadSpec()
  const paths: OpenAPIV3.PathsObject = {}
  for (const family of families) {
    for (const [path, item] of Object.entries(specForTag(family.tag).paths)) paths[family.prefix + path] = item
  }
  const oauth = document.components?.securitySchemes?.oauth2 as OpenAPIV3.OAuth2SecurityScheme | undefined
  const tokenPath = Object.keys(paths).find((path) => path.endsWith('/oauth/token'))
  if (oauth?.flows.clientCredentials !== undefined && tokenPath !== undefined) oauth.flows.clientCredentials.tokenUrl = tokenPath
  return { ...document, servers: [{ url: '/' }], paths }
}

async function apiDocs (app: FastifyInstance, { families }: { families: readonly ApiFamily[] }): Promise<void> {
  await app.register(swagger, { mode: 'static', specification: { document: servedDocument(families) } })
  // Swagger UI's page and what it loads are HTML documents: in a context of their own, they
  // get helmet's whole policy over the API's.
  await app.register(async (documents) => {
    documents.addHook('onRequest', documentHeaders)
    await documents.register(swaggerUi, {
      routePrefix: '/docs',
      // Helmet's policy for documents, plus inline style attributes, which
      // Swagger UI sets as it renders: without them the page is blocked in a browser.
      staticCSP: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"]
      },
      uiConfig: { deepLinking: true }
    })
  })
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())
  app.get('/openapi.yaml', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) =>
    await reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true })))
}

// After the rate limit, so that the documents are limited like any anonymous request;
// after the security headers, whose API policy the documents' hook replaces.
export default fp(apiDocs, { name: 'taskd-api-docs', fastify: '5.x', dependencies: ['taskd-rate-limit', 'taskd-security-headers'] })
