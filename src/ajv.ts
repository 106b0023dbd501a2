// One Ajv configuration for everything validated against the spec: request parts
// (through Fastify's validator compiler) and stored documents (after a patch).
import { Ajv, type Options } from 'ajv'
import ajvFormats from 'ajv-formats'

// ajv-formats is CommonJS; its `default` property is the plugin both at run time and
// in its type declarations.
const addFormats = ajvFormats.default

export function createAjv (options: Pick<Options, 'coerceTypes'> = {}): Ajv {
  const ajv = new Ajv({
    // Unknown properties are refused, never silently stripped: a client-sent `id`
    // must be a 400, not vanish.
    removeAdditional: false,
    useDefaults: true,
    // One error is enough for a client and keeps a hostile body cheap (Fastify's advice).
    allErrors: false,
    strict: true,
    // OpenAPI 3.0's `nullable` is understood by Ajv natively.
    ...options
  })
  addFormats(ajv)
  // OpenAPI annotations that are not JSON Schema keywords.
  ajv.addKeyword({ keyword: 'example' })
  return ajv
}
