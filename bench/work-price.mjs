// @ts-check
// What a microsecond of a server's own work costs in the ratios of issue 20's targets:
// bare Fastify, then the same server with a hook that spins 1, 2, 3, 5 and 8 µs a
// request (spinning-fastify.mjs), side by side in alternating rounds (BENCH_ROUNDS, 3).
// Prints, per step, the median requests/s with its spread, the share of bare Fastify,
// and the server's CPU µs a request (median of the rounds). On a loopback load the
// first microseconds cost more than themselves (the server's and the load generator's
// wake-ups change with the pace), so the CPU a request rises by more than the spin:
// read a target's distance from its ratio in microseconds of work with this table.
//   node bench/work-price.mjs
// BENCH_DURATION (s, 5), BENCH_CONNECTIONS (32) and BENCH_TOOL as for npm run bench.
import { measure } from './load.mjs'
import { cleanUp, startListening, stopServer } from './processes.mjs'
import { cpuMicrosecondsARequest } from './results.mjs'
import { median, spread } from './rounds.mjs'
import { fmt, integer, log, settings } from './settings.mjs'

const SPINS_US = [0, 1, 2, 3, 5, 8]
const ROUNDS = integer('BENCH_ROUNDS', 3)

async function main () {
  log(`work price: ${settings.tool}, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s, ${ROUNDS} rounds`)
  const servers = []
  for (const spin of SPINS_US) {
    servers.push({ spin, server: await startListening(`spin ${spin} µs`, 'spinning-fastify.mjs', [], { BENCH_SPIN_US: String(spin) }) })
  }
  /** @type {Map<number, number[]>} */
  const rps = new Map(SPINS_US.map((spin) => [spin, []]))
  /** @type {Map<number, number[]>} */
  const cpuUs = new Map(SPINS_US.map((spin) => [spin, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const { spin, server } of servers) {
      const entry = await measure({ server, store: 'reference', name: `spin ${spin} µs`, stored: 0, mode: 'fixed', path: '/task-status/x' })
      rps.get(spin)?.push(entry.rps)
      const cpu = cpuMicrosecondsARequest(entry)
      if (cpu !== undefined) cpuUs.get(spin)?.push(cpu)
    }
  }
  const bare = /** @type {number} */ (median(rps.get(0) ?? []))
  const bareCpu = /** @type {number} */ (median(cpuUs.get(0) ?? []))
  log('\n| work a request | req/s (median) | spread | vs bare Fastify | server CPU µs a request | CPU added |')
  log('|---|---:|---:|---:|---:|---:|')
  for (const spin of SPINS_US) {
    const runs = rps.get(spin) ?? []
    const value = /** @type {number} */ (median(runs))
    const range = /** @type {{ min: number, max: number }} */ (spread(runs))
    const cpu = /** @type {number} */ (median(cpuUs.get(spin) ?? []))
    log(`| ${spin === 0 ? 'bare Fastify' : `+ ${spin} µs`} | ${fmt.int(value)} | ${fmt.int(range.min)}–${fmt.int(range.max)} | ${(100 * value / bare).toFixed(0)}% | ${cpu.toFixed(1)} | ${spin === 0 ? '–' : (cpu - bareCpu).toFixed(1)} |`)
  }
  for (const { server } of servers) await stopServer(server)
}

try {
  await main()
} finally {
  await cleanUp()
}
