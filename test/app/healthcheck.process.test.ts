// The container's HEALTHCHECK command, `node dist/healthcheck.js` (built by `npm test`).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { localAddress } from '../../src/healthcheck-address.js'
import { startServer } from '../helpers/server-process.js'

const healthcheck = fileURLToPath(new URL('../../dist/healthcheck.js', import.meta.url))

async function runHealthcheck (env: Record<string, string>): Promise<{ code: number | null, stderr: string }> {
  const child = spawn(process.execPath, [healthcheck], { env: { PATH: process.env.PATH ?? '', ...env } })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number | null]
  return { code, stderr }
}

async function closedPort (): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

describe('the health check command', () => {
  it('exits 0 when the server on PORT answers /health', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:' })
    try {
      const port = new URL(server.url).port
      expect(await runHealthcheck({ PORT: port })).toEqual({ code: 0, stderr: '' })
    } finally {
      await server.stop()
    }
  })

  it('exits 1 with a line on stderr when nothing listens on PORT', async () => {
    const result = await runHealthcheck({ PORT: String(await closedPort()) })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('taskd: /health did not answer 200\n')
  })

  it('ignores the settings it does not need, such as protected mode on 0.0.0.0', async () => {
    const result = await runHealthcheck({ PORT: String(await closedPort()), HOST: '0.0.0.0' })
    expect(result.stderr).toBe('taskd: /health did not answer 200\n')
  })

  it('reaches a server bound to every address through loopback', () => {
    expect(localAddress('0.0.0.0')).toBe('127.0.0.1')
    expect(localAddress('::')).toBe('[::1]')
    expect(localAddress('::1')).toBe('[::1]')
    expect(localAddress('127.0.0.1')).toBe('127.0.0.1')
  })
})
