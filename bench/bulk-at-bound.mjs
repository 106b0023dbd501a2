// @ts-check
// Other clients during one bulk update of many ids over tasks at the write bound (issue
// 15): bench/bulk-other-clients.mjs in a child process, one store at a time, its JSON
// line recorded. 50,000 ids (2,000 with BENCH_QUICK), each task as large as
// BULK_MAX_WRITE_BYTES lets that many be.
import { join } from 'node:path'
import { BENCH_DIR } from './lib.mjs'
import { BenchError, run } from './processes.mjs'
import { results } from './results.mjs'
import { fmt, log, QUICK, settings } from './settings.mjs'

export const BULK_AT_BOUND_IDS = QUICK ? 2000 : 50_000

/** @param {string} store */
export async function bulkAtBoundCase (store) {
  const output = await run(process.execPath, ['--no-deprecation', join(BENCH_DIR, 'bulk-other-clients.mjs')], {
    env: {
      BENCH_STORES: store,
      BENCH_BULK_IDS: String(BULK_AT_BOUND_IDS),
      TEST_POSTGRES_URL: settings.postgresUrl,
      ...(process.env.BENCH_DIST !== undefined && { BENCH_DIST: process.env.BENCH_DIST })
    }
  })
  const line = output.split('\n').find((text) => text.startsWith('{"store"'))
  if (line === undefined) throw new BenchError(`bulk-other-clients.mjs printed no figures for ${store}:\n${output}`)
  const entry = JSON.parse(line)
  // A bulk answered other than 200 ends bulk-other-clients.mjs with an error.
  if (entry.othersFailed > 0) results.failures.push(`${store}: ${entry.othersFailed} GETs of other clients during the bulk at the write bound were not 200`)
  results.bulkAtBound.push(entry)
  log(`  ${store.padEnd(10)} bulk update of ${fmt.int(entry.ids)} tasks of ${fmt.int(entry.documentBytes)} B: ${fmt.int(entry.bulkMs)} ms; other clients p50 ${fmt.ms(entry.othersP50Ms)} / p99 ${fmt.ms(entry.othersP99Ms)} / max ${fmt.ms(entry.othersMaxMs)} ms over ${fmt.int(entry.othersRequests)} GETs; longest event-loop hold ${fmt.ms(entry.longestHoldMs)} ms`)
}
