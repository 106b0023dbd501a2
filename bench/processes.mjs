// @ts-check
// The benchmark's supervisor: every server, load generator and seeder is a child process
// of the run; all of them are stopped, and every temporary directory and PostgreSQL
// schema removed, on success, failure and Ctrl-C. Also the meters read from /proc: CPU
// time and resident memory of a process.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { BENCH_DIR, ROOT, sleep } from './lib.mjs'
import { BIG, PROFILES_DIR, settings } from './settings.mjs'

/**
 * A child process with its output so far and a promise of its end.
 * @typedef {import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable> & { output: string, exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }> }} Child
 */
/**
 * A server under test.
 * @typedef {{ name: string, child: Child, url: string, pid: number | undefined, startRssMb: number | undefined }} Server
 */

/** @type {Set<Child>} */
const children = new Set()
/** @type {Set<string>} */
const tempDirs = new Set()
/** @type {Set<string>} */
const schemas = new Set()

/** A failure the benchmark explains itself: its message is printed without a stack. */
export class BenchError extends Error {}

let stopping = false

/**
 * Spawns a tracked child; keeps the last 64 KiB of its output for error messages.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, onLine?: (line: string) => void }} [options]
 * @returns {Child}
 */
export function start (command, args, { env = {}, onLine } = {}) {
  if (stopping) throw new BenchError('stopping: no new child process')
  const child = /** @type {Child} */ (spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  }))
  child.output = ''
  // 'close': the process has exited and its output has been read to the end.
  child.exited = new Promise((resolve) => child.on('close', (code, signal) => { children.delete(child); resolve({ code, signal }) }))
  child.on('error', () => {})
  children.add(child)
  let partial = ''
  const take = (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString()
    child.output = (child.output + text).slice(-65_536)
    if (onLine === undefined) return
    partial += text
    const lines = partial.split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) onLine(line)
  }
  child.stdout.on('data', take)
  child.stderr.on('data', take)
  return child
}

/**
 * Runs a child to its end; rejects on a non-zero exit.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, onLine?: (line: string) => void }} [options]
 */
export async function run (command, args, options) {
  const child = start(command, args, options)
  const { code, signal } = await child.exited
  if (code !== 0) throw new BenchError(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${child.output}`)
  return child.output
}

/**
 * @param {Child} child
 * @param {number} [graceMs]
 */
async function stop (child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
}

/** @param {string} label */
export function tempDir (label) {
  const dir = mkdtempSync(join(tmpdir(), `taskd-bench-${label}-`))
  tempDirs.add(dir)
  return dir
}

/** @param {string} dir */
export function removeDir (dir) {
  rmSync(dir, { recursive: true, force: true })
  tempDirs.delete(dir)
}

export async function postgresClient () {
  const client = new pg.Client({ connectionString: settings.postgresUrl, connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  await client.connect()
  return client
}

/** @param {string} schema */
export async function dropSchema (schema) {
  const client = await postgresClient()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  } finally {
    await client.end()
  }
  schemas.delete(schema)
}

/** @param {string} label */
export function newSchema (label) {
  const schema = `taskd_bench_${randomBytes(3).toString('hex')}_${label}`
  schemas.add(schema)
  return schema
}

/** @type {Promise<void> | undefined} */
let cleaning
export async function cleanUp () {
  stopping = true
  cleaning ??= (async () => {
    await Promise.all([...children].map(async (child) => await stop(child, 5000)))
    for (const dir of [...tempDirs]) removeDir(dir)
    for (const schema of [...schemas]) {
      await dropSchema(schema).catch((error) => console.error(`could not drop PostgreSQL schema ${schema}: ${error.message}`))
    }
  })()
  await cleaning
}

// Last resort when the process ends without cleanUp (e.g. process.exit elsewhere).
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the child processes and removing temporary stores…`)
    cleanUp().finally(() => process.exit(130))
  })
}

