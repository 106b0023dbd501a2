import { describe, expect, it } from 'vitest'
import { applyMergePatch, isEmptyMergePatch } from '../../src/domain/json-merge-patch.js'
import { MERGE_PATCH_VECTOR_FILES, mergePatchVectors } from '../helpers/merge-patch-vectors.js'

describe('applyMergePatch (RFC 7396)', () => {
  describe.each(MERGE_PATCH_VECTOR_FILES)('gives the documented result for the vectors of %s', (file) => {
    it.each(mergePatchVectors(file))('%s', (_name, vector) => {
      expect(applyMergePatch(vector.doc, vector.patch)).toEqual(vector.expected)
    })
  })

  it('never changes the document it is given', () => {
    const document = { a: { b: [1, 2], c: 'd' }, e: 'f' }
    const before = structuredClone(document)
    applyMergePatch(document, { a: { b: [3], c: null, x: { y: 1 } }, e: null })
    expect(document).toEqual(before)
  })

  it('shares no object or array with the patch, so a later change to one cannot reach the other', () => {
    const patch = { list: [{ a: 1 }], object: { b: 2 } }
    const result = applyMergePatch({}, patch) as typeof patch
    expect(result.list).not.toBe(patch.list)
    expect(result.object).not.toBe(patch.object)
  })

  it('merges a patch nested far deeper than the stack would allow a recursive merge to go', () => {
    const depth = 200_000
    let patch: Record<string, unknown> = { leaf: true }
    for (let level = 0; level < depth; level++) patch = { n: patch }
    let result = applyMergePatch({}, patch) as Record<string, unknown>
    let levels = 0
    while (result.n !== undefined) { result = result.n as Record<string, unknown>; levels++ }
    expect(levels).toBe(depth)
    expect(result.leaf).toBe(true)
  })

  it('sets a member named __proto__ as an own member, leaving the prototype alone', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}')
    const result = applyMergePatch({}, patch) as Record<string, unknown>
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.hasOwn(result, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    [{}, true],
    [{ a: null }, false],
    [[], false],
    [null, false]
  ])('counts %j as an empty merge patch: %s', (patch, empty) => {
    expect(isEmptyMergePatch(patch)).toBe(empty)
  })
})
