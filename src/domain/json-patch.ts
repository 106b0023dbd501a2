// RFC 6902 on top of rfc6902, made atomic, safe and bounded in cost. The library applies
// every operation even after one fails and mutates the object it is given, so the patch
// is applied to a private copy that is kept only when every operation succeeded.
// Pointer segments that name an object's prototype are refused before the library
// sees them: `add /__proto__` would otherwise swap the copy's prototype. The library
// also looks array elements up as properties, so a token such as `length` or `1e0`
// would name something that is no element (`replace /a/length` resizes the array):
// tokens into arrays are checked against the document as each operation applies.
//
// Cost: a patch of a few hundred bytes can double a document with each `copy`, or make
// the library's `test` (a diff, quadratic in array lengths) compare huge arrays. So the
// document's size is bounded while the patch applies, before each operation allocates,
// and so is the work the operations do: what `copy` clones, what `test` compares, the
// elements an insertion or removal shifts. Past either bound the patch is refused.
import { applyPatch, type Operation } from 'rfc6902'
import { DocumentTooLargeError, PatchInvalidError, PatchTestFailedError, PatchTooCostlyError } from '../errors.js'
import { jsonClone } from './json-clone.js'
import { ComparisonBudgetExceeded, jsonEqual } from './json-equal.js'
import { jsonSizeWithin } from './json-size.js'

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  from?: string
  value?: unknown
}

export interface PatchLimits {
  /** The largest document the patch may produce, in json-size.ts's units. */
  maxDocumentSize: number
  /** The most units of work the operations may do in all (see json-size.ts, json-equal.ts). */
  maxWork: number
}

/** Bounds for callers that state none: a document of 1 MiB, eight times that in work. */
export const DEFAULT_PATCH_LIMITS: PatchLimits = { maxDocumentSize: 1024 * 1024, maxWork: 8 * 1024 * 1024 }

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

