// `npm run bench`: builds taskd, then measures it as a client would see it, next to
// references measured in the same run (a bare Fastify route, json-server, pgbench).
// Every server, load generator and seeder is a child process of this one; all of
// them are stopped, and every temporary directory and PostgreSQL schema removed, on
// success, failure and Ctrl-C. See bench/README.md for the cases and the settings.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { BENCH_DIR, ROOT, TASK_STATUS_ID_SUFFIX, humanTaskId, progressPatch, sleep, taskStatusDocument, taskStatusId, taskStatusTemplate } from './lib.mjs'

// ---------------------------------------------------------------- settings

function integer (name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number; got '${raw}'`)
  return Number(raw)
}

function onPath (command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

function findPgbench () {
  if (onPath('pgbench')) return 'pgbench'
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  return versions.map((version) => join(root, version, 'bin/pgbench')).find((path) => existsSync(path))
}

function redacted (url) {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
}

const QUICK = process.env.BENCH_QUICK === '1'
const PROFILE = process.env.BENCH_PROFILE === '1' ? 'patch' : process.env.BENCH_PROFILE
const settings = {
  quick: QUICK,
  durationSeconds: integer('BENCH_DURATION', QUICK ? 1 : 5),
  warmupSeconds: integer('BENCH_WARMUP', QUICK ? 0 : 1),
  connections: integer('BENCH_CONNECTIONS', 32),
  threads: integer('BENCH_THREADS', 1),
  // Stored task statuses of the main cases; also the human tasks of the bulk case,
  // json-server's documents and pgbench's rows.
  mainStored: QUICK ? 1000 : 10_000,
  maxStored: integer('BENCH_MAX_STORED', 1_000_000),
  stores: (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((store) => store.trim()).filter((store) => store !== ''),
  tool: process.env.BENCH_TOOL ?? (onPath('wrk') ? 'wrk' : 'autocannon'),
  postgresUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  toJSON () { return { ...this, postgresUrl: redacted(this.postgresUrl), toJSON: undefined } },
  pgbench: process.env.BENCH_PGBENCH ?? findPgbench()
}
settings.sizes = (QUICK ? [100, 1000, 5000] : [1000, 10_000, 100_000, 1_000_000])
  .filter((size) => size <= settings.maxStored || size === settings.mainStored)
if (!['wrk', 'autocannon'].includes(settings.tool)) throw new Error(`BENCH_TOOL must be wrk or autocannon; got '${settings.tool}'`)
if (settings.durationSeconds < 1) throw new Error('BENCH_DURATION must be at least 1 (seconds)')
for (const store of settings.stores) if (!['sqlite', 'postgres'].includes(store)) throw new Error(`BENCH_STORES lists sqlite and/or postgres; got '${store}'`)

const LUA = join(BENCH_DIR, 'wrk/spread.lua')
const PROFILES_DIR = join(BENCH_DIR, 'profiles')
const RESULTS_DIR = join(BENCH_DIR, 'results')
const LIST_FILTER = 'type eq "QUARTZ" and completionStatus eq "Success"'
const LIST_PATH = `/task-status?filters=${encodeURIComponent(LIST_FILTER)}&sorters=-created&limit=50`
const BULK_PROPERTIES = { priority: 1, customProperties: { escalated: 'true' } }
const BIG = '1000000000'

// ---------------------------------------------------------------- child processes and clean-up

const children = new Set()
const tempDirs = new Set()
const schemas = new Set()

class BenchError extends Error {}

let stopping = false

/** Spawns a tracked child; keeps the last 64 KiB of its output for error messages. */
function start (command, args, { env = {}, onLine } = {}) {
  if (stopping) throw new BenchError('stopping: no new child process')
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.output = ''
  // 'close': the process has exited and its output has been read to the end.
  child.exited = new Promise((resolve) => child.on('close', (code, signal) => { children.delete(child); resolve({ code, signal }) }))
  child.on('error', () => {})
  children.add(child)
  let partial = ''
  const take = (chunk) => {
    const text = chunk.toString()
    child.output = (child.output + text).slice(-65_536)
    if (onLine === undefined) return
    partial += text
    const lines = partial.split('\n')
    partial = lines.pop()
    for (const line of lines) onLine(line)
  }
  child.stdout.on('data', take)
  child.stderr.on('data', take)
  return child
}

/** Runs a child to its end; rejects on a non-zero exit. */
async function run (command, args, options) {
  const child = start(command, args, options)
  const { code, signal } = await child.exited
  if (code !== 0) throw new BenchError(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${child.output}`)
  return child.output
}

async function stop (child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
}

function tempDir (label) {
  const dir = mkdtempSync(join(tmpdir(), `taskd-bench-${label}-`))
  tempDirs.add(dir)
  return dir
}

function removeDir (dir) {
  rmSync(dir, { recursive: true, force: true })
  tempDirs.delete(dir)
}

