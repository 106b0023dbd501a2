import { describe, expect, it } from 'vitest'
import { storedFromJson, storedWithJson } from '../../src/store/stored-json.js'

describe('a document read as stored JSON text', () => {
  it('keeps the text for responses that send it as it is', () => {
    expect(storedFromJson('{"id":"a","n":1}', 3).json).toBe('{"id":"a","n":1}')
  })

  it('parses the text when the document is read, once', () => {
    const stored = storedFromJson<{ id: string }>('{"id":"a"}', 1)
    expect(stored.document).toEqual({ id: 'a' })
    expect(stored.document).toBe(stored.document)
  })

  it('compares equal to a stored document built from the object', () => {
    expect(storedFromJson('{"id":"a"}', 2)).toEqual({ document: { id: 'a' }, version: 2 })
  })

  it('does not parse text nobody reads', () => {
    expect(() => storedFromJson('not json', 1).json).not.toThrow()
  })
})

describe('a document just written', () => {
  it('keeps the text the store was given, for the response', () => {
    const document = { id: 'a', n: 1 }
    const stored = storedWithJson(document, JSON.stringify(document), 2)
    expect(stored.json).toBe('{"id":"a","n":1}')
    expect(stored.document).toBe(document)
  })

  it('compares equal to a stored document built from the object', () => {
    expect(storedWithJson({ id: 'a' }, '{"id":"a"}', 2)).toEqual({ document: { id: 'a' }, version: 2 })
  })
})