function escapeSegment (segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
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

/** Where a pointer leads: the container holding its last segment, and the value there. */
interface Location { parent: unknown, key: string | undefined, value: unknown }

function locate (document: unknown, segments: readonly string[]): Location {
  let parent: unknown
  let key: string | undefined
  let value = document
  for (const segment of segments) {
    parent = value
    key = segment
    value = typeof value === 'object' && value !== null && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined
  }
  return { parent, key, value }
}

class PatchRun {
  readonly #limits: PatchLimits
  readonly #wrapper: { document?: unknown }
  #work: number
  // An upper bound on the document's size; measured exactly only when it passes the limit.
  #sizeBound: number

  constructor (document: unknown, limits: PatchLimits) {
    this.#limits = limits
    this.#work = limits.maxWork
    this.#wrapper = { document: jsonClone(document) }
    this.#sizeBound = jsonSizeWithin(this.#wrapper.document, Number.POSITIVE_INFINITY)
  }

  result (): unknown {
    if (!Object.hasOwn(this.#wrapper, 'document')) throw new PatchInvalidError('the patch removes the whole document')
    return this.#wrapper.document
  }

  apply (operation: JsonPatchOperation, index: number): void {
    const path = pointerSegments(operation.path)
    const from = operation.from === undefined ? undefined : pointerSegments(operation.from)
    this.#checkArrayTokens(operation, index, path, from)
    if (operation.op === 'test') {
      this.#test(operation, index, path)
      return
    }
    // RFC 6901 §4: a pointer names nothing inside a string or number, where rfc6902 would
    // copy or move a string's character ('/s/1' of {"s": "ab"}).
    const source = from === undefined ? undefined : locate(this.#wrapper.document, from)
    if (source !== undefined && source.value === undefined) {
      throw new PatchInvalidError(`${describe(operation, index)}: nothing at '${operation.from ?? ''}'`)
    }
    const effective = from === undefined || source === undefined ? operation : this.#checkMove(operation, index, path, from, source)
    this.#chargeShifts(path, operation.op === 'move' || operation.op === 'copy' ? 'add' : operation.op)
    if (operation.op === 'move') this.#chargeShifts(from as string[], 'remove')
    if (operation.op === 'add' || operation.op === 'replace') {
      this.#grow(this.#measure(operation.value) + (path.at(-1)?.length ?? 0) + 3, this.#replaced(operation.op, path))
    } else if (operation.op === 'copy' && source !== undefined) {
      this.#grow(this.#measure(source.value) + (path.at(-1)?.length ?? 0) + 3, this.#replaced('add', path))
    }
    let failure: Error | null | undefined
    try {
      [failure] = applyPatch(this.#wrapper, [underRoot(effective)])
    } catch (error) {
      throw new PatchInvalidError((error as Error).message)
    }
    if (failure === null || failure === undefined) return
    if (failure.name === 'MissingError') {
      const missing = String((failure as Error & { path?: string }).path ?? '').replace(ROOT, '')
      throw new PatchInvalidError(`${describe(operation, index)}: nothing at '${missing}'`)
    }
    throw new PatchInvalidError(`${describe(operation, index)}: ${failure.message.replaceAll(ROOT, '')}`)
  }

  // RFC 6902 §4.6, decided here: see json-equal.ts for why not by the library.
  #test (operation: JsonPatchOperation, index: number, path: readonly string[]): void {
    const target = locate(this.#wrapper.document, path)
    if (target.value === undefined) throw new PatchTestFailedError(`${describe(operation, index)}: nothing at '${operation.path}'`)
    const budget = { remaining: this.#work }
    let equal: boolean
    try {
      // The request's value first: the walk is bounded by it, not by the document.
      equal = jsonEqual(operation.value, target.value, budget)
    } catch (error) {
      if (error instanceof ComparisonBudgetExceeded) throw new PatchTooCostlyError(this.#limits.maxWork)
      throw error
    }
    this.#work = budget.remaining
    if (!equal) throw new PatchTestFailedError(`${describe(operation, index)}: the value differs`)
  }

  // Move and copy add at their target as `add` does (RFC 6902 §4.4, §4.5): the index must
  // not pass the array's end. A move removes first, and its target is read in the
  // document after that removal, which rfc6902 reads before it: a target below a later
  // element of the same array is renamed to the element's index before the removal.
  #checkMove (operation: JsonPatchOperation, index: number, path: readonly string[], from: readonly string[], source: Location): JsonPatchOperation {
    if (operation.op === 'move' && from.length < path.length && from.every((segment, position) => segment === path[position])) {
      throw new PatchInvalidError(`${describe(operation, index)}: a value cannot be moved into itself ('${operation.from ?? ''}' holds '${operation.path}')`)
    }
    const target = locate(this.#wrapper.document, path)
    const sameArray = operation.op === 'move' && Array.isArray(source.parent)
    if (Array.isArray(target.parent) && target.key !== '-' && ARRAY_INDEX.test(target.key ?? '')) {
      const length = target.parent.length - (sameArray && source.parent === target.parent ? 1 : 0)
      if (Number(target.key) > length) {
        throw new PatchInvalidError(`${describe(operation, index)}: index ${target.key ?? ''} is past the end of the array at '${pointerOf(path.slice(0, -1))}' (${length} elements)`)
      }
    }
    if (!sameArray || from.length >= path.length) return operation
    const level = from.length - 1
    const removedAt = Number(from[level])
    const passedAt = path[level] as string
    if (from.slice(0, level).some((segment, position) => segment !== path[position]) || !ARRAY_INDEX.test(passedAt) || Number(passedAt) < removedAt) return operation
    const renamed = [...path]
    renamed[level] = String(Number(passedAt) + 1)
    return { ...operation, path: pointerOf(renamed) }
  }

  #checkArrayTokens (operation: JsonPatchOperation, index: number, path: readonly string[], from: readonly string[] | undefined): void {
    const pointers = from === undefined ? [path] : [path, from]
    pointers.forEach((segments, which) => {
      let node = this.#wrapper.document
      for (const [position, segment] of segments.entries()) {
        if (Array.isArray(node)) {
          const placesAtEnd = segment === '-' && which === 0 && position === segments.length - 1 && ADDS_AT_PATH.has(operation.op)
          if (!ARRAY_INDEX.test(segment) && !placesAtEnd) {
            throw new PatchInvalidError(`${describe(operation, index)}: '${segment}' is not an index of the array at '${pointerOf(segments.slice(0, position))}'`)
          }
        }
        if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return
        node = (node as Record<string, unknown>)[segment]
      }
    })
  }

  // What an operation writing at `path` takes the place of: an object member's value (add
  // sets a member that exists), an element only for replace (add inserts before it).
  #replaced (op: string, path: readonly string[]): unknown {
    const { parent, value } = locate(this.#wrapper.document, path)
    return op !== 'replace' && Array.isArray(parent) ? undefined : value
  }

  // Inserting into or removing from an array moves every element after the place.
  #chargeShifts (segments: readonly string[], op: string): void {
    if (op !== 'add' && op !== 'remove') return
    const { parent, key } = locate(this.#wrapper.document, segments)
    if (!Array.isArray(parent) || key === '-' || !ARRAY_INDEX.test(key ?? '')) return
    this.#spend(Math.max(parent.length - Number(key), 0))
  }

  #spend (units: number): void {
    this.#work -= units
    if (this.#work < 0) throw new PatchTooCostlyError(this.#limits.maxWork)
  }

  // The size of a value about to be added, measured within what is left of the work.
  #measure (value: unknown): number {
    const size = jsonSizeWithin(value, this.#work)
    this.#spend(size)
    return size
  }

  // Before the document grows by `added` units in place of `replaced`: only when the bound
  // passes the limit is the document measured, and the patch refused if it would not fit.
  #grow (added: number, replaced: unknown): void {
    this.#sizeBound += added
    if (this.#sizeBound <= this.#limits.maxDocumentSize) return
    let exact = this.#measure(this.#wrapper.document)
    if (replaced !== undefined) exact -= this.#measure(replaced)
    this.#sizeBound = exact + added
    if (this.#sizeBound > this.#limits.maxDocumentSize) throw new DocumentTooLargeError('document', this.#sizeBound, this.#limits.maxDocumentSize)
  }
}

function pointerOf (segments: readonly string[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join('')
}

/**
 * Applies `patch` to a copy of `document` and returns the copy. Throws
 * PatchTestFailedError when a `test` operation fails, DocumentTooLargeError when the
 * document would outgrow `limits.maxDocumentSize`, PatchTooCostlyError when the
 * operations would do more than `limits.maxWork`, and PatchInvalidError for any other
 * operation that cannot be applied; `document` itself is never changed.
 */
export function applyJsonPatch (document: unknown, patch: readonly JsonPatchOperation[], limits: PatchLimits = DEFAULT_PATCH_LIMITS): unknown {
  patch.forEach(checkOperation)
  const run = new PatchRun(document, limits)
  patch.forEach((operation, index) => { run.apply(operation, index) })
  return run.result()
}
