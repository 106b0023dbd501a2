// spec/openapi.yaml read on its own (with the yaml package), and validators for its
// schemas built by a plain Ajv: the tests' one oracle for "schema-valid", independent
// of the spec loader and the Ajv set-up taskd uses for itself, so that a bug in either
// cannot hide from the tests.
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { OpenAPIV3 } from 'openapi-types'
import { parse } from 'yaml'

export const spec: OpenAPIV3.Document = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8'))

// useDefaults stays off: validating must never change the value validated.
const ajv = new Ajv({ strict: false, logger: false, allErrors: false, useDefaults: false })
ajvFormats.default(ajv)
// The whole document, so that a response schema declared inline under a path is reachable too.
ajv.addSchema(spec as object, 'spec')

const validators = new Map<string, ValidateFunction>()

/** A validator for `#/components/schemas/<name>` of the spec. */
export function componentValidator (name: string): ValidateFunction {
  const validate = schemaValidatorAt(`/components/schemas/${name}`)
  if (validate === undefined) throw new Error(`spec has no component schema '${name}'`)
  return validate
}

/** A validator for the schema at `pointer` (a JSON Pointer into the spec), or undefined when there is none. */
export function schemaValidatorAt (pointer: string): ValidateFunction | undefined {
  let validate = validators.get(pointer)
  if (validate === undefined) {
    validate = ajv.getSchema(`spec#${pointer}`)
    if (validate === undefined) return undefined
    validators.set(pointer, validate)
  }
  return validate
}

/** The errors of the last validation by `validate`, as one line. */
export function validationErrors (validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors)
}

/** Whether `value` matches the component schema `name`. */
export function matchesComponent (name: string, value: unknown): boolean {
  return componentValidator(name)(value)
}

/** The first schema error of the last validation against `name`, as one line. */
export function componentError (name: string): string {
  return ajv.errorsText(componentValidator(name).errors)
}

/** Follows a local `$ref` of the spec; anything else is returned as it is. */
export function resolveRef<T> (node: T | OpenAPIV3.ReferenceObject): T {
  if (typeof node === 'object' && node !== null && '$ref' in node) {
    const target = node.$ref.slice(2).split('/').reduce((at: any, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec)
    if (target === undefined) throw new Error(`unresolved ${node.$ref}`)
    return resolveRef(target as T)
  }
  return node
}