async function postgresClient () {
  const client = new pg.Client({ connectionString: settings.postgresUrl, connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  await client.connect()
  return client
}

async function dropSchema (schema) {
  const client = await postgresClient()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  } finally {
    await client.end()
  }
  schemas.delete(schema)
}

function newSchema (label) {
  const schema = `taskd_bench_${randomBytes(3).toString('hex')}_${label}`
  schemas.add(schema)
  return schema
}

let cleaning
async function cleanUp () {
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

// ---------------------------------------------------------------- helpers

async function freePort () {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function status (pid, field) {
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
 * one CPU fully busy) and of the whole machine (percent of all CPUs), from /proc.
 */
function cpuMeter (pid) {
  const processTicks = () => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return Number(fields[11]) + Number(fields[12]) // utime + stime
    } catch {
      return undefined
    }
  }
  const machineTicks = () => {
    const numbers = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    const total = numbers.reduce((sum, n) => sum + n, 0)
    return { total, idle: numbers[3] + numbers[4] } // idle + iowait
  }
  const startedAt = performance.now()
  const process0 = pid === undefined ? undefined : processTicks()
  const machine0 = machineTicks()
  return {
    stop () {
      const seconds = (performance.now() - startedAt) / 1000
      const process1 = pid === undefined ? undefined : processTicks()
      const machine1 = machineTicks()
      const busy = machine1.total - machine0.total
      return {
        serverCpuPercent: process0 === undefined || process1 === undefined ? undefined : (100 * (process1 - process0)) / CLOCK_TICKS / seconds,
        machineCpuPercent: busy > 0 ? 100 * (1 - (machine1.idle - machine0.idle) / busy) : undefined
      }
    }
  }
}

/** Polls the process's VmRSS every 100 ms; stop() returns the peak in MB. */
function rssSampler (pid) {
  if (pid === undefined) return { stop: () => undefined }
  let peak = 0
  const sample = () => { peak = Math.max(peak, status(pid, 'VmRSS') ?? 0) }
  sample()
  const timer = setInterval(sample, 100)
  return { stop () { clearInterval(timer); sample(); return peak } }
}

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
const TASKD_NODE_OPTIONS = (() => {
  const found = /^\s*NODE_OPTIONS=(\S+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))
  if (found === null) throw new Error('the Dockerfile sets no NODE_OPTIONS')
  return found[1]
})()

/** A server under test: child, base URL, pid. */
async function startTaskd ({ storeUrl, schema, profile = false }) {
  const port = await freePort()
  const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`] : []), join(ROOT, 'dist/server.js')]
  const child = start(process.execPath, args, {
    env: {
      NODE_ENV: 'production',
      NODE_OPTIONS: TASKD_NODE_OPTIONS,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      STORE_URL: storeUrl,
      RATE_LIMIT_MAX: BIG,
      ...(schema !== undefined && { PG_SCHEMA: schema })
    }
  })
  const url = `http://127.0.0.1:${port}`
  await waitHealthy(url, child)
  return { name: 'taskd', child, url, pid: child.pid, startRssMb: status(child.pid, 'VmRSS') }
}

async function startListening (name, script, args = []) {
  const child = start(process.execPath, [join(BENCH_DIR, script), ...args], { env: { NODE_ENV: 'production' } })
  const [, port] = await waitListening(child, /LISTENING (\d+)/)
  return { name, child, url: `http://127.0.0.1:${port}`, pid: child.pid, startRssMb: status(child.pid, 'VmRSS') }
}

/** Stops a server; returns its peak resident memory over its life (VmHWM), in MB. */
async function stopServer (server) {
  const highWater = status(server.pid, 'VmHWM')
  await stop(server.child)
  return highWater
}

async function expectStatus (response, expected, what) {
  if (response.status !== expected) throw new BenchError(`${what}: expected ${expected}, got ${response.status}: ${(await response.text()).slice(0, 500)}`)
  return response
}

const fmt = {
  int: (n) => n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'),
  ms: (n) => n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'),
  mb: (n) => n === undefined ? 'n/a' : n.toFixed(0),
  times: (n) => n === undefined ? 'n/a' : n >= 10 ? `${n.toFixed(0)}×` : `${n.toFixed(2)}×`,
  percent: (n) => n === undefined ? 'n/a' : `${(n * 100).toFixed(n < 0.1 ? 1 : 0)}%`
}

function log (line = '') {
  process.stdout.write(`${line}\n`)
}

// ---------------------------------------------------------------- load

/**
 * One load run of `seconds` against `base`: mode get | patch | merge | fixed (see
 * bench/wrk/spread.lua). Resolves to { requests, seconds, rps, p50Ms, p99Ms, errors, non2xx }.
 */
async function load ({ base, mode, path, count = 1, suffix = TASK_STATUS_ID_SUFFIX, seconds }) {
  if (settings.tool === 'wrk') {
    const output = await run('wrk', [
      '-t', String(Math.min(settings.threads, settings.connections)), '-c', String(settings.connections), '-d', `${seconds}s`,
      '--timeout', '30s', '-s', LUA, base, '--', mode, path, String(count), suffix
    ])
    const line = output.split('\n').find((text) => text.startsWith('WRK_RESULT '))
    if (line === undefined) throw new BenchError(`wrk printed no result:\n${output}`)
    const result = JSON.parse(line.slice('WRK_RESULT '.length))
    return {
      requests: result.requests,
      seconds: result.durationUs / 1e6,
      rps: result.requests / (result.durationUs / 1e6),
      p50Ms: result.p50Us / 1000,
      p99Ms: result.p99Us / 1000,
      errors: result.connectErrors + result.readErrors + result.writeErrors + result.timeouts,
      non2xx: result.statusErrors
    }
  }
  return await autocannon({ url: base, connections: settings.connections, duration: seconds, mode, path, count, suffix: 'status' })
}

async function autocannon (options) {
  const output = await run(process.execPath, [join(BENCH_DIR, 'autocannon-runner.mjs'), JSON.stringify(options)])
  const result = JSON.parse(output.trim().split('\n').pop())
  return { ...result, rps: result.requests / result.seconds, errors: result.errors + result.timeouts }
}

// ---------------------------------------------------------------- results

const results = {
  startedAt: new Date().toISOString(),
  settings,
  machine: {},
  seeding: [],
  cases: [],
  bulk: [],
  servers: [],
  references: {},
  skipped: [],
  failures: [],
  ratios: []
}

