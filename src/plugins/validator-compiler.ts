// Request validation against the spec's schemas. Query strings and path parameters
// arrive as text and are coerced to the declared types; bodies arrive as JSON and are
// not, so `"percentComplete": "50"` is refused instead of quietly becoming 50.
import type { ValidateFunction } from 'ajv'
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify'
import fp from 'fastify-plugin'
import { createAjv } from '../ajv.js'
import { describeSchemaError } from '../spec-schemas.js'

const bodyAjv = createAjv({ coerceTypes: false })
const parameterAjv = createAjv({ coerceTypes: 'array' })

// Each API family is mounted at several prefixes from the same spec, so the same
// schemas arrive once per mount point; compiling each only once keeps start-up short.
const compiled = new Map<string, ValidateFunction>()

const compile: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const isBody = httpPart === 'body'
  const key = `${isBody ? 'body' : 'parameters'}:${JSON.stringify(schema)}`
  let validate = compiled.get(key)
  if (validate === undefined) {
    validate = (isBody ? bodyAjv : parameterAjv).compile(schema)
    compiled.set(key, validate)
  }
  return validate
}

async function validatorCompiler (app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(compile)
  app.setSchemaErrorFormatter((errors, dataVar) => new Error(describeSchemaError(errors as never, dataVar)))
}

export default fp(validatorCompiler, { name: 'taskd-validator-compiler' })
