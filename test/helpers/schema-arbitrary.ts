// fast-check arbitraries from the spec's schemas: values that match a schema (mostly;
// formats and patterns are approximated by known-good values), and mutations of such
// values that break it in one place.
import fc from 'fast-check'
import type { OpenAPIV3 } from 'openapi-types'
import { resolveRef } from './spec-document.js'
import { isoInstant, jsonValue, pointersIn, text } from './task-status-arbitraries.js'

type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject

const KNOWN_PATTERNS: Record<string, fc.Arbitrary<string>> = {
  '^[0-9a-f]{32}$': fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$': fc.constantFrom('P3D', 'PT4H', 'P1Y2M', 'P2W', 'PT30M', 'P1DT12H', 'PT0S')
}

function stringFor (schema: OpenAPIV3.SchemaObject): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoInstant
  if (schema.pattern !== undefined) {
    const known = KNOWN_PATTERNS[schema.pattern]
    if (known !== undefined) return known
    const pattern = new RegExp(schema.pattern, 'u')
    return fc.stringMatching(pattern)
  }
  const minLength = schema.minLength ?? 0
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 30, 30))
  return text(maxLength).filter((value) => [...value].length >= minLength)
}

/** Values matching `schema` (a schema of the spec, $refs resolved as they come). */
export function valueFor (schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolveRef(schema)
  const inner = ((): fc.Arbitrary<unknown> => {
    if (resolved.enum !== undefined) return fc.constantFrom(...resolved.enum.filter((value) => value !== null))
    switch (resolved.type) {
      case 'string':
        return stringFor(resolved)
      case 'integer':
        return fc.oneof(
          fc.integer({ min: Math.max(resolved.minimum ?? -1000, -1000), max: Math.min(resolved.maximum ?? 1000, 1000) }),
          fc.constantFrom(...[resolved.minimum, resolved.maximum].filter((bound): bound is number => bound !== undefined))
        )
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: resolved.minimum, max: resolved.maximum })
      case 'boolean':
        return fc.boolean()
      case 'array':
        return fc.array(depth > 4 ? fc.constant(null) : valueFor(resolved.items, depth + 1), {
          minLength: resolved.minItems ?? 0,
          maxLength: Math.max(resolved.minItems ?? 0, Math.min(resolved.maxItems ?? 3, 3))
        })
      case 'object': {
        const properties = Object.entries(resolved.properties ?? {})
        if (properties.length === 0) {
          const additional = resolved.additionalProperties
          const values = typeof additional === 'object' ? valueFor(additional, depth + 1) : jsonValue
          return fc.dictionary(text(12).filter((key) => key.length > 0), values, { maxKeys: 3, noNullPrototype: true })
        }
        const shape = Object.fromEntries(properties.map(([name, property]) => [name, depth > 4 ? fc.constant(null) : valueFor(property, depth + 1)]))
        return fc.record(shape, { requiredKeys: resolved.required ?? [], noNullPrototype: true })
          .filter((value) => Object.keys(value).length >= (resolved.minProperties ?? 0))
      }
      default:
        return jsonValue
    }
  })()
  return resolved.nullable === true ? fc.option(inner, { freq: 8 }) : inner
}

/** A value of a type no schema field expects where it stands. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, '', 'x'.repeat(3000), [], {}, [null], { nested: { deeper: [] } }),
  jsonValue
)

/** `value` broken in one place: a member dropped, an unknown one added, or one given a wrong value. */
export function mutated (value: unknown): fc.Arbitrary<unknown> {
  const places = pointersIn(value, 3)
  if (places.length === 0 || typeof value !== 'object' || value === null) return wrongValue
  return fc.tuple(fc.constantFrom(...places), fc.constantFrom('drop', 'add', 'replace'), wrongValue).map(([{ pointer }, how, replacement]) => {
    const copy = structuredClone(value) as Record<string, unknown>
    const tokens = pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    const last = tokens.pop() as string
    const parent = tokens.reduce<any>((node, token) => node[token], copy)
    if (how === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1)
      else delete parent[last]
    } else if (how === 'add' && !Array.isArray(parent)) {
      parent[`unknown${last}`] = replacement
    } else {
      parent[last] = replacement
    }
    return copy
  })
}
