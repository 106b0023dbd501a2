// Fastify 5's JSON parser does not take `application/json-patch+json`, so PATCH would
// answer 415 to the one type RFC 6902 defines. Register it with the same safe parser
// (prototype poisoning refused) that `application/json` uses.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function jsonPatchParser (app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
}

export default fp(jsonPatchParser, { name: 'taskd-json-patch-parser' })
