// JSON Patch test vectors in the json-patch-tests format (github.com/json-patch/json-patch-tests):
// `doc`, `patch`, then `expected` or `error`, with `comment` and `disabled`. Vendored sets
// live under test/data/, each with a SOURCE file. This reads them and carries a vector to
// the HTTP boundary: a task status document whose `attributes` hold the vector's document.
import { readFileSync } from 'node:fs'

export interface PatchVector {
  comment?: string
  doc?: unknown
  patch?: unknown[]
  expected?: unknown
  error?: string
  disabled?: boolean
}

/** The enabled vectors of `file` under test/data/`directory`, each named for a test. */
export function patchVectors (directory: string, file: string): Array<[string, PatchVector]> {
  const all: PatchVector[] = JSON.parse(readFileSync(new URL(`../data/${directory}/${file}`, import.meta.url), 'utf8'))
  return all
    .map((vector, index): [string, PatchVector] => [`${file} #${index}: ${vector.comment ?? vector.error ?? JSON.stringify(vector.patch)}`, vector])
    .filter(([, vector]) => vector.patch !== undefined && vector.disabled !== true)
}

/** A vector as a PATCH of a task status: the attributes to create it with, and the patch to send. */
export interface AttributesCase {
  attributes: Record<string, unknown>
  patch: unknown[]
  /** Where the vector's document sits in the task status. */
  root: string
  /** The vector's expected document as the task status's attributes will hold it. */
  expectedAttributes?: Record<string, unknown>
}

const WRAPPED_KEY = 'doc'

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const pointsAtRoot = (operation: unknown): boolean =>
  isPlainObject(operation) && (operation.path === '' || operation.from === '')

// A pointer moves under the root; anything that is no pointer (no leading '/', not a
// string at all) is left as it is, so that a vector refused for its pointer still is.
function rooted (pointer: unknown, root: string): unknown {
  return typeof pointer === 'string' && (pointer === '' || pointer.startsWith('/')) ? root + pointer : pointer
}

/**
 * The vector's document goes in `attributes` as it is when it is an object and no
 * operation names the root; otherwise (an array, a scalar, a patch that replaces or
 * moves the whole document) `attributes` must stay an object, so the document is
 * wrapped one level down, at `/attributes/doc`.
 */
export function asAttributesCase (vector: PatchVector): AttributesCase {
  const patch = vector.patch ?? []
  const wrapped = !isPlainObject(vector.doc) || patch.some(pointsAtRoot)
  const root = wrapped ? `/attributes/${WRAPPED_KEY}` : '/attributes'
  const attributes = wrapped ? { [WRAPPED_KEY]: vector.doc } : vector.doc as Record<string, unknown>
  return {
    attributes,
    root,
    patch: patch.map((operation) => isPlainObject(operation)
      ? { ...operation, ...('path' in operation && { path: rooted(operation.path, root) }), ...('from' in operation && { from: rooted(operation.from, root) }) }
      : operation),
    ...('expected' in vector && { expectedAttributes: wrapped ? { [WRAPPED_KEY]: vector.expected } : vector.expected as Record<string, unknown> })
  }
}