function checkClean (label, ...runs) {
  const errors = runs.reduce((sum, result) => sum + result.errors, 0)
  const non2xx = runs.reduce((sum, result) => sum + result.non2xx, 0)
  if (errors + non2xx > 0) {
    const failure = `${label}: ${errors} socket errors/timeouts and ${non2xx} non-2xx responses (warm-up included)`
    results.failures.push(failure)
    log(`  !!! FAILURE: ${failure}`)
  }
  return { errors, non2xx }
}

/** Warm-up, then the measured run, with the server's peak RSS sampled throughout. */
async function measure ({ server, store, name, stored, mode, path, count, suffix }) {
  const sampler = rssSampler(server.pid)
  const runs = []
  if (settings.warmupSeconds > 0) runs.push(await load({ base: server.url, mode, path, count, suffix, seconds: settings.warmupSeconds }))
  const meter = cpuMeter(server.pid)
  const result = await load({ base: server.url, mode, path, count, suffix, seconds: settings.durationSeconds })
  const cpu = meter.stop()
  const peakRssMb = sampler.stop()
  const { errors, non2xx } = checkClean(`${store} ${name} (${fmt.int(stored)} stored)`, ...runs, result)
  const entry = { store, case: name, stored, requests: result.requests, seconds: result.seconds, rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, peakRssMb, ...cpu, errors, non2xx }
  log(`  ${store.padEnd(10)} ${name.padEnd(28)} ${fmt.int(stored).padStart(9)} stored ${fmt.int(result.rps).padStart(8)} req/s   p50 ${fmt.ms(result.p50Ms).padStart(6)} ms   p99 ${fmt.ms(result.p99Ms).padStart(6)} ms   RSS ${fmt.mb(peakRssMb).padStart(4)} MB   CPU ${fmt.int(cpu.serverCpuPercent).padStart(3)}% (machine ${fmt.int(cpu.machineCpuPercent)}%)`)
  return entry
}

// ---------------------------------------------------------------- seeding

async function seed (store, location, taskStatuses, humanTasks) {
  const output = await run(process.execPath, ['--no-deprecation', join(BENCH_DIR, 'seed.mjs'), JSON.stringify({
    storeUrl: location.storeUrl,
    schema: location.schema,
    taskStatuses: { from: 1, to: taskStatuses },
    humanTasks
  })], { onLine: (line) => { if (line.startsWith('    seeded') || line.startsWith('    indexed')) log(line) } })
  const outcome = JSON.parse(output.split('\n').find((line) => line.startsWith('{')))
  results.seeding.push({ store, ...outcome })
  log(`  ${store.padEnd(10)} seeded ${fmt.int(taskStatuses)} task statuses${humanTasks > 0 ? ` and ${fmt.int(humanTasks)} human tasks` : ''} in ${outcome.seconds.toFixed(1)} s`)
  return outcome
}

async function newLocation (store, label) {
  if (store === 'sqlite') {
    const dir = tempDir(`sqlite-${label}`)
    return { storeUrl: `sqlite:${join(dir, 'taskd.db')}`, remove: async () => removeDir(dir) }
  }
  const schema = newSchema(label)
  return { storeUrl: settings.postgresUrl, schema, remove: async () => await dropSchema(schema) }
}

// ---------------------------------------------------------------- cases

async function sanity (server, { list = false, humanTasks = false } = {}) {
  const id = taskStatusId(1)
  const got = await (await expectStatus(await fetch(`${server.url}/task-status/${id}`), 200, `GET /task-status/${id}`)).json()
  if (got.id !== id) throw new BenchError(`GET /task-status/${id} answered id ${got.id}`)
  await expectStatus(await fetch(`${server.url}/task-status/${id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify(progressPatch(1))
  }), 200, `PATCH /task-status/${id}`)
  if (list) {
    const page = await (await expectStatus(await fetch(server.url + LIST_PATH), 200, `GET ${LIST_PATH}`)).json()
    if (!Array.isArray(page) || page.length !== 50) throw new BenchError(`GET ${LIST_PATH} answered ${Array.isArray(page) ? page.length : 'no'} items, not 50`)
  }
  if (humanTasks) await expectStatus(await fetch(`${server.url}/v1/task/${humanTaskId(1)}`), 200, `GET /v1/task/${humanTaskId(1)}`)
}

/** The sum and count of a Prometheus histogram series whose labels include all of `labels`. */
async function histogram (url, name, labels) {
  const text = await (await fetch(`${url}/metrics`)).text()
  const pick = (suffix) => {
    let total = 0
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}_${suffix}{`)) continue
      const labelText = line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1)
      if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1))
    }
    return total
  }
  return { sum: pick('sum'), count: pick('count') }
}

