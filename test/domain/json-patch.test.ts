import { describe, expect, it } from 'vitest'
import { applyJsonPatch, type JsonPatchOperation } from '../../src/domain/json-patch.js'

function refusal (document: unknown, patch: JsonPatchOperation[]): { code?: string, message?: string } | undefined {
  try {
    applyJsonPatch(document, patch)
  } catch (error) {
    return error as { code?: string, message?: string }
  }
  return undefined
}

describe('JSON Patch pointers into scalars (RFC 6901 §4)', () => {
  it('refuse to copy a character of a string', () => {
    const error = refusal({ s: 'ab', t: null }, [{ op: 'copy', from: '/s/1', path: '/t' }])
    expect(error?.code).toBe('TASKD_PATCH_INVALID')
    expect(error?.message).toContain("nothing at '/s/1'")
  })

  it('refuse to move a character of a string', () => {
    const error = refusal({ s: 'ab' }, [{ op: 'move', from: '/s/0', path: '/t' }])
    expect(error?.code).toBe('TASKD_PATCH_INVALID')
    expect(error?.message).toContain("nothing at '/s/0'")
  })

  it('refuse to copy from a string an earlier operation of the same patch put there', () => {
    const document = { a: { name: 'wxyz' }, b: [1, 2] }
    const error = refusal(document, [{ op: 'move', from: '/a/name', path: '/b' }, { op: 'copy', from: '/b/1', path: '/c' }])
    expect(error?.message).toContain("nothing at '/b/1'")
    expect(document).toEqual({ a: { name: 'wxyz' }, b: [1, 2] })
  })

  it('still copy an element of an array', () => {
    expect(applyJsonPatch({ b: [1, 2] }, [{ op: 'copy', from: '/b/1', path: '/c' }])).toEqual({ b: [1, 2], c: 2 })
  })
})
