// The response checker every HTTP test runs through must itself catch drift.
import { describe, expect, it } from 'vitest'
import { specResponseProblems } from '../helpers/spec-responses.js'

describe('specResponseProblems', () => {
  it('accepts a response as the spec declares it', () => {
    const body = JSON.stringify({ detailCode: '404 Not found', trackingId: 'a', messages: [], causes: [] })
    expect(specResponseProblems('getTaskStatus', 404, { 'x-request-id': 'a' }, body)).toEqual([])
  })

  it('checks a status the operation does not list against its default response', () => {
    expect(specResponseProblems('getTaskStatus', 503, {}, '{"error":"x"}')[0]).toMatch(/^getTaskStatus 503: /)
  })

  it('reports a body that does not match the declared schema', () => {
    expect(specResponseProblems('getTaskStatus', 200, {}, '{"id":1}')[0]).toMatch(/^getTaskStatus 200: /)
  })

  it('reports a header taskd sets that the response does not declare', () => {
    expect(specResponseProblems('deleteTaskStatus', 204, { etag: '"1"' }, '')).toEqual(['deleteTaskStatus 204: header etag is not declared'])
  })

  it('reports a body where none is declared', () => {
    expect(specResponseProblems('getPendingTaskHeaders', 200, {}, '[]')).toEqual(['getPendingTaskHeaders 200: a body is sent but none is declared'])
  })
})
