// What every request gets before anything else of its route: the X-Request-Id header
// (the id is taskd's own, see app.ts), an empty principal until a security handler
// authenticates it (and no granted scopes), and the refusal of URLs and header sets
// that no route should see.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DuplicateHostError, UnstorableTextError } from '../errors.js'
import type {} from '../http/principal.js'

function hostLines (rawHeaders: readonly string[]): number {
  let count = 0
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string
    if (name.length === 4 && name.toLowerCase() === 'host') count++
  }
  return count
}

async function requestChecks (app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', '')
  app.decorateRequest('grantedScopes', null)
  // A callback hook: nothing here waits, so no request pays for a promise.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    // PostgreSQL text cannot hold U+0000: refused in a URL as in a JSON body, so that
    // every store answers alike (and none with a 500).
    if (/%00|\0/.test(request.url)) {
      done(new UnstorableTextError('URL'))
      return
    }
    // RFC 9112 §3.2: two Host lines leave it to each hop which host is meant.
    if (hostLines(request.raw.rawHeaders) > 1) {
      done(new DuplicateHostError())
      return
    }
    done()
  })
}

export default fp(requestChecks, { name: 'taskd-request-checks', fastify: '5.x' })
