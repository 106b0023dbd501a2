// RFC 6902 on top of rfc6902, made atomic and safe. The library applies every
// operation even after one fails and mutates the object it is given, so the patch is
// applied to a private copy that is kept only when every operation succeeded.
// Pointer segments that name an object's prototype are refused before the library
// sees them: `add /__proto__` would otherwise swap the copy's prototype. The library
// also looks array elements up as properties, so a token such as `length` or `1e0`
// would name something that is no element (`replace /a/length` resizes the array):
// tokens into arrays are checked against the document as each operation applies.
import { applyPatch, type Operation } from 'rfc6902'
import { PatchInvalidError, PatchTestFailedError } from '../errors.js'

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  from?: string
  value?: unknown
}

const PROTOTYPE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype'])
const NEEDS_VALUE = new Set(['add', 'replace', 'test'])
const NEEDS_FROM = new Set(['move', 'copy'])

/** The unescaped segments of a JSON Pointer ('' is the whole document). */
export function pointerSegments (pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) throw new PatchInvalidError(`'${pointer}' is not a JSON Pointer (it must be empty or start with '/')`)
  return pointer.slice(1).split('/').map((token) => {
    if (/~[^01]|~$/.test(token)) throw new PatchInvalidError(`'${pointer}' has an invalid escape (only ~0 and ~1 are allowed)`)
    return token.replaceAll('~1', '/').replaceAll('~0', '~')
  })
}

function describe (operation: JsonPatchOperation, index: number): string {
  return `operation ${index} (${operation.op} ${operation.path})`
}

const OPERATIONS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test'])

// The spec validates request bodies, but the patch layer checks the shape itself too:
// it is the one place that owns the JSON Patch rules, whoever calls it.
function checkOperation (operation: JsonPatchOperation, index: number): void {
  if (typeof operation !== 'object' || operation === null || !OPERATIONS.has(operation.op)) {
    throw new PatchInvalidError(`operation ${index} must be an object whose 'op' is one of ${[...OPERATIONS].join(', ')}`)
  }
  if (typeof operation.path !== 'string') {
    throw new PatchInvalidError(`operation ${index} (${operation.op}) needs a string 'path'`)
  }
  if (NEEDS_VALUE.has(operation.op) && !Object.hasOwn(operation, 'value')) {
    throw new PatchInvalidError(`${describe(operation, index)} needs a 'value'`)
  }
  if (NEEDS_FROM.has(operation.op) && typeof operation.from !== 'string') {
    throw new PatchInvalidError(`${describe(operation, index)} needs a 'from'`)
  }
  const pointers = NEEDS_FROM.has(operation.op) ? [operation.path, operation.from as string] : [operation.path]
  for (const pointer of pointers) {
    for (const segment of pointerSegments(pointer)) {
      if (PROTOTYPE_SEGMENTS.has(segment)) {
        throw new PatchInvalidError(`${describe(operation, index)} names '${segment}', which is not allowed in a path`)
      }
    }
  }
}

// Applying under a wrapper lets operations on the root pointer '' replace the whole
// document, which rfc6902 cannot do to the object it was handed.
const ROOT = '/document'

function underRoot (operation: JsonPatchOperation): Operation {
  const moved: Record<string, unknown> = { ...operation, path: ROOT + operation.path }
  if (operation.from !== undefined) moved.from = ROOT + operation.from
  return moved as unknown as Operation
}

// RFC 6901 §4: an array element is named by its index in digits, without leading
// zeros; `-` names the place past the last element, where only add (and the target of
// move and copy) may put a value.
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/
const ADDS_AT_PATH = new Set(['add', 'move', 'copy'])

function checkArrayTokens (document: unknown, operation: JsonPatchOperation, index: number): void {
  const pointers = NEEDS_FROM.has(operation.op) ? [operation.path, operation.from as string] : [operation.path]
  pointers.forEach((pointer, which) => {
    const segments = pointerSegments(pointer)
    let node = document
    for (const [position, segment] of segments.entries()) {
      if (Array.isArray(node)) {
        const placesAtEnd = segment === '-' && which === 0 && position === segments.length - 1 && ADDS_AT_PATH.has(operation.op)
        if (!ARRAY_INDEX.test(segment) && !placesAtEnd) {
          throw new PatchInvalidError(`${describe(operation, index)}: '${segment}' is not an index of the array at '${pointer}'`)
        }
      }
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return
      node = (node as Record<string, unknown>)[segment]
    }
  })
}

/**
 * Applies `patch` to a copy of `document` and returns the copy. Throws
 * PatchTestFailedError when a `test` operation fails and PatchInvalidError for any
 * other operation that cannot be applied; `document` itself is never changed.
 */
export function applyJsonPatch (document: unknown, patch: readonly JsonPatchOperation[]): unknown {
  patch.forEach(checkOperation)
  const wrapper: { document?: unknown } = { document: structuredClone(document) }
  for (const [index, operation] of patch.entries()) {
    checkArrayTokens(wrapper.document, operation, index)
    let failure: Error | null | undefined
    try {
      [failure] = applyPatch(wrapper, [underRoot(operation)])
    } catch (error) {
      throw new PatchInvalidError((error as Error).message)
    }
    if (failure === null || failure === undefined) continue
    if (failure.name === 'TestError') {
      throw new PatchTestFailedError(`${describe(operation, index)}: the value differs`)
    }
    if (failure.name === 'MissingError') {
      const missing = String((failure as Error & { path?: string }).path ?? '').replace(ROOT, '')
      throw new PatchInvalidError(`${describe(operation, index)}: nothing at '${missing}'`)
    }
    throw new PatchInvalidError(`${describe(operation, index)}: ${failure.message.replaceAll(ROOT, '')}`)
  }
  if (!Object.hasOwn(wrapper, 'document')) throw new PatchInvalidError('the patch removes the whole document')
  return wrapper.document
}
