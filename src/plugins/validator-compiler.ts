// Request validation against the spec's schemas. Query strings and path parameters
// arrive as text and are coerced to the declared types; bodies arrive as JSON and are
// not, so `"percentComplete": "50"` is refused instead of quietly becoming 50.
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify'
import fp from 'fastify-plugin'
import { createAjv } from '../ajv.js'
import { describeSchemaError } from '../spec-schemas.js'

async function validatorCompiler (app: FastifyInstance): Promise<void> {
  const bodyAjv = createAjv({ coerceTypes: false })
  const parameterAjv = createAjv({ coerceTypes: 'array' })
  const compile: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : parameterAjv).compile(schema)
  app.setValidatorCompiler(compile)
  app.setSchemaErrorFormatter((errors, dataVar) => new Error(describeSchemaError(errors as never, dataVar)))
}

export default fp(validatorCompiler, { name: 'taskd-validator-compiler' })