/** The bulk update of every human task in one request, versus one request per task. */
async function bulkCase (server, store, location) {
  const n = settings.mainStored
  const ids = Array.from({ length: n }, (_, k) => humanTaskId(k + 1))
  const sampler = rssSampler(server.pid)
  const once = async (priority) => {
    const body = JSON.stringify({ updatedTaskIDs: ids, updatedPropertyValues: { ...BULK_PROPERTIES, priority } })
    const http = { method: 'PUT', route: '/v1/task', status_code: '200' }
    const storeOp = { repository: 'humanTasks', operation: 'updateMany' }
    const [httpBefore, storeBefore] = [await histogram(server.url, 'http_request_duration_seconds', http), await histogram(server.url, 'taskd_store_operation_duration_seconds', storeOp)]
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/task?action=update`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })
    const text = await response.text()
    const wallMs = performance.now() - started
    if (response.status !== 200 || text !== '') throw new BenchError(`bulk update of ${n} tasks: ${response.status} ${text.slice(0, 500)}`)
    const [httpAfter, storeAfter] = [await histogram(server.url, 'http_request_duration_seconds', http), await histogram(server.url, 'taskd_store_operation_duration_seconds', storeOp)]
    return {
      wallMs,
      serverMs: httpAfter.count === httpBefore.count + 1 ? (httpAfter.sum - httpBefore.sum) * 1000 : undefined,
      storeMs: storeAfter.count > storeBefore.count ? (storeAfter.sum - storeBefore.sum) * 1000 : undefined
    }
  }
  await once(2) // warm-up
  const runs = [await once(1), await once(3), await once(1)]
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1]
  const singleBody = JSON.stringify(BULK_PROPERTIES)
  const singles = (amount) => autocannon({ url: server.url, connections: settings.connections, amount, mode: 'update', path: '/v1/task/', suffix: 'human', body: singleBody })
  const warm = await singles(Math.min(1000, n))
  const measured = await singles(n)
  const peakRssMb = sampler.stop()
  const floors = [await storeFloorMs(store, location, ids, 4), await storeFloorMs(store, location, ids, 5), await storeFloorMs(store, location, ids, 4)]
  const { errors, non2xx } = checkClean(`${store} single updates`, warm, measured)
  if (measured.requests !== n) results.failures.push(`${store} single updates: ${measured.requests} responses, not ${n}`)
  const entry = {
    store,
    tasks: n,
    bulkWallMs: median('wallMs'),
    bulkServerMs: median('serverMs'),
    bulkStoreMs: median('storeMs'),
    bulkRuns: runs,
    storeFloorMs: floors.sort((a, b) => a - b)[1],
    singlesWallMs: measured.seconds * 1000,
    singlesRps: measured.rps,
    singlesP50Ms: measured.p50Ms,
    singlesP99Ms: measured.p99Ms,
    singlesConnections: settings.connections,
    peakRssMb,
    errors,
    non2xx
  }
  entry.speedup = entry.singlesWallMs / entry.bulkWallMs
  log(`  ${store.padEnd(10)} bulk update of ${fmt.int(n)} tasks: ${fmt.ms(entry.bulkWallMs)} ms wall (server ${fmt.ms(entry.bulkServerMs)} ms, store ${fmt.ms(entry.bulkStoreMs)} ms; the store alone ${fmt.ms(entry.storeFloorMs)} ms); ${fmt.int(n)} single updates: ${fmt.ms(entry.singlesWallMs)} ms (${fmt.int(measured.rps)} req/s) → ${fmt.times(entry.speedup)}`)
  return entry
}

// The store's own floor for the bulk case: the same change to the same rows (priority,
// lastModificationTime and one custom property in the document, and the columns indexed
// from them), made by the database alone: one IMMEDIATE transaction of single-row UPDATEs
// through better-sqlite3 (synchronous=FULL, as taskd), or one UPDATE statement on
// PostgreSQL. No HTTP, no validation, no JSON work in JavaScript.
async function storeFloorMs (store, location, ids, priority) {
  const now = new Date().toISOString()
  if (store === 'sqlite') {
    const db = new Database(location.storeUrl.slice('sqlite:'.length))
    try {
      db.pragma('busy_timeout = 5000')
      db.pragma('synchronous = FULL')
      const update = db.prepare(`UPDATE human_task SET version = version + 1,
        document = json_set(document, '$.priority', ?, '$.lastModificationTime', ?,
          '$.customProperties', json(json_patch(coalesce(json_extract(document, '$.customProperties'), '{}'), '{"escalated":"true"}'))),
        priority = ?, last_modification_time = ? WHERE tkiid = ?`)
      const started = performance.now()
      db.transaction(() => { for (const id of ids) update.run(priority, now, priority, now, id) }).immediate()
      return performance.now() - started
    } finally {
      db.close()
    }
  }
  const client = await postgresClient()
  try {
    await client.query(`SET search_path TO ${pg.escapeIdentifier(location.schema)}`)
    const started = performance.now()
    await client.query(`UPDATE human_task SET version = version + 1,
      document = (document::jsonb || jsonb_build_object('priority', $2::integer, 'lastModificationTime', $3::text,
        'customProperties', coalesce(document::jsonb -> 'customProperties', '{}'::jsonb) || '{"escalated":"true"}'::jsonb))::json
      WHERE tkiid = ANY($1::text[])`, [ids, priority, now])
    return performance.now() - started
  } finally {
    await client.end()
  }
}

async function storeCases (store) {
  for (const size of settings.sizes) {
    const main = size === settings.mainStored
    const location = await newLocation(store, `${size}`)
    await seed(store, location, size, main ? settings.mainStored : 0)
    const server = await startTaskd(location)
    try {
      await sanity(server, { list: main, humanTasks: main })
      const spread = { server, store, stored: size, path: '/task-status/', count: size }
      results.cases.push(await measure({ ...spread, name: 'GET /task-status/{id}', mode: 'get' }))
      results.cases.push(await measure({ ...spread, name: 'PATCH /task-status/{id}', mode: 'patch' }))
      if (main) {
        results.cases.push(await measure({ server, store, stored: size, name: 'GET /task-status?filters…', mode: 'fixed', path: LIST_PATH }))
        results.bulk.push(await bulkCase(server, store, location))
      }
    } finally {
      const highWaterMb = await stopServer(server)
      results.servers.push({ store, stored: size, startRssMb: server.startRssMb, highWaterMb })
      await location.remove()
    }
  }
}

// ---------------------------------------------------------------- references

// Each reference is measured at the start of the run and again at its end: on a shared
// machine the load drifts over the minutes between, and a ratio against one moment would
// carry that drift. Ratios use the mean of the two; the report shows both.
function recordReference (key, entry) {
  const first = results.references[key]
  results.references[key] = first === undefined
    ? { ...entry, rpsRuns: [entry.rps] }
    : { ...entry, rps: (first.rps + entry.rps) / 2, rpsRuns: [...first.rpsRuns, entry.rps] }
}

async function measureReferences () {
  await constantRoute('bareFastify', 'bare Fastify', 'bare-fastify.mjs')
  await constantRoute('fastifyWithPlugins', 'Fastify + taskd\'s plugins', 'fastify-with-plugins.mjs')
  await jsonServer()
  if (results.machine.postgres !== undefined) await pgbench()
}

// A constant route served by `script`, measured with GET as taskd's GET is. Two of
// them: bare Fastify, the ceiling; and the same route with taskd's cross-cutting
// plugins, which shows how much of the gap to bare Fastify those plugins make, before
// any of taskd's own work.
async function constantRoute (key, name, script) {
  const server = await startListening(name, script)
  try {
    recordReference(key, await measure({ server, store: name, name: 'GET /task-status/{id}', stored: 0, mode: 'get', path: '/task-status/', count: settings.mainStored }))
  } finally {
    results.servers.push({ store: name, startRssMb: server.startRssMb, highWaterMb: await stopServer(server) })
  }
}

async function jsonServer () {
  const dir = tempDir('json-server')
  try {
    const template = await taskStatusTemplate()
    const documents = Array.from({ length: settings.mainStored }, (_, k) => taskStatusDocument(template, k + 1))
    const file = join(dir, 'db.json')
    writeFileSync(file, JSON.stringify({ taskStatus: documents }, null, 2))
    const server = await startListening('json-server', 'json-server.mjs', [file])
    try {
      await expectStatus(await fetch(`${server.url}/taskStatus/${taskStatusId(1)}`), 200, 'json-server GET /taskStatus/{id}')
      const spread = { server, store: 'json-server', stored: settings.mainStored, path: '/taskStatus/', count: settings.mainStored }
      recordReference('jsonServerGet', await measure({ ...spread, name: 'GET /taskStatus/{id}', mode: 'get' }))
      recordReference('jsonServerPatch', await measure({ ...spread, name: 'PATCH /taskStatus/{id} (merge)', mode: 'merge' }))
    } finally {
      results.servers.push({ store: 'json-server', stored: settings.mainStored, startRssMb: server.startRssMb, highWaterMb: await stopServer(server) })
    }
  } finally {
    removeDir(dir)
  }
}

function percentile (sorted, p) {
  if (sorted.length === 0) return undefined
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function pgbench () {
  if (settings.pgbench === undefined) {
    results.skipped.push('pgbench: not found (set BENCH_PGBENCH)')
    log('  pgbench not found: skipped (set BENCH_PGBENCH to its path)')
    return
  }
  const location = await newLocation('postgres', 'pgbench')
  const dir = tempDir('pgbench')
  try {
    await seed('postgres (pgbench)', location, settings.mainStored, 0)
    const url = new URL(settings.postgresUrl)
    const args = (seconds, logged) => [
      '-n', '-M', 'prepared', '-c', String(settings.connections), '-j', String(Math.min(2, cpus().length)), '-T', String(seconds),
      '-D', `rows=${settings.mainStored}`, '-D', `suffix=${TASK_STATUS_ID_SUFFIX}`, '-f', join(BENCH_DIR, 'pgbench-rmw.sql'),
      ...(logged ? ['--log', `--log-prefix=${join(dir, 'pgbench')}`] : []),
      '-h', url.hostname, '-p', url.port === '' ? '5432' : url.port, '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1)
    ]
    const env = { PGOPTIONS: `-c search_path=${location.schema}`, ...(url.password !== '' && { PGPASSWORD: decodeURIComponent(url.password) }) }
    if (settings.warmupSeconds > 0) await run(settings.pgbench, args(settings.warmupSeconds, false), { env })
    const meter = cpuMeter(undefined)
    const output = await run(settings.pgbench, args(settings.durationSeconds, true), { env })
    const { machineCpuPercent } = meter.stop()
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1])
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0)
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1])
    const latencies = []
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ')
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000)
      }
    }
    latencies.sort((a, b) => a - b)
    if (!(tps > 0)) throw new BenchError(`pgbench printed no tps:\n${output}`)
    if (failed > 0) results.failures.push(`pgbench: ${failed} failed transactions`)
    const entry = {
      store: 'pgbench',
      case: 'read-modify-write transaction',
      stored: settings.mainStored,
      requests: processed,
      seconds: settings.durationSeconds,
      rps: tps,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      machineCpuPercent,
      errors: failed,
      non2xx: 0
    }
    recordReference('pgbench', entry)
    log(`  ${'pgbench'.padEnd(10)} ${entry.case.padEnd(28)} ${fmt.int(entry.stored).padStart(9)} rows   ${fmt.int(tps).padStart(8)} tps     p50 ${fmt.ms(entry.p50Ms).padStart(6)} ms   p99 ${fmt.ms(entry.p99Ms).padStart(6)} ms`)
  } finally {
    removeDir(dir)
    await location.remove()
  }
}

// ---------------------------------------------------------------- ratios and report

function findCase (store, name, stored) {
  return results.cases.find((entry) => entry.store === store && entry.case === name && entry.stored === stored)
}

// unit: 'percent' (a share of a reference), 'times' (a multiple), 'ms' or 'MB'.
function ratio (name, value, target, { atLeast, below, unit = 'percent' } = {}) {
  const pass = value === undefined ? undefined : atLeast !== undefined ? value >= atLeast : value < below
  results.ratios.push({ name, value, target, pass, unit })
}

function computeRatios () {
  const main = settings.mainStored
  const ceiling = results.references.bareFastify?.rps
  const smallest = settings.sizes[0]
  const largest = settings.sizes[settings.sizes.length - 1]
  for (const store of settings.stores) {
    const get = findCase(store, 'GET /task-status/{id}', main)
    const patch = findCase(store, 'PATCH /task-status/{id}', main)
    if (get === undefined) continue
    ratio(`${store}: GET vs bare-Fastify ceiling`, ceiling && get.rps / ceiling, '≥ 60%', { atLeast: 0.6 })
    ratio(`${store}: PATCH vs bare-Fastify ceiling`, ceiling && patch.rps / ceiling, '≥ 30%', { atLeast: 0.3 })
    const withPlugins = results.references.fastifyWithPlugins?.rps
    if (withPlugins !== undefined) results.ratios.push({ name: `${store}: GET vs Fastify with taskd's plugins (no target)`, value: get.rps / withPlugins, target: '–', unit: 'percent' })
    const jsGet = results.references.jsonServerGet?.rps
    const jsPatch = results.references.jsonServerPatch?.rps
    ratio(`${store}: GET vs json-server (${fmt.int(main)} stored)`, jsGet && get.rps / jsGet, '≥ 5×', { atLeast: 5, unit: 'times' })
    ratio(`${store}: PATCH vs json-server (${fmt.int(main)} stored)`, jsPatch && patch.rps / jsPatch, '≥ 50×', { atLeast: 50, unit: 'times' })
    if (store === 'postgres') {
      const tps = results.references.pgbench?.rps
      ratio('postgres: PATCH vs pgbench read-modify-write', tps && patch.rps / tps, '≥ 50%', { atLeast: 0.5 })
    }
    const bulk = results.bulk.find((entry) => entry.store === store)
    if (bulk !== undefined) {
      ratio(`${store}: bulk update of ${fmt.int(main)} tasks, wall ms`, bulk.bulkWallMs, '< 150 ms', { below: 150, unit: 'ms' })
      ratio(`${store}: bulk vs ${fmt.int(main)} single updates (c=${settings.connections})`, bulk.speedup, '≥ 20×', { atLeast: 20, unit: 'times' })
    }
    if (largest !== smallest) {
      for (const name of ['GET /task-status/{id}', 'PATCH /task-status/{id}']) {
        const small = findCase(store, name, smallest)
        const large = findCase(store, name, largest)
        ratio(`${store}: ${name.split(' ')[0]} with ${fmt.int(largest)} vs ${fmt.int(smallest)} stored`, small && large && large.rps / small.rps, '≥ 90% (within 10%)', { atLeast: 0.9 })
      }
    }
    const peak = Math.max(...results.cases.filter((entry) => entry.store === store).map((entry) => entry.peakRssMb ?? 0),
      ...results.bulk.filter((entry) => entry.store === store).map((entry) => entry.peakRssMb ?? 0))
    ratio(`${store}: peak RSS of taskd over its cases`, peak, '< 200 MB', { below: 200, unit: 'MB' })
  }
}

