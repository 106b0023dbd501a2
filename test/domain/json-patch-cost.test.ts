// The patch layer's cost bounds: what a patch may make of a document, and what it may
// do on the way, whatever the document and however the operations combine.
import { describe, expect, it } from 'vitest'
import { applyJsonPatch, type JsonPatchOperation, type PatchLimits } from '../../src/domain/json-patch.js'
import { jsonSizeWithin } from '../../src/domain/json-size.js'

const limits: PatchLimits = { maxDocumentSize: 10_000, maxWork: 80_000 }

function codeOf (run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

const doubling: JsonPatchOperation[] = [
  { op: 'add', path: '/d', value: ['x'] },
  ...Array.from({ length: 24 }, (): JsonPatchOperation => ({ op: 'copy', from: '/d', path: '/d/-' }))
]

describe('applyJsonPatch cost bounds', () => {
  it('refuses copies that would double the document past its bound', () => {
    expect(codeOf(() => applyJsonPatch({}, doubling, limits))).toBe('TASKD_DOCUMENT_TOO_LARGE')
  })

  it('refuses the doubling copies with the default bounds too, before they allocate', () => {
    const started = process.memoryUsage().heapUsed
    expect(codeOf(() => applyJsonPatch({}, doubling))).toBe('TASKD_DOCUMENT_TOO_LARGE')
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(64 * 1024 * 1024)
  })

  it('refuses an add whose value would take the document past its bound', () => {
    expect(codeOf(() => applyJsonPatch({}, [{ op: 'add', path: '/big', value: 'x'.repeat(20_000) }], limits))).toBe('TASKD_DOCUMENT_TOO_LARGE')
  })

  it('accepts many small additions to a document near its bound', () => {
    const document = { filler: 'x'.repeat(9_000), items: [] as number[] }
    const patch = Array.from({ length: 100 }, (): JsonPatchOperation => ({ op: 'add', path: '/items/-', value: 1 }))
    const result = applyJsonPatch(document, patch, limits) as typeof document
    expect(result.items).toHaveLength(100)
  })

  it('accepts replacing a large member with one as large when the result fits', () => {
    const document = { a: 'x'.repeat(6_000), b: 'y'.repeat(3_000) }
    const result = applyJsonPatch(document, [{ op: 'replace', path: '/a', value: 'z'.repeat(6_000) }], limits) as typeof document
    expect(result.a).toHaveLength(6_000)
  })

  it('refuses a patch whose tests would compare more than its work bound', () => {
    const values = Array.from({ length: 4_000 }, (_, index) => index)
    const patch = Array.from({ length: 30 }, (): JsonPatchOperation => ({ op: 'test', path: '/values', value: values }))
    expect(codeOf(() => applyJsonPatch({ values }, patch, { maxDocumentSize: 1_000_000, maxWork: 80_000 }))).toBe('TASKD_PATCH_TOO_COSTLY')
  })

  it('decides a test of two long arrays that differ in one place without a quadratic diff', () => {
    const values = Array.from({ length: 50_000 }, (_, index) => index)
    const other = [...values]
    other[25_000] = -1
    const started = performance.now()
    expect(codeOf(() => applyJsonPatch({ values }, [{ op: 'test', path: '/values', value: other }]))).toBe('TASKD_PATCH_TEST_FAILED')
    // rfc6902's diff of these arrays takes minutes and gigabytes; a walk takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('refuses insertions that would shift more elements than its work bound', () => {
    const values = Array.from({ length: 50_000 }, () => 0)
    const patch = Array.from({ length: 1_000 }, (): JsonPatchOperation => ({ op: 'add', path: '/values/0', value: 1 }))
    expect(codeOf(() => applyJsonPatch({ values }, patch, { maxDocumentSize: 10_000_000, maxWork: 1_000_000 }))).toBe('TASKD_PATCH_TOO_COSTLY')
  })

  it('leaves the given document unchanged when it refuses a patch for its cost', () => {
    const document = { d: ['x'] }
    expect(codeOf(() => applyJsonPatch(document, doubling.slice(1), limits))).toBe('TASKD_DOCUMENT_TOO_LARGE')
    expect(document).toEqual({ d: ['x'] })
  })
})

describe('applyJsonPatch array targets of move and copy (RFC 6902 §4.4, §4.5)', () => {
  it('refuses a copy to an index past the end of the array', () => {
    expect(codeOf(() => applyJsonPatch({ foo: ['bar'] }, [{ op: 'copy', from: '/foo/0', path: '/foo/5' }]))).toBe('TASKD_PATCH_INVALID')
  })

  it('accepts a copy to the index just past the last element', () => {
    expect(applyJsonPatch({ foo: ['bar'] }, [{ op: 'copy', from: '/foo/0', path: '/foo/1' }])).toEqual({ foo: ['bar', 'bar'] })
  })

  it('refuses a move within an array to an index past its end once the value is removed', () => {
    expect(codeOf(() => applyJsonPatch({ a: ['x', 'y'] }, [{ op: 'move', from: '/a/0', path: '/a/2' }]))).toBe('TASKD_PATCH_INVALID')
  })

  it('moves within an array to its last index', () => {
    expect(applyJsonPatch({ a: ['x', 'y'] }, [{ op: 'move', from: '/a/0', path: '/a/1' }])).toEqual({ a: ['y', 'x'] })
  })

  it('reads the target of a move in the document after the removal', () => {
    const document = { a: ['moved', { name: 'first' }, { name: 'second' }] }
    expect(applyJsonPatch(document, [{ op: 'move', from: '/a/0', path: '/a/1/value' }]))
      .toEqual({ a: [{ name: 'first' }, { name: 'second', value: 'moved' }] })
  })

  it('says why a value cannot be moved into its own child', () => {
    expect(() => applyJsonPatch({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }])).toThrow(/cannot be moved into itself/)
  })
})

describe('jsonSizeWithin', () => {
  it('gives the length of the JSON text for ASCII values', () => {
    const value = { a: [1, 'two', null, true, false, { b: {} }], c: [] }
    expect(jsonSizeWithin(value, Number.POSITIVE_INFINITY)).toBe(JSON.stringify(value).length)
  })

  it('stops soon after the count passes its limit', () => {
    const huge = Array.from({ length: 100_000 }, () => 'x'.repeat(100))
    const size = jsonSizeWithin(huge, 1_000)
    expect(size).toBeGreaterThan(1_000)
    // The elements' commas pass the limit before any of their 10,000,000 characters is read.
    expect(size).toBeLessThan(200_000)
  })
})
