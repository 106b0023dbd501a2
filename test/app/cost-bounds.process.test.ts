// The cost bound that matters most for memory, against a real server process with the
// production heap budget: a tiny patch that would double its document again and again.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const HEAP_BUDGET = /^\s*NODE_OPTIONS=(\S+)/m.exec(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'))?.[1] ?? ''

// 1.5 KB: an add, then 24 copies of the array into itself, each doubling the document.
const DOUBLING_PATCH = [
  { op: 'add', path: '/attributes/d', value: ['x'] },
  ...Array.from({ length: 24 }, () => ({ op: 'copy', from: '/attributes/d', path: '/attributes/d/-' }))
]

describe('a server with the production heap budget', () => {
  it('refuses a 1.5 KB patch that doubles its document 24 times with 413, in a server with the production heap budget that keeps serving', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', NODE_OPTIONS: HEAP_BUDGET })
    try {
      const created = await fetch(`${server.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })
      const { id } = await created.json() as { id: string }
      const body = JSON.stringify(DOUBLING_PATCH)
      expect(body.length).toBeLessThan(1600)
      const patched = await fetch(`${server.url}/task-status/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body })
      expect(patched.status).toBe(413)
      expect((await patched.json() as { detailCode: string }).detailCode).toMatch(/^413 /)
      const read = await fetch(`${server.url}/task-status/${id}`)
      expect(read.headers.get('etag')).toBe('"1"')
      expect((await read.json() as { attributes: object }).attributes).toEqual({})
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
    } finally {
      expect((await server.stop()).code).toBe(0)
    }
  })
})
