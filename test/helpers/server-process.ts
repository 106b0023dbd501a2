// The real server process (`node dist/server.js`, built by `npm test` before vitest).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const serverScript = fileURLToPath(new URL('../../dist/server.js', import.meta.url))

export interface Exited { code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }

export function runServer (env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [serverScript], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env } })
}

export async function exited (child: ChildProcessWithoutNullStreams): Promise<Exited> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return await new Promise((resolve) => child.on('exit', (code, signal) => { resolve({ code, signal, stdout, stderr }) }))
}

/**
 * Starts the server on a free port and resolves to its base URL once it listens
 * (read from its `info` log line, so LOG_LEVEL stays at info). `stop()` sends SIGTERM and
 * resolves to everything the process wrote after it listened: lines written between the
 * two (a request's log line) are kept, not lost to a listener attached late.
 */
export async function startServer (env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams, url: string, startupLog: string, stop: () => Promise<Exited> }> {
  const child = runServer({ PORT: '0', ...env, LOG_LEVEL: env.LOG_LEVEL === 'trace' || env.LOG_LEVEL === 'debug' ? env.LOG_LEVEL : 'info' })
  let startupLog = ''
  let listening = false
  let stdout = ''
  let stderr = ''
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      if (listening) {
        stdout += chunk.toString()
        return
      }
      if (buffered.length > 1_000_000) return
      buffered += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered)
      if (match?.[1] !== undefined) {
        listening = true
        startupLog = buffered
        resolve(match[1])
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (listening) stderr += chunk.toString()
      else buffered += chunk.toString()
    })
    child.on('exit', (code) => { reject(new Error(`server exited with ${String(code)}: ${buffered}`)) })
  })
  // 'close', not 'exit': it comes once the process's output has been read to its end.
  const exit = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => { resolve({ code, signal }) }))
  const stop = async (): Promise<Exited> => {
    child.kill('SIGTERM')
    const { code, signal } = await exit
    return { code, signal, stdout, stderr }
  }
  return { child, url, startupLog, stop }
}
