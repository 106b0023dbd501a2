// JSON bodies, read as bytes and refused unless they are valid UTF-8 (decoding would
// otherwise turn bad bytes into U+FFFD silently), then parsed by Fastify's own safe
// parser, which refuses prototype poisoning. `application/json-patch+json` gets the
// same parser: Fastify 5 would otherwise answer 415 to the one type RFC 6902 defines.
import { isUtf8 } from 'node:buffer'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { InvalidEncodingError } from '../errors.js'

async function jsonBodyParsers (app: FastifyInstance): Promise<void> {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  for (const type of ['application/json', 'application/json-patch+json']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (request, body, done) => {
      if (!isUtf8(body as Buffer)) {
        done(new InvalidEncodingError(), undefined)
        return
      }
      parse(request, (body as Buffer).toString('utf8'), done)
    })
  }
}

export default fp(jsonBodyParsers, { name: 'taskd-json-body-parsers' })