/** @returns {Promise<number>} */
async function freePort () {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

/**
 * A memory field of /proc/<pid>/status, in MB.
 * @param {number | undefined} pid
 * @param {string} field
 */
export function status (pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match === null ? undefined : Number(match[1]) / 1024
  } catch {
    return undefined
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/**
 * CPU use between start and stop(): of the process `pid` (percent of one CPU: 100 is
 * one CPU fully busy), of its main thread alone (the event loop's, which SQLite's calls
 * run on too; the rest is the WAL checkpoint thread, the GC's helpers and libuv's pool)
 * and of the whole machine (percent of all CPUs), from /proc.
 * @param {number | undefined} pid
 */
export function cpuMeter (pid) {
  const ticks = (/** @type {string} */ file) => {
    try {
      const fields = (readFileSync(file, 'utf8').split(') ')[1] ?? '').split(' ')
      return Number(fields[11]) + Number(fields[12]) // utime + stime
    } catch {
      return undefined
    }
  }
  // The main thread's task id is the process id.
  const processTicks = () => ticks(`/proc/${pid}/stat`)
  const mainThreadTicks = () => ticks(`/proc/${pid}/task/${pid}/stat`)
  const machineTicks = () => {
    const numbers = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
    const total = numbers.reduce((sum, n) => sum + n, 0)
    return { total, idle: (numbers[3] ?? 0) + (numbers[4] ?? 0) } // idle + iowait
  }
  const startedAt = performance.now()
  const process0 = pid === undefined ? undefined : processTicks()
  const thread0 = pid === undefined ? undefined : mainThreadTicks()
  const machine0 = machineTicks()
  const percent = (/** @type {number | undefined} */ from, /** @type {number | undefined} */ to, /** @type {number} */ seconds) =>
    from === undefined || to === undefined ? undefined : (100 * (to - from)) / CLOCK_TICKS / seconds
  return {
    stop () {
      const seconds = (performance.now() - startedAt) / 1000
      const process1 = pid === undefined ? undefined : processTicks()
      const thread1 = pid === undefined ? undefined : mainThreadTicks()
      const machine1 = machineTicks()
      const busy = machine1.total - machine0.total
      return {
        serverCpuPercent: percent(process0, process1, seconds),
        eventLoopCpuPercent: percent(thread0, thread1, seconds),
        machineCpuPercent: busy > 0 ? 100 * (1 - (machine1.idle - machine0.idle) / busy) : undefined
      }
    }
  }
}

/**
 * Polls the process's VmRSS every 100 ms; stop() returns the peak in MB.
 * @param {number | undefined} pid
 * @returns {{ stop: () => number | undefined }}
 */
export function rssSampler (pid) {
  if (pid === undefined) return { stop: () => undefined }
  let peak = 0
  const sample = () => { peak = Math.max(peak, status(pid, 'VmRSS') ?? 0) }
  sample()
  const timer = setInterval(sample, 100)
  return { stop () { clearInterval(timer); sample(); return peak } }
}

/**
 * @param {Child} child
 * @param {RegExp} pattern
 * @param {number} [timeoutMs]
 */
async function waitListening (child, pattern, timeoutMs = 30_000) {
  const started = Date.now()
  for (;;) {
    const match = pattern.exec(child.output)
    if (match !== null) return match
    if (child.exitCode !== null || child.signalCode !== null) throw new BenchError(`process exited before listening:\n${child.output}`)
    if (Date.now() - started > timeoutMs) throw new BenchError(`not listening after ${timeoutMs} ms:\n${child.output}`)
    await sleep(50)
  }
}

/**
 * @param {string} url
 * @param {Child} child
 * @param {number} [timeoutMs]
 */
async function waitHealthy (url, child, timeoutMs = 60_000) {
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new BenchError(`taskd exited at start:\n${child.output}`)
    try {
      if ((await fetch(`${url}/ready`)).status === 200) return
    } catch {}
    if (Date.now() - started > timeoutMs) throw new BenchError(`taskd not ready after ${timeoutMs} ms:\n${child.output}`)
    await sleep(100)
  }
}

// taskd runs with the heap budget the container image sets, read from the Dockerfile.
export const TASKD_NODE_OPTIONS = (() => {
  const found = /^\s*NODE_OPTIONS=(\S+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))
  if (found === null || found[1] === undefined) throw new Error('the Dockerfile sets no NODE_OPTIONS')
  return found[1]
})()

/**
 * taskd as a server under test.
 * @param {{ storeUrl: string, schema?: string | undefined, profile?: boolean, env?: Record<string, string>, nodeArgs?: string[] }} location
 *   `env` adds to taskd's environment, `nodeArgs` go before its script
 * @returns {Promise<Server>}
 */
export async function startTaskd ({ storeUrl, schema, profile = false, env = {}, nodeArgs = [] }) {
  const port = await freePort()
  const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`] : []), ...nodeArgs, join(ROOT, 'dist/server.js')]
  const child = start(process.execPath, args, {
    env: {
      NODE_ENV: 'production',
      NODE_OPTIONS: TASKD_NODE_OPTIONS,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      STORE_URL: storeUrl,
      RATE_LIMIT_MAX: BIG,
      ...(schema !== undefined && { PG_SCHEMA: schema }),
      ...env
    }
  })
  const url = `http://127.0.0.1:${port}`
  await waitHealthy(url, child)
  return { name: 'taskd', child, url, pid: child.pid, startRssMb: status(child.pid, 'VmRSS') }
}

/**
 * A reference server: `script` prints `LISTENING <port>`.
 * @param {string} name
 * @param {string} script
 * @param {string[]} [args]
 * @param {Record<string, string>} [env]
 * @returns {Promise<Server>}
 */
export async function startListening (name, script, args = [], env = {}) {
  const child = start(process.execPath, [join(BENCH_DIR, script), ...args], { env: { NODE_ENV: 'production', ...env } })
  const [, port] = await waitListening(child, /LISTENING (\d+)/)
  return { name, child, url: `http://127.0.0.1:${port}`, pid: child.pid, startRssMb: status(child.pid, 'VmRSS') }
}

/**
 * Stops a server; returns its peak resident memory over its life (VmHWM), in MB.
 * @param {Server} server
 */
export async function stopServer (server) {
  const highWater = status(server.pid, 'VmHWM')
  await stop(server.child)
  return highWater
}

/**
 * @param {Response} response
 * @param {number} expected
 * @param {string} what
 */
export async function expectStatus (response, expected, what) {
  if (response.status !== expected) throw new BenchError(`${what}: expected ${expected}, got ${response.status}: ${(await response.text()).slice(0, 500)}`)
  return response
}
