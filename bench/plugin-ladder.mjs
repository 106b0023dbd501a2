// @ts-check
// What each of taskd's per-request plugins costs (issue 20): bare Fastify, then the
// plugin reference (fastify-with-plugins.mjs) with its plugins added one at a time in
// app.ts's order, each a server of its own, all running side by side and loaded with GET
// in alternating rounds (BENCH_ROUNDS, 3). Prints, per step, the median requests/s with
// its spread, the share of bare Fastify, and the microseconds a request the step adds
// (1/rps differences of the medians: with the server on one core, time per request),
// and the server's CPU time a request (its CPU seconds over the requests it answered,
// median of the rounds: less moved than requests/s by what else the machine runs).
//   npm run build && node bench/plugin-ladder.mjs
//   node bench/plugin-ladder.mjs before=/tmp/old/dist after=dist
//     every plugin, of each build side by side (the change's figure for its commit)
// BENCH_DURATION (s, 5), BENCH_CONNECTIONS (32) and BENCH_TOOL as for npm run bench.
import { measure } from './load.mjs'
import { cleanUp, startListening, stopServer } from './processes.mjs'
import { cpuMicrosecondsARequest } from './results.mjs'
import { median, spread } from './rounds.mjs'
import { fmt, integer, log, settings } from './settings.mjs'

const STEPS = ['draining', 'checks', 'headers', 'rateLimit', 'metrics']
const ROUNDS = integer('BENCH_ROUNDS', 3)

async function main () {
  log(`plugin ladder: ${settings.tool}, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s, ${ROUNDS} rounds`)
  const servers = [{ step: 'bare Fastify', server: await startListening('bare Fastify', 'bare-fastify.mjs') }]
  const builds = process.argv.slice(2).map((argument) => argument.split('='))
  if (builds.length > 0) {
    for (const [label = '', dist = ''] of builds) {
      servers.push({ step: `all plugins, ${label}`, server: await startListening(label, 'fastify-with-plugins.mjs', [], { BENCH_DIST: dist }) })
    }
  } else {
    for (const [index, step] of STEPS.entries()) {
      const plugins = STEPS.slice(0, index + 1)
      // The rate limit depends on the request checks, the metrics on the rate limit: the
      // ladder adds them in that order, so every step is a valid set.
      servers.push({ step: `+ ${step}`, server: await startListening(step, 'fastify-with-plugins.mjs', [], { BENCH_PLUGINS: plugins.join(',') }) })
    }
  }
  /** @type {Map<string, number[]>} */
  const rps = new Map(servers.map(({ step }) => [step, []]))
  /** @type {Map<string, number[]>} */
  const cpuUs = new Map(servers.map(({ step }) => [step, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const { step, server } of servers) {
      const entry = await measure({ server, store: 'reference', name: step, stored: 0, mode: 'fixed', path: '/task-status/x' })
      rps.get(step)?.push(entry.rps)
      const cpu = cpuMicrosecondsARequest(entry)
      if (cpu !== undefined) cpuUs.get(step)?.push(cpu)
    }
  }
  const bare = /** @type {number} */ (median(rps.get('bare Fastify') ?? []))
  let previous = bare
  log('\n| step | req/s (median) | spread | vs bare Fastify | µs a request added | server CPU µs a request |')
  log('|---|---:|---:|---:|---:|---:|')
  for (const { step } of servers) {
    const runs = rps.get(step) ?? []
    const value = /** @type {number} */ (median(runs))
    const range = /** @type {{ min: number, max: number }} */ (spread(runs))
    const added = step === 'bare Fastify' ? '–' : ((1 / value - 1 / previous) * 1e6).toFixed(1)
    const cpu = /** @type {number} */ (median(cpuUs.get(step) ?? []))
    log(`| ${step} | ${fmt.int(value)} | ${fmt.int(range.min)}–${fmt.int(range.max)} | ${(100 * value / bare).toFixed(0)}% | ${added} | ${cpu.toFixed(1)} |`)
    // Builds side by side each compare with bare Fastify; steps with the one before.
    if (builds.length === 0) previous = value
  }
  for (const { server } of servers) await stopServer(server)
}

try {
  await main()
} finally {
  await cleanUp()
}
