// @ts-check
// The benchmark's settings (environment variables, see bench/README.md), its fixed
// paths and cases, and the formatting every module prints with.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { BENCH_DIR } from './lib.mjs'

/**
 * @param {string} name
 * @param {number} fallback
 */
export function integer (name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number; got '${raw}'`)
  return Number(raw)
}

/** @param {string} command */
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

/** @param {string} url */
export function redacted (url) {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
}

/**
 * The groups of cases BENCH_CASES chooses from: everything before issue 17, the watch's
 * delivery, tracing's cost, other clients during a bulk of many ids at the write bound.
 */
export const CASE_GROUPS = ['main', 'watch', 'tracing', 'bulkbound']

export const QUICK = process.env.BENCH_QUICK === '1'
export const PROFILE = process.env.BENCH_PROFILE === '1' ? 'patch' : process.env.BENCH_PROFILE

/**
 * @typedef {object} Settings
 * @property {boolean} quick
 * @property {number} durationSeconds
 * @property {number} warmupSeconds
 * @property {number} connections
 * @property {number} threads
 * @property {number} mainStored
 * @property {number} maxStored
 * @property {string[]} stores
 * @property {string} tool
 * @property {string} postgresUrl
 * @property {string | undefined} pgbench
 * @property {number[]} sizes
 * @property {string[]} cases
 * @property {number} watchers
 * @property {() => object} toJSON
 */

/** @type {Settings} */
export const settings = {
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
  pgbench: process.env.BENCH_PGBENCH ?? findPgbench(),
  sizes: [],
  cases: (process.env.BENCH_CASES ?? CASE_GROUPS.join(',')).split(',').map((group) => group.trim()).filter((group) => group !== ''),
  // Watchers per instance in the watch case: each hears every change of the load.
  watchers: integer('BENCH_WATCHERS', 1)
}
settings.sizes = (QUICK ? [100, 1000, 5000] : [1000, 10_000, 100_000, 1_000_000])
  .filter((size) => size <= settings.maxStored || size === settings.mainStored)
if (!['wrk', 'autocannon'].includes(settings.tool)) throw new Error(`BENCH_TOOL must be wrk or autocannon; got '${settings.tool}'`)
if (settings.durationSeconds < 1) throw new Error('BENCH_DURATION must be at least 1 (seconds)')
for (const group of settings.cases) if (!CASE_GROUPS.includes(group)) throw new Error(`BENCH_CASES lists ${CASE_GROUPS.join(', ')}; got '${group}'`)
if (settings.watchers < 1) throw new Error('BENCH_WATCHERS must be at least 1')
for (const store of settings.stores) if (!['sqlite', 'postgres'].includes(store)) throw new Error(`BENCH_STORES lists sqlite and/or postgres; got '${store}'`)

export const LUA = join(BENCH_DIR, 'wrk/spread.lua')
export const PROFILES_DIR = join(BENCH_DIR, 'profiles')
export const RESULTS_DIR = join(BENCH_DIR, 'results')
const LIST_FILTER = 'type eq "QUARTZ" and completionStatus eq "Success"'
export const LIST_PATH = `/task-status?filters=${encodeURIComponent(LIST_FILTER)}&sorters=-created&limit=50`
export const BULK_PROPERTIES = { priority: 1, customProperties: { escalated: 'true' } }
export const BIG = '1000000000'

/** @typedef {number | undefined} Figure */
export const fmt = {
  int: (/** @type {Figure} */ n) => n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'),
  ms: (/** @type {Figure} */ n) => n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'),
  mb: (/** @type {Figure} */ n) => n === undefined ? 'n/a' : n.toFixed(0),
  times: (/** @type {Figure} */ n) => n === undefined ? 'n/a' : n >= 10 ? `${n.toFixed(0)}×` : `${n.toFixed(2)}×`,
  percent: (/** @type {Figure} */ n) => n === undefined ? 'n/a' : `${(n * 100).toFixed(n < 0.1 ? 1 : 0)}%`
}

export function log (line = '') {
  process.stdout.write(`${line}\n`)
}
