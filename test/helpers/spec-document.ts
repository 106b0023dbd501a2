// spec/openapi.yaml read on its own (with the yaml package), and validators for its
// component schemas built by a plain Ajv: the tests' oracle for "schema-valid",
// independent of the validators taskd compiles for itself.
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import ajvFormats from 'ajv-formats'
import type { OpenAPIV3 } from 'openapi-types'
import { parse } from 'yaml'

export const spec: OpenAPIV3.Document = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8'))

// useDefaults stays off: validating must never change the value validated.
const ajv = new Ajv({ strict: false, logger: false, allErrors: false, useDefaults: false })
ajvFormats.default(ajv)
ajv.addSchema({ components: spec.components }, 'spec')

const validators = new Map<string, ValidateFunction>()

/** A validator for `#/components/schemas/<name>` of the spec. */
export function componentValidator (name: string): ValidateFunction {
  let validate = validators.get(name)
  if (validate === undefined) {
    validate = ajv.getSchema(`spec#/components/schemas/${name}`)
    if (validate === undefined) throw new Error(`spec has no component schema '${name}'`)
    validators.set(name, validate)
  }
  return validate
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
