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
