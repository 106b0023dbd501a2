// @ts-check
// `npm run bench`: builds taskd, then measures it as a client would see it, next to
// references measured in the same run (a bare Fastify route, Fastify with taskd's
// plugins, json-server, pgbench). The modules: settings.mjs (environment), processes.mjs
// (child processes, clean-up, meters), load.mjs (wrk/autocannon runs), seeding.mjs,
// cases.mjs (taskd's cases), references.mjs, rounds.mjs (alternating rounds, medians),
// targets.mjs (every target in one table), report.mjs (Markdown and JSON).
// See bench/README.md for the cases and the settings.
import { loadavg } from 'node:os'
import { bulkAtBoundCase } from './bulk-at-bound.mjs'
import { profile, storeCases } from './cases.mjs'
import { BenchError, cleanUp } from './processes.mjs'
import { machineInfo, postgresReachable, writeResults } from './report.mjs'
import { results } from './results.mjs'
import { fmt, log, PROFILE, QUICK, redacted, settings } from './settings.mjs'
import { evaluateTargets } from './targets.mjs'

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
  for (const store of settings.stores) {
    log(`\n${store} (references in rounds with its main cases)`)
    await storeCases(store)
    if (settings.cases.includes('bulkbound')) await bulkAtBoundCase(store)
  }
  results.finishedAt = new Date().toISOString()
  results.machine.loadAverageAtEnd = loadavg().map((n) => Number(n.toFixed(2)))
  results.totalSeconds = (performance.now() - started) / 1000
  results.ratios = evaluateTargets(results)
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
  console.error(`\nbenchmark failed: ${error instanceof BenchError ? error.message : /** @type {Error} */ (error).stack}`)
} finally {
  await cleanUp()
}
process.exit(code)
