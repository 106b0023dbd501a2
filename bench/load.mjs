// @ts-check
// Load runs against a server: wrk (with bench/wrk/spread.lua) when it is on PATH,
// otherwise autocannon (bench/autocannon-runner.mjs), each a child process; and the
// measured case, a warm-up and then a measured run with the server's CPU and memory.
import { join } from 'node:path'
import { BENCH_DIR, TASK_STATUS_ID_SUFFIX } from './lib.mjs'
import { BenchError, cpuMeter, rssSampler, run } from './processes.mjs'
import { results } from './results.mjs'
import { fmt, log, LUA, settings } from './settings.mjs'
import { GET, PATCH } from './targets.mjs'

/**
 * @typedef {object} LoadResult
 * @property {number} requests
 * @property {number} seconds
 * @property {number} rps
 * @property {number | undefined} p50Ms
 * @property {number | undefined} p99Ms
 * @property {number} errors
 * @property {number} non2xx
 */

/**
 * One load run of `seconds` against `base`: mode get | patch | merge | fixed (see
 * bench/wrk/spread.lua).
 * @param {{ base: string, mode: string, path: string, count?: number, suffix?: string, seconds: number }} options
 * @returns {Promise<LoadResult>}
 */
export async function load ({ base, mode, path, count = 1, suffix = TASK_STATUS_ID_SUFFIX, seconds }) {
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

/**
 * A run of bench/autocannon-runner.mjs (see there for `options`).
 * @param {Record<string, unknown>} options
 * @returns {Promise<LoadResult>}
 */
export async function autocannon (options) {
  const output = await run(process.execPath, [join(BENCH_DIR, 'autocannon-runner.mjs'), JSON.stringify(options)])
  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}')
  return { ...result, rps: result.requests / result.seconds, errors: result.errors + result.timeouts }
}

/**
 * Records a failure when any of `runs` had socket errors or non-2xx responses.
 * @param {string} label
 * @param {...{ errors: number, non2xx: number }} runs
 */
export function checkClean (label, ...runs) {
  const errors = runs.reduce((sum, result) => sum + result.errors, 0)
  const non2xx = runs.reduce((sum, result) => sum + result.non2xx, 0)
  if (errors + non2xx > 0) {
    const failure = `${label}: ${errors} socket errors/timeouts and ${non2xx} non-2xx responses (warm-up included)`
    results.failures.push(failure)
    log(`  !!! FAILURE: ${failure}`)
  }
  return { errors, non2xx }
}

/**
 * Warm-up, then the measured run, with the server's peak RSS sampled throughout.
 * @param {{ server: import('./processes.mjs').Server, store: string, name: string, stored: number, mode: string, path: string, count?: number, suffix?: string }} options
 * @returns {Promise<import('./results.mjs').CaseEntry>}
 */
export async function measure ({ server, store, name, stored, mode, path, count, suffix }) {
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

/**
 * GET and PATCH of taskd at `stored`, spread over every stored id.
 * @param {import('./processes.mjs').Server} server
 * @param {string} store
 * @param {number} stored
 */
export async function getAndPatch (server, store, stored) {
  const spread = { server, store, stored, path: '/task-status/', count: stored }
  return [await measure({ ...spread, name: GET, mode: 'get' }), await measure({ ...spread, name: PATCH, mode: 'patch' })]
}