/** A Markdown table; the first `left` columns are left-aligned, the others right-aligned (or as `align` says). */
function table (header, rows, left = 2, align = header.map((_, k) => k < left ? 'left' : 'right')) {
  return [`| ${header.join(' | ')} |`, `|${align.map((side) => side === 'left' ? '---' : '---:').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

function shownValue (entry) {
  if (entry.value === undefined) return 'n/a'
  if (entry.unit === 'ms') return `${fmt.ms(entry.value)} ms`
  if (entry.unit === 'MB') return `${fmt.mb(entry.value)} MB`
  return fmt[entry.unit](entry.value)
}

function markdown () {
  const { machine } = results
  const s = settings
  const lines = []
  lines.push(`# taskd benchmark, ${results.startedAt}`, '')
  lines.push(`${results.failures.length > 0 ? '**FAILED**: ' + results.failures.join('; ') : 'All requests answered 2xx, no socket errors.'} Full run took ${(results.totalSeconds / 60).toFixed(1)} min.`, '')
  lines.push('## Machine and settings', '')
  lines.push(`- Node ${machine.node}, ${machine.cpuModel} × ${machine.cpus} CPUs, ${machine.memoryGb} GB RAM, Linux ${machine.kernel}; load average (1/5/15 min) ${machine.loadAverageAtStart.join(' / ')} at start, ${machine.loadAverageAtEnd?.join(' / ') ?? 'n/a'} at end`)
  lines.push(`- taskd: commit ${machine.taskd}`)
  lines.push(`- PostgreSQL: ${machine.postgres ?? 'not reachable'}`)
  lines.push(`- Load: ${machine.tool} from a second process on loopback, ${s.connections} connections${s.tool === 'wrk' ? `, ${Math.min(s.threads, s.connections)} thread(s)` : ''}, ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s measured per case${s.quick ? ' (BENCH_QUICK)' : ''}; single updates of the bulk comparison with autocannon ${machine.autocannon} (a fixed count of requests), ${s.connections} connections`)
  lines.push(`- taskd: \`node dist/server.js\`, NODE_ENV=production, NODE_OPTIONS=${TASKD_NODE_OPTIONS} (the container image's), LOG_LEVEL=warn,` + ' RATE_LIMIT_MAX=1e9, no credentials (loopback), default PG_POOL_SIZE (10); SQLite in WAL mode with synchronous=FULL (its default)')
  lines.push(`- List case: \`GET ${decodeURIComponent(LIST_PATH)}\``)
  lines.push('')
  lines.push('## taskd', '')
  lines.push(table(['store', 'case', 'stored', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'server CPU %', 'machine CPU %', 'errors / non-2xx'],
    results.cases.map((e) => [e.store, `\`${e.case}\``, fmt.int(e.stored), fmt.int(e.rps), fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.mb(e.peakRssMb), fmt.int(e.serverCpuPercent), fmt.int(e.machineCpuPercent), `${e.errors} / ${e.non2xx}`])))
  lines.push('')
  if (results.bulk.length > 0) {
    lines.push(`## Bulk update of ${fmt.int(s.mainStored)} human tasks`, '')
    lines.push(table(['store', 'bulk wall ms (median of 3)', 'bulk server ms', 'bulk store ms', 'the store alone ms', 'singles wall ms', 'singles req/s', 'singles p50 ms', 'singles p99 ms', 'bulk speed-up', 'peak RSS MB'],
      results.bulk.map((e) => [e.store, fmt.ms(e.bulkWallMs), fmt.ms(e.bulkServerMs), fmt.ms(e.bulkStoreMs), fmt.ms(e.storeFloorMs), fmt.int(e.singlesWallMs), fmt.int(e.singlesRps), fmt.ms(e.singlesP50Ms), fmt.ms(e.singlesP99Ms), fmt.times(e.speedup), fmt.mb(e.peakRssMb)]), 1))
    lines.push('')
    lines.push('Wall: one `PUT /v1/task?action=update` timed by the client on loopback (body already serialized; includes sending ~0.4 MB and reading the empty answer). ' +
      'taskd sends no Server-Timing header; "server ms" is the growth of `http_request_duration_seconds_sum` for that route in `/metrics` (measured by taskd from request to response), "store ms" that of `taskd_store_operation_duration_seconds_sum` for `updateMany`. ' +
      `Singles: the same change as \`PUT /v1/task/{tkiid}?action=update\`, once per task, ${s.connections} at a time. ` +
      '"The store alone": the same change to the same rows made by the database without taskd (median of 3): on SQLite one IMMEDIATE transaction of single-row UPDATEs through better-sqlite3 with synchronous=FULL, on PostgreSQL one UPDATE … WHERE tkiid = ANY(…); the JSON is changed by the database\'s own functions.')
    lines.push('')
  }
  lines.push('## References (same run, same load settings; measured at its start and again at its end, ratios use the mean; p50, p99 and memory from the second)', '')
  const refs = [results.references.bareFastify, results.references.fastifyWithPlugins, results.references.jsonServerGet, results.references.jsonServerPatch, results.references.pgbench].filter(Boolean)
  lines.push(table(['reference', 'case', 'stored', 'req/s (tps), mean', 'at start / at end', 'p50 ms', 'p99 ms', 'peak RSS MB', 'server CPU %', 'machine CPU %', 'errors / non-2xx'],
    refs.map((e) => [e.store, `\`${e.case}\``, e.stored === 0 ? '–' : fmt.int(e.stored), fmt.int(e.rps), e.rpsRuns.map(fmt.int).join(' / '), fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.mb(e.peakRssMb), fmt.int(e.serverCpuPercent), fmt.int(e.machineCpuPercent), `${e.errors} / ${e.non2xx}`])))
  lines.push('')
  lines.push('## Ratios and targets', '')
  lines.push(table(['ratio', 'value', 'target', 'result'], results.ratios.map((e) => [e.name, shownValue(e), e.target, e.pass === undefined ? 'n/a' : e.pass ? 'pass' : '**miss**']), 1, ['left', 'right', 'left', 'left']))
  lines.push('')
  lines.push('## Seeding and memory', '')
  lines.push(table(['store', 'task statuses', 'human tasks', 'seconds'], results.seeding.map((e) => [e.store, fmt.int(e.taskStatuses), fmt.int(e.humanTasks), e.seconds.toFixed(1)]), 1))
  lines.push('')
  lines.push(table(['server', 'stored', 'RSS MB when ready (idle)', 'VmHWM MB (peak over its life)'], results.servers.map((e) => [e.store, e.stored === undefined ? '–' : fmt.int(e.stored), fmt.mb(e.startRssMb), fmt.mb(e.highWaterMb)]), 1))
  lines.push('')
  if (results.skipped.length > 0) lines.push('## Skipped', '', ...results.skipped.map((line) => `- ${line}`), '')
  lines.push('## Notes', '')
  lines.push('- Load generator, server (and PostgreSQL) share the same CPUs; on a 2-CPU machine the client takes a good part of one. Figures are for comparing within a run, not absolute capacity. "server CPU %" is the server process\'s user+system time over the measured run (100 = one CPU busy the whole time; PostgreSQL\'s own processes not included), "machine CPU %" the share of all CPUs busy (everything on the machine, other users\' work included).')
  lines.push('- PATCH spreads over all stored ids and appends a message each time, so with few stored documents each grows by several messages during the case.')
  lines.push('- json-server gets the same changes as a merge body; merge replaces `messages` whole, so its documents do not grow. It rewrites its whole db.json on every write (its normal mode).')
  lines.push('- pgbench: `bench/pgbench-rmw.sql` (BEGIN; SELECT … FOR UPDATE; UPDATE the json document server-side; COMMIT) on taskd\'s own task_status table, prepared statements, same client count; taskd keeps its default pool of 10 connections.')
  return lines.join('\n') + '\n'
}

/** The commit measured, and whether src/ or spec/ differ from it. */
function taskdRevision () {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  const head = git('rev-parse', '--short', 'HEAD')
  if (head.status !== 0) return 'unknown (not a git checkout)'
  const changed = git('status', '--porcelain', '--', 'src', 'spec').stdout.trim() !== ''
  return `${head.stdout.trim()}${changed ? ' with uncommitted changes in src/ or spec/' : ''}`
}

async function machineInfo () {
  const machine = {
    node: process.version,
    cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    cpus: cpus().length,
    memoryGb: (totalmem() / 2 ** 30).toFixed(1),
    kernel: release(),
    taskd: taskdRevision(),
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    tool: settings.tool === 'wrk' ? (spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0].split(' Copyright')[0].trim() || 'wrk') : 'autocannon',
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')).version,
    jsonServer: JSON.parse(readFileSync(join(ROOT, 'node_modules/json-server/package.json'), 'utf8')).version
  }
  if (machine.tool === 'autocannon') machine.tool = `autocannon ${machine.autocannon}`
  return machine
}

