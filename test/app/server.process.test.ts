// The real process, as an operator runs it: `node dist/server.js` (built by `npm test`
// before vitest runs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import net from 'node:net'
import { join } from 'node:path'
import { setTimeout } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { exited, runServer, startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const directory = mkdtempSync(join(tmpdir(), 'taskd-process-'))
afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
const emptyFile = join(directory, 'empty.json')
writeFileSync(emptyFile, '{}')

describe('the server process', () => {
  it.each([
    [{ PORT: 'abc' }, "taskd: invalid configuration: PORT must be an integer from 0 to 65535; got 'abc'"],
    [{ STORE_URL: 'mysql://db' }, "taskd: invalid configuration: STORE_URL must be sqlite:<file path>, sqlite::memory: or postgres://…; got 'mysql://db'"],
    [{ LOG_LEVEL: 'loud' }, "taskd: invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got 'loud'"],
    [{ STORE_URL: 'postgres://taskd:secret@127.0.0.1:1/taskd' }, 'taskd: cannot start: cannot reach PostgreSQL at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1'],
    [{ HOST: '0.0.0.0', STORE_URL: 'sqlite::memory:' }, 'taskd: invalid configuration: HOST is 0.0.0.0, not a loopback address, and no credentials are configured; set AUTH_TOKENS_FILE, AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_CLIENTS_FILE, or AUTH_DISABLED=true to serve without authentication'],
    [{ AUTH_TOKENS_FILE: emptyFile, HOST: '0.0.0.0', STORE_URL: 'sqlite::memory:' }, `taskd: invalid configuration: AUTH_TOKENS_FILE names a file with no tokens (${emptyFile}); add one, or unset the variable`],
    [{ AUTH_CLIENTS_FILE: emptyFile, AUTH_JWT_SECRET: 'x'.repeat(32), HOST: '0.0.0.0', STORE_URL: 'sqlite::memory:' }, `taskd: invalid configuration: AUTH_CLIENTS_FILE names a file with no clients (${emptyFile}); add one, or unset the variable`],
    [{ AUTH_TOKENS_FILE: '/nonexistent/tokens.json', STORE_URL: 'sqlite::memory:' }, "taskd: invalid configuration: AUTH_TOKENS_FILE names a file that cannot be read as JSON (/nonexistent/tokens.json): ENOENT: no such file or directory, open '/nonexistent/tokens.json'"]
  ])('refuses to start with %j, in one line naming the variable', async (env, line) => {
    const result = await exited(runServer(env))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${line}\n`)
  })

  it('exits 0 on SIGTERM and keeps its data across a restart', async () => {
    const STORE_URL = `sqlite:${join(directory, 'restart', 'taskd.db')}`
    const first = await startServer({ STORE_URL })
    const created = await (await fetch(`${first.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })).json() as { id: string }
    const patched = await fetch(`${first.url}/task-status/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'replace', path: '/percentComplete', value: 30 }]) })
    expect(patched.status).toBe(200)
    expect((await first.stop()).code).toBe(0)

    const second = await startServer({ STORE_URL })
    try {
      const response = await fetch(`${second.url}/task-status/${created.id}`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ id: created.id, percentComplete: 30 })
      expect(response.headers.get('etag')).toBe('"2"')
    } finally {
      await second.stop()
    }
  })

  it('says at start that it serves without authentication when no credentials are configured', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:' })
    await server.stop()
    expect(server.startupLog).toMatch(/"level":40.*no credentials are configured: serving without authentication/)
  })

  it('never writes a credential to its logs', async () => {
    const file = join(directory, 'tokens.json')
    writeFileSync(file, JSON.stringify({ 'log-secret-token-value': ['task-status:read'] }))
    const server = await startServer({ STORE_URL: 'sqlite::memory:', AUTH_TOKENS_FILE: file, LOG_LEVEL: 'trace' })
    // Every line from here on: the requests' lines come before stop() listens.
    let logs = server.startupLog
    const collect = (chunk: Buffer): void => { logs += chunk.toString() }
    server.child.stdout.on('data', collect)
    server.child.stderr.on('data', collect)
    await fetch(`${server.url}/task-status`, { headers: { authorization: 'Bearer log-secret-token-value' } })
    await fetch(`${server.url}/task-status`, { headers: { authorization: 'Bearer wrong-secret-token-value' } })
    await fetch(`${server.url}/task-status?access_token=query-secret-token-value&limit=1`)
    await fetch(`${server.url}/task-status?token=other-secret-token-value`)
    await fetch(`${server.url}/oauth/token?grant_type=client_credentials&client_id=c&client_secret=form-secret-token-value`, { method: 'POST' })
    await server.stop()
    expect(logs).not.toContain('secret-token-value')
    expect(logs).toContain('"url":"/task-status?access_token=[REDACTED]&limit=1"')
  })

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:' })
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1')
    await once(socket, 'connect')
    let response = ''
    socket.on('data', (chunk: Buffer) => { response += chunk.toString() })
    const body = JSON.stringify(CREATE_BODY)
    socket.write(`POST /task-status HTTP/1.1\r\nHost: taskd\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`)
    await setTimeout(300)
    const exit = exited(server.child)
    server.child.kill('SIGTERM')
    await setTimeout(300)
    expect(server.child.exitCode).toBeNull()
    socket.end(body.slice(10))
    await once(socket, 'close')
    expect(response).toMatch(/^HTTP\/1\.1 201 /)
    expect((await exit).code).toBe(0)
  })

  it.skipIf(postgresUrl === null)('exits 0 on SIGTERM at once after a client went away while its request was being answered', async () => {
    const schema = testSchemaName()
    onTestFinished(async () => { await dropTestSchemas(schema) })
    const server = await startServer({ STORE_URL: postgresUrl as string, PG_SCHEMA: schema, SHUTDOWN_GRACE_MS: '5000' })
    const { id } = await (await fetch(`${server.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CREATE_BODY) })).json() as { id: string }
    // Another session's row lock keeps the PATCH in its handler until the client is gone.
    const locker = new pg.Client({ connectionString: postgresUrl as string })
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.task_status WHERE id = $1 FOR UPDATE`, [id])
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1')
    await once(socket, 'connect')
    const patch = JSON.stringify([{ op: 'replace', path: '/percentComplete', value: 5 }])
    socket.write(`PATCH /task-status/${id} HTTP/1.1\r\nHost: taskd\r\nContent-Type: application/json-patch+json\r\nContent-Length: ${Buffer.byteLength(patch)}\r\n\r\n${patch}`)
    await setTimeout(300)
    socket.destroy()
    await setTimeout(100)
    await locker.query('ROLLBACK')
    await locker.end()
    await setTimeout(200)
    const stopping = Date.now()
    expect((await server.stop()).code).toBe(0)
    expect(Date.now() - stopping).toBeLessThan(3000)
  })

  it('writes JSON log lines that carry the request id', async () => {
    const server = await startServer({ STORE_URL: 'sqlite::memory:' })
    const response = await fetch(`${server.url}/task-status/${'0'.repeat(32)}`)
    const requestId = response.headers.get('x-request-id')
    const lines = (await server.stop()).stdout.trim().split('\n').map((line) => JSON.parse(line) as { reqId?: string })
    expect(lines.some((line) => line.reqId === requestId)).toBe(true)
  })
})
