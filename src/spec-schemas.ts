// Validators for the spec's component schemas, for documents the server builds
// itself (a patched TaskStatus) and must check before storing.
import type { ErrorObject, ValidateFunction } from 'ajv'
import { createAjv } from './ajv.js'
import { loadSpec } from './spec.js'

const SPEC_ID = 'taskd-openapi'

const ajv = createAjv()
// The components alone, under the document's own layout so that its
// `#/components/schemas/…` references resolve unchanged. `components` is declared a
// keyword so that Ajv's strict mode accepts it at the root.
ajv.addKeyword({ keyword: 'components' })
ajv.addSchema({ components: loadSpec().components }, SPEC_ID)

export function compileComponentSchema<T> (name: string): ValidateFunction<T> {
  const validate = ajv.getSchema<T>(`${SPEC_ID}#/components/schemas/${name}`)
  if (validate === undefined) throw new Error(`spec has no component schema '${name}'`)
  return validate
}

/**
 * Ajv's first error as one readable line naming what is wrong, e.g.
 * "body/percentComplete must be <= 100" or "body must NOT have additional properties 'id'".
 */
export function describeSchemaError (errors: ErrorObject[] | null | undefined, subject = 'the document'): string {
  const error = errors?.[0]
  if (error === undefined) return `${subject} does not match the schema`
  const where = subject + error.instancePath
  const extra = error.keyword === 'additionalProperties'
    ? ` '${String((error.params as { additionalProperty: string }).additionalProperty)}'`
    : error.keyword === 'enum'
      ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== null).join(', ')}`
      : ''
  return `${where} ${error.message ?? 'is invalid'}${extra}`
}
