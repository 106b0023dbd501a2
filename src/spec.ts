// spec/openapi.yaml is the single source of routes, parameters and schemas. It is
// read once; every consumer (the glue, swagger, the document validator) gets a copy
// so none of them can change what another sees.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { OpenAPIV3 } from 'openapi-types'
import { parse } from 'yaml'

export const specPath = fileURLToPath(new URL('../spec/openapi.yaml', import.meta.url))

const specDocument: OpenAPIV3.Document = parse(readFileSync(specPath, 'utf8'))

export function loadSpec (): OpenAPIV3.Document {
  return structuredClone(specDocument)
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * The part of the document whose operations carry `tag`, with each of its paths
 * repeated under every one of `mountSegments`: an API family answered at several
 * base paths is still declared once, and registered with one parse of the spec.
 */
export function specForTag (tag: string, mountSegments: readonly string[] = ['']): OpenAPIV3.Document {
  const doc = loadSpec()
  const paths: OpenAPIV3.PathsObject = {}
  for (const [path, item] of Object.entries(doc.paths)) {
    if (item === undefined) continue
    const kept: OpenAPIV3.PathItemObject = { ...item }
    let any = false
    for (const method of METHODS) {
      const operation = item[method]
      if (operation === undefined) continue
      if (operation.tags?.includes(tag) === true) any = true
      else delete kept[method]
    }
    if (!any) continue
    for (const segment of mountSegments) paths[segment + path] = kept
  }
  return { ...doc, paths }
}

/** Every operationId in the document, with its method, path and first tag. */
export function specOperations (doc: OpenAPIV3.Document = specDocument): Array<{ operationId: string, method: string, path: string, tag: string | undefined }> {
  const operations = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (operation?.operationId === undefined) continue
      operations.push({ operationId: operation.operationId, method, path, tag: operation.tags?.[0] })
    }
  }
  return operations
}

/** An operation's request body as the spec declares it: required or not, and its media types. */
export function requestBodyOf (operationId: string, doc: OpenAPIV3.Document = specDocument): { required: boolean, mediaTypes: string[] } {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (operation?.operationId !== operationId) continue
      const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined
      return { required: body?.required === true, mediaTypes: Object.keys(body?.content ?? {}) }
    }
  }
  throw new Error(`spec has no operation '${operationId}'`)
}

function resolved<T> (node: T | OpenAPIV3.ReferenceObject, doc: OpenAPIV3.Document): T {
  if (typeof node !== 'object' || node === null || !('$ref' in node)) return node
  const target = node.$ref.slice(2).split('/').reduce((at: any, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc)
  if (target === undefined) throw new Error(`spec has no ${node.$ref}`)
  return resolved(target as T, doc)
}

/** What the spec's extension `extension` says on the parameter `name` of an operation (an `x-taskd-…` rule taskd reads). */
export function parameterExtension<T> (operationId: string, name: string, extension: `x-${string}`, doc: OpenAPIV3.Document = specDocument): T {
  const operation = specOperations(doc).find((candidate) => candidate.operationId === operationId)
  if (operation === undefined) throw new Error(`spec has no operation '${operationId}'`)
  const declared = (doc.paths[operation.path] as Record<string, OpenAPIV3.OperationObject>)[operation.method]?.parameters ?? []
  const parameter = declared.map((item) => resolved(item, doc)).find((item) => item.name === name)
  const value = (parameter as Record<string, unknown> | undefined)?.[extension]
  if (value === undefined) throw new Error(`spec has no ${extension} on parameter '${name}' of '${operationId}'`)
  return value as T
}

/** The schema of a component schema's property, `path` deep (['target', 'id']), $refs followed. */
export function propertySchema (schemaName: string, path: readonly string[], doc: OpenAPIV3.Document = specDocument): OpenAPIV3.SchemaObject {
  const declared = doc.components?.schemas?.[schemaName]
  if (declared === undefined) throw new Error(`spec has no schema '${schemaName}'`)
  let schema: OpenAPIV3.SchemaObject = resolved(declared, doc)
  for (const key of path) {
    const property: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined = schema.properties?.[key]
    if (property === undefined) throw new Error(`spec schema '${schemaName}' has no property ${path.join('.')}`)
    schema = resolved(property, doc)
  }
  return schema
}

/** The operationIds that declare the component parameter `name` (`#/components/parameters/<name>`). */
export function operationsWithParameter (name: string, doc: OpenAPIV3.Document = specDocument): string[] {
  const ref = `#/components/parameters/${name}`
  const operationIds: string[] = []
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (operation?.operationId === undefined) continue
      if (operation.parameters?.some((parameter) => '$ref' in parameter && parameter.$ref === ref) === true) operationIds.push(operation.operationId)
    }
  }
  return operationIds
}
