// @ts-check
// The references taskd is measured against in the same run, with the same tool and
// settings: bare Fastify (the ceiling), Fastify with taskd's per-request plugins,
// json-server, and pgbench's read-modify-write on taskd's own table. They are started
// once per comparison and measured in rounds that alternate with taskd's (rounds.mjs):
// each reference's figure is the median of all its rounds, with their spread.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { BENCH_DIR, TASK_STATUS_ID_SUFFIX, taskStatusDocument, taskStatusId, taskStatusTemplate } from './lib.mjs'
import { measure } from './load.mjs'
import { BenchError, expectStatus, removeDir, run, startListening, stopServer, tempDir, cpuMeter } from './processes.mjs'
import { combinedRounds } from './rounds.mjs'
import { results } from './results.mjs'
import { fmt, log, settings } from './settings.mjs'
import { newLocation, seed } from './seeding.mjs'

/** @type {Map<string, import('./results.mjs').CaseEntry[]>} */
const rounds = new Map()

/**
 * Adds a round of reference `key`; the reference's figure is then the median of its rounds.
 * @param {string} key
 * @param {import('./results.mjs').CaseEntry} entry
 */
function recordReference (key, entry) {
  const entries = [...(rounds.get(key) ?? []), entry]
  rounds.set(key, entries)
  results.references[key] = combinedRounds(entries)
}

/**
 * The references, running: servers listening, pgbench's table seeded.
 * @typedef {object} References
 * @property {import('./processes.mjs').Server} bareFastify
 * @property {import('./processes.mjs').Server} fastifyWithPlugins
 * @property {import('./processes.mjs').Server} jsonServer
 * @property {string} jsonServerDir
 * @property {import('./seeding.mjs').Location | undefined} pgbenchLocation
 */

/** @returns {Promise<References>} */
export async function startReferences () {
  // A constant route served by a script, measured with GET as taskd's GET is: bare
  // Fastify, the ceiling; and the same route with taskd's cross-cutting plugins, which
  // shows how much of the gap to bare Fastify those plugins make.
  const bareFastify = await startListening('bare Fastify', 'bare-fastify.mjs')
  const fastifyWithPlugins = await startListening('Fastify + taskd\'s plugins', 'fastify-with-plugins.mjs')
  const jsonServerDir = tempDir('json-server')
  const template = await taskStatusTemplate()
  const documents = Array.from({ length: settings.mainStored }, (_, k) => taskStatusDocument(template, k + 1))
  const file = join(jsonServerDir, 'db.json')
  writeFileSync(file, JSON.stringify({ taskStatus: documents }, null, 2))
  const jsonServer = await startListening('json-server', 'json-server.mjs', [file])
  await expectStatus(await fetch(`${jsonServer.url}/taskStatus/${taskStatusId(1)}`), 200, 'json-server GET /taskStatus/{id}')
  let pgbenchLocation
  if (results.machine.postgres !== undefined && settings.pgbench !== undefined) {
    pgbenchLocation = await newLocation('postgres', 'pgbench')
    await seed('postgres (pgbench)', pgbenchLocation, settings.mainStored, 0)
  } else if (results.machine.postgres !== undefined && !results.skipped.includes('pgbench: not found (set BENCH_PGBENCH)')) {
    results.skipped.push('pgbench: not found (set BENCH_PGBENCH)')
    log('  pgbench not found: skipped (set BENCH_PGBENCH to its path)')
  }
  return { bareFastify, fastifyWithPlugins, jsonServer, jsonServerDir, pgbenchLocation }
}

/**
 * One round of every reference.
 * @param {References} references
 */
export async function measureReferences (references) {
  const constant = { name: 'GET /task-status/{id}', stored: 0, mode: 'get', path: '/task-status/', count: settings.mainStored }
  recordReference('bareFastify', await measure({ ...constant, server: references.bareFastify, store: references.bareFastify.name }))
  recordReference('fastifyWithPlugins', await measure({ ...constant, server: references.fastifyWithPlugins, store: references.fastifyWithPlugins.name }))
  const spread = { server: references.jsonServer, store: 'json-server', stored: settings.mainStored, path: '/taskStatus/', count: settings.mainStored }
  recordReference('jsonServerGet', await measure({ ...spread, name: 'GET /taskStatus/{id}', mode: 'get' }))
  recordReference('jsonServerPatch', await measure({ ...spread, name: 'PATCH /taskStatus/{id} (merge)', mode: 'merge' }))
  if (references.pgbenchLocation !== undefined) recordReference('pgbench', await pgbench(references.pgbenchLocation))
}

/** @param {References} references */
export async function stopReferences (references) {
  for (const server of [references.bareFastify, references.fastifyWithPlugins]) {
    results.servers.push({ store: server.name, startRssMb: server.startRssMb, highWaterMb: await stopServer(server) })
  }
  results.servers.push({ store: 'json-server', stored: settings.mainStored, startRssMb: references.jsonServer.startRssMb, highWaterMb: await stopServer(references.jsonServer) })
  removeDir(references.jsonServerDir)
  await references.pgbenchLocation?.remove()
}

/**
 * @param {number[]} sorted
 * @param {number} p
 */
function percentile (sorted, p) {
  if (sorted.length === 0) return undefined
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * One pgbench run of bench/pgbench-rmw.sql on the seeded table at `location`.
 * @param {import('./seeding.mjs').Location} location
 * @returns {Promise<import('./results.mjs').CaseEntry>}
 */
async function pgbench (location) {
  const command = /** @type {string} */ (settings.pgbench)
  const dir = tempDir('pgbench')
  try {
    const url = new URL(settings.postgresUrl)
    const args = (/** @type {number} */ seconds, /** @type {boolean} */ logged) => [
      '-n', '-M', 'prepared', '-c', String(settings.connections), '-j', String(Math.min(2, cpus().length)), '-T', String(seconds),
      '-D', `rows=${settings.mainStored}`, '-D', `suffix=${TASK_STATUS_ID_SUFFIX}`, '-f', join(BENCH_DIR, 'pgbench-rmw.sql'),
      ...(logged ? ['--log', `--log-prefix=${join(dir, 'pgbench')}`] : []),
      '-h', url.hostname, '-p', url.port === '' ? '5432' : url.port, '-U', decodeURIComponent(url.username || 'postgres'), url.pathname.slice(1)
    ]
    /** @type {Record<string, string>} */
    const env = { PGOPTIONS: `-c search_path=${location.schema}`, ...(url.password !== '' && { PGPASSWORD: decodeURIComponent(url.password) }) }
    if (settings.warmupSeconds > 0) await run(command, args(settings.warmupSeconds, false), { env })
    const meter = cpuMeter(undefined)
    const output = await run(command, args(settings.durationSeconds, true), { env })
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
    log(`  ${'pgbench'.padEnd(10)} ${entry.case.padEnd(28)} ${fmt.int(entry.stored).padStart(9)} rows   ${fmt.int(tps).padStart(8)} tps     p50 ${fmt.ms(entry.p50Ms).padStart(6)} ms   p99 ${fmt.ms(entry.p99Ms).padStart(6)} ms`)
    return entry
  } finally {
    removeDir(dir)
  }
}
