// A body is accepted only in a content type its operation declares, and must be
// present when the operation requires one. Fastify parses any type it has a parser
// for and validates a body only against the schema of its own type, so an
// undeclared type (text/plain, say) or a missing body would reach the handler
// unvalidated. This refuses both before the body is even read.
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { BodyRequiredError, UnsupportedMediaTypeError } from '../errors.js'
import { mediaTypeOf } from '../http/media-type.js'
import { requestBodyOf } from '../spec.js'
import { operationIdOf, prependOnRequest } from '../http/route-options.js'

async function declaredContentTypes (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const operationId = operationIdOf(route.schema)
    if (operationId === undefined) return
    const { required, mediaTypes } = requestBodyOf(operationId)
    if (mediaTypes.length === 0) return
    const isPatch = (Array.isArray(route.method) ? route.method : [route.method]).includes('PATCH')
    const refuseUndeclared: onRequestHookHandler = async (request, reply) => {
      const type = mediaTypeOf(request.headers['content-type'])
      if (type !== undefined && mediaTypes.includes(type)) return
      const hasBody = request.headers['transfer-encoding'] !== undefined ||
        (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0')
      if (type === undefined && !hasBody) {
        if (required) throw new BodyRequiredError(mediaTypes.join(' or '))
        return
      }
      // RFC 5789 §3.1: tell the client which patch formats are understood.
      if (isPatch) reply.header('accept-patch', mediaTypes.join(', '))
      throw new UnsupportedMediaTypeError(type ?? '(none)', mediaTypes.join(' or '))
    }
    prependOnRequest(route, refuseUndeclared)
  })
}

export default fp(declaredContentTypes, { name: 'taskd-declared-content-types' })
