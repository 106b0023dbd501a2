import { describe, expect, it } from 'vitest'
import { jsonClone } from '../../src/domain/json-clone.js'

describe('jsonClone', () => {
  it('copies a document to an equal value', () => {
    const document = { id: 'a', n: 1.5, ok: true, none: null, list: [1, 'two', { three: [3] }], nested: { deeper: { deepest: 'x' } } }
    expect(jsonClone(document)).toStrictEqual(document)
  })

  it('shares no object or array with the original', () => {
    const document = { list: [{ a: 1 }], nested: { b: [2] } }
    const copy = jsonClone(document)
    copy.list[0]!.a = 9
    copy.nested.b.push(3)
    expect(document).toStrictEqual({ list: [{ a: 1 }], nested: { b: [2] } })
  })

  it('returns scalars as they are', () => {
    for (const value of ['text', 0, false, null]) expect(jsonClone(value)).toBe(value)
  })

  it('copies a member named __proto__ as a member, leaving the prototype alone', () => {
    const document = JSON.parse('{"a":1,"__proto__":{"polluted":true}}') as Record<string, unknown>
    const copy = jsonClone(document)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect(copy.polluted).toBeUndefined()
    expect(JSON.stringify(copy)).toBe('{"a":1,"__proto__":{"polluted":true}}')
  })

  it('copies a value nested far deeper than the stack would allow recursion', () => {
    const depth = 200_000
    let document: unknown = 'bottom'
    for (let level = 0; level < depth; level++) document = [document]
    let copy = jsonClone(document)
    for (let level = 0; level < depth; level++) {
      expect(Array.isArray(copy)).toBe(true)
      copy = (copy as unknown[])[0]
    }
    expect(copy).toBe('bottom')
  })

  it('keeps the order of an object\'s members', () => {
    expect(Object.keys(jsonClone({ z: 1, a: 2, m: 3 }))).toEqual(['z', 'a', 'm'])
  })
})
