// The HTTP server's timeouts and connection limits, and what it answers to a malformed
// request with two Host headers: over real connections, since inject has no socket.
import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server-process.js'

/** Sends `text` on a new connection and resolves to all the server wrote before closing it. */
async function exchange (url: string, text: string, hold = false, localAddress?: string): Promise<{ socket: Socket, answer: Promise<string> }> {
  const { hostname, port } = new URL(url)
  const socket = connect({ port: Number(port), host: hostname, ...(localAddress !== undefined && { localAddress }) })
  await new Promise((resolve) => socket.once('connect', resolve))
  const answer = new Promise<string>((resolve) => {
    let received = ''
    socket.on('data', (chunk) => { received += chunk.toString() })
    socket.on('close', () => { resolve(received) })
    socket.on('error', () => {})
  })
  socket.write(text)
  if (!hold) socket.end()
  return { socket, answer }
}

describe('the HTTP server', () => {
  it('answers a request whose body does not arrive within HTTP_REQUEST_TIMEOUT_MS with 408 and closes the connection', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000' })
    try {
      const started = performance.now()
      const { answer } = await exchange(server.url, 'POST /task-status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":', true)
      const text = await answer
      expect(text).toMatch(/^HTTP\/1\.1 408 /)
      expect(text).toMatch(/"detailCode":"408 Request Timeout"/)
      expect(text).toMatch(/x-content-type-options: nosniff/i)
      // Node checks its timeouts every second or so.
      expect(performance.now() - started).toBeLessThan(6000)
    } finally {
      await server.stop()
    }
  })

  it('answers a request whose headers do not arrive within HTTP_HEADERS_TIMEOUT_MS with 408 and closes the connection', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', HTTP_REQUEST_TIMEOUT_MS: '30000', HTTP_HEADERS_TIMEOUT_MS: '1000' })
    try {
      const started = performance.now()
      const { answer } = await exchange(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n', true)
      const text = await answer
      const took = performance.now() - started
      expect(text).toMatch(/^HTTP\/1\.1 408 /)
      expect(took).toBeGreaterThanOrEqual(900)
      // Well before the request timeout: Node checks its timeouts every second or so.
      expect(took).toBeLessThan(6000)
    } finally {
      await server.stop()
    }
  })

  it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS, not before', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' })
    try {
      const { socket, answer } = await exchange(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', true)
      const answered = await new Promise<number>((resolve) => socket.once('data', () => { resolve(performance.now()) }))
      const text = await answer
      const idle = performance.now() - answered
      expect(text).toMatch(/^HTTP\/1\.1 200 /)
      expect(text).toMatch(/keep-alive: timeout=1/i)
      expect(idle).toBeGreaterThanOrEqual(900)
      expect(idle).toBeLessThan(5000)
    } finally {
      await server.stop()
    }
  })

  it('closes connections past HTTP_MAX_CONNECTIONS in all, whatever address they come from, and serves again once they close', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', HTTP_MAX_CONNECTIONS: '3' })
    try {
      // Each from an address of its own (all of 127.0.0.0/8 is loopback), so that the
      // limit per address plays no part.
      const held = await Promise.all(['127.0.0.2', '127.0.0.3', '127.0.0.4'].map(async (from) => await exchange(server.url, '', true, from)))
      const refused = await exchange(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', true, '127.0.0.5')
      expect(await refused.answer).toBe('')
      for (const { socket } of held) socket.destroy()
      await Promise.all(held.map(async ({ answer }) => await answer))
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
    } finally {
      await server.stop()
    }
  })

  it('closes connections from one address past HTTP_MAX_CONNECTIONS_PER_ADDRESS, and serves again once they close', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:', HTTP_MAX_CONNECTIONS_PER_ADDRESS: '3' })
    try {
      const held = await Promise.all([1, 2, 3].map(async () => await exchange(server.url, '', true)))
      const refused = await exchange(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', true)
      expect(await refused.answer).toBe('')
      for (const { socket } of held) socket.destroy()
      await Promise.all(held.map(async ({ answer }) => await answer))
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
    } finally {
      await server.stop()
    }
  })

  it('answers a request with two Host headers with 400 (RFC 9112 §3.2)', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:' })
    try {
      const { answer } = await exchange(server.url, 'GET /task-status HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n')
      const text = await answer
      expect(text).toMatch(/^HTTP\/1\.1 400 /)
      expect(text).toMatch(/more than one Host header/)
    } finally {
      await server.stop()
    }
  })
})
