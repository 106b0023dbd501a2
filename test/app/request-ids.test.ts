import { describe, expect, it } from 'vitest'
import { newRequestId } from '../../src/http/request-ids.js'

describe('newRequestId', () => {
  it('gives 32 lower-case hexadecimal digits, the trackingId form', () => {
    expect(newRequestId()).toMatch(/^[0-9a-f]{32}$/)
  })

  it('gives a new id every time, past the refills of its buffer of random bytes', () => {
    const ids = Array.from({ length: 3 * 4096 + 5 }, () => newRequestId())
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