async function postgresReachable () {
  try {
    const client = await postgresClient()
    const { rows } = await client.query('SELECT version()')
    await client.end()
    return rows[0].version.split(' on ')[0]
  } catch (error) {
    return { error: error.message || error.code || String(error) }
  }
}

function writeResults () {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const stamp = results.startedAt.slice(0, 19).replace(/:/g, '-') + 'Z'
  const md = markdown()
  const json = JSON.stringify(results, null, 2) + '\n'
  for (const name of [stamp, 'latest']) {
    writeFileSync(join(RESULTS_DIR, `${name}.md`), md)
    writeFileSync(join(RESULTS_DIR, `${name}.json`), json)
  }
  log(`\nResults: bench/results/${stamp}.md (.json), also bench/results/latest.md (.json)\n`)
  log(md)
}

// ---------------------------------------------------------------- profile mode

async function profile () {
  const store = process.env.BENCH_PROFILE_STORE ?? 'sqlite'
  const size = integer('BENCH_PROFILE_STORED', settings.mainStored)
  if (!['get', 'patch', 'list', 'bulk'].includes(PROFILE)) throw new Error(`BENCH_PROFILE must be 1, get, patch, list or bulk; got '${PROFILE}'`)
  mkdirSync(PROFILES_DIR, { recursive: true })
  const before = new Set(readdirSync(PROFILES_DIR))
  const location = await newLocation(store, 'profile')
  try {
    await seed(store, location, size, PROFILE === 'bulk' ? settings.mainStored : 0)
    const server = await startTaskd({ ...location, profile: true })
    try {
      const spread = { server, store, stored: size, path: '/task-status/', count: size }
      if (PROFILE === 'get') await measure({ ...spread, name: 'GET /task-status/{id}', mode: 'get' })
      if (PROFILE === 'patch') await measure({ ...spread, name: 'PATCH /task-status/{id}', mode: 'patch' })
      if (PROFILE === 'list') await measure({ ...spread, name: 'GET /task-status?filters…', mode: 'fixed', path: LIST_PATH })
      if (PROFILE === 'bulk') await bulkCase(server, store)
    } finally {
      await stopServer(server) // SIGTERM: taskd closes and exits, and Node writes the profile
    }
  } finally {
    await location.remove()
  }
  const written = readdirSync(PROFILES_DIR).filter((file) => !before.has(file))
  log(`\nCPU profile: ${written.map((file) => `bench/profiles/${file}`).join(', ') || '(none written)'}`)
  log('Open it in Chrome DevTools (Performance → Load profile) or VS Code.')
}

