// The real process, as an operator runs it: `node dist/server.js` (built by `npm test`
// before vitest runs).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const serverScript = fileURLToPath(new URL('../../dist/server.js', import.meta.url))
const directory = mkdtempSync(join(tmpdir(), 'taskd-process-'))
afterAll(() => { rmSync(directory, { recursive: true, force: true }) })

interface Exited { code: number | null, stdout: string, stderr: string }

function run (env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [serverScript], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env } })
}

async function exited (child: ChildProcessWithoutNullStreams): Promise<Exited> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return await new Promise((resolve) => child.on('exit', (code) => { resolve({ code, stdout, stderr }) }))
}

/** Starts the server on a free port and resolves to its base URL once it listens. */
async function started (env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams, url: string }> {
  const child = run({ PORT: '0', ...env })
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.on('exit', (code) => { reject(new Error(`server exited with ${String(code)}: ${buffered}`)) })
  })
  return { child, url }
}

describe('the server process', () => {
  it.each([
    [{ PORT: 'abc' }, "taskd: invalid configuration: PORT must be an integer from 0 to 65535; got 'abc'"],
    [{ STORE_URL: 'mysql://db' }, "taskd: invalid configuration: STORE_URL must be sqlite:<file path> or sqlite::memory:; got 'mysql://db'"],
    [{ LOG_LEVEL: 'loud' }, "taskd: invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got 'loud'"]
  ])('refuses to start with %j, in one line naming the variable', async (env, line) => {
    const result = await exited(run(env))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${line}\n`)
  })

  it('exits 0 on SIGTERM and keeps its data across a restart', async () => {
    const STORE_URL = `sqlite:${join(directory, 'restart', 'taskd.db')}`
    const first = await started({ STORE_URL })
    const created = await (await fetch(`${first.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })).json() as { id: string }
    const patched = await fetch(`${first.url}/task-status/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'replace', path: '/percentComplete', value: 30 }]) })
    expect(patched.status).toBe(200)
    const firstExit = exited(first.child)
    first.child.kill('SIGTERM')
    expect((await firstExit).code).toBe(0)

    const second = await started({ STORE_URL })
    try {
      const response = await fetch(`${second.url}/task-status/${created.id}`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ id: created.id, percentComplete: 30 })
      expect(response.headers.get('etag')).toBe('"2"')
    } finally {
      second.child.kill('SIGTERM')
    }
  })

  it('writes JSON log lines that carry the request id', async () => {
    const { child, url } = await started({ STORE_URL: 'sqlite::memory:' })
    const response = await fetch(`${url}/task-status/${'0'.repeat(32)}`)
    const requestId = response.headers.get('x-request-id')
    const exit = exited(child)
    child.kill('SIGTERM')
    const lines = (await exit).stdout.trim().split('\n').map((line) => JSON.parse(line) as { reqId?: string })
    expect(lines.some((line) => line.reqId === requestId)).toBe(true)
  })
})