// ---------------------------------------------------------------- main

async function main () {
  const started = performance.now()
  results.machine = await machineInfo()
  if (results.machine.loadAverageAtStart[0] > 0.5) {
    log(`Note: the 1-minute load average is ${results.machine.loadAverageAtStart[0]} before the run; other work on this machine will lower the figures.`)
  }
  log(`taskd benchmark: ${results.machine.tool}, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per case; stored sizes ${settings.sizes.map(fmt.int).join(', ')}${QUICK ? ' (BENCH_QUICK)' : ''}`)
  if (settings.stores.includes('postgres')) {
    const reachable = await postgresReachable()
    if (typeof reachable === 'string') {
      results.machine.postgres = reachable
    } else {
      const line = `PostgreSQL at ${redacted(settings.postgresUrl)} is not reachable (${reachable.error}): PostgreSQL cases and pgbench skipped`
      log(line)
      results.skipped.push(line)
      settings.stores = settings.stores.filter((store) => store !== 'postgres')
    }
  }
  if (PROFILE !== undefined) {
    await profile()
    return 0
  }
  log('\nReferences')
  await measureReferences()
  for (const store of settings.stores) {
    log(`\n${store}`)
    await storeCases(store)
  }
  log('\nReferences again')
  await measureReferences()
  results.finishedAt = new Date().toISOString()
  results.machine.loadAverageAtEnd = loadavg().map((n) => Number(n.toFixed(2)))
  results.totalSeconds = (performance.now() - started) / 1000
  computeRatios()
  writeResults()
  if (results.failures.length > 0) {
    log(`FAILED: ${results.failures.length} case(s) had errors or non-2xx responses:`)
    for (const failure of results.failures) log(`  - ${failure}`)
    return 1
  }
  return 0
}

let code = 1
try {
  code = await main()
} catch (error) {
  console.error(`\nbenchmark failed: ${error instanceof BenchError ? error.message : error.stack}`)
} finally {
  await cleanUp()
}
process.exit(code)
