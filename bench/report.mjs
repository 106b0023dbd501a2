// @ts-check
// The report: Markdown and JSON under bench/results/ (a timestamped pair and latest.*),
// with the machine, the settings, every case, the references and the targets.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './lib.mjs'
import { postgresClient, TASKD_NODE_OPTIONS } from './processes.mjs'
import { cpuMicrosecondsARequest, results } from './results.mjs'
import { ROUNDS } from './rounds.mjs'
import { fmt, LIST_PATH, log, RESULTS_DIR, settings } from './settings.mjs'
import { PROBE_GAP_MS, PROBERS } from './watch-delivery.mjs'

/**
 * The spread of an entry's rounds, when it ran in rounds.
 * @param {import('./results.mjs').CaseEntry} entry
 */
function roundsShown (entry) {
  return entry.rpsRuns === undefined || entry.rpsRuns.length < 2 ? '–' : `${fmt.int(entry.rpsMin)}–${fmt.int(entry.rpsMax)}`
}

/** A Markdown table; the first `left` columns are left-aligned, the others right-aligned (or as `align` says). */
/**
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {number} [left]
 * @param {string[]} [align]
 */
function table (header, rows, left = 2, align = header.map((_, k) => k < left ? 'left' : 'right')) {
  return [`| ${header.join(' | ')} |`, `|${align.map((side) => side === 'left' ? '---' : '---:').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

/** @param {import('./targets.mjs').Verdict} entry */
function shownValue (entry) {
  if (entry.value === undefined) return 'n/a'
  if (entry.unit === 'ms') return `${fmt.ms(entry.value)} ms`
  if (entry.unit === 'MB') return `${fmt.mb(entry.value)} MB`
  return fmt[entry.unit === 'times' ? 'times' : 'percent'](entry.value)
}

/** The run's report in Markdown. */
export function markdown () {
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
  lines.push(table(['store', 'case', 'stored', 'req/s (median of rounds)', 'rounds (min–max)', 'p50 ms', 'p99 ms', 'peak RSS MB', 'server CPU %', 'event-loop thread CPU %', 'server CPU µs a request', 'machine CPU %', 'errors / non-2xx'],
    results.cases.map((e) => [e.store, `\`${e.case}\``, fmt.int(e.stored), fmt.int(e.rps), roundsShown(e), fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.mb(e.peakRssMb), fmt.int(e.serverCpuPercent), fmt.int(e.eventLoopCpuPercent), fmt.int(cpuMicrosecondsARequest(e)), fmt.int(e.machineCpuPercent), `${e.errors} / ${e.non2xx}`])))
  lines.push('', `Rounds: GET and PATCH at ${fmt.int(s.mainStored)} stored alternate with the references (taskd, references, taskd, …, ${ROUNDS} rounds each), and the smallest stored size with the largest, both servers running (${ROUNDS} rounds each); each side is its median, with the spread of its rounds. Other cases run once.`)
  lines.push('')
  if (results.bulk.length > 0) {
    lines.push(`## Bulk update of ${fmt.int(s.mainStored)} human tasks`, '')
    lines.push(table(['store', 'bulk wall ms (median of 3)', 'bulk server ms', 'bulk store ms', 'the store alone ms', 'other clients p99 ms', 'singles wall ms', 'singles req/s', 'singles p50 ms', 'singles p99 ms', 'bulk speed-up', 'peak RSS MB'],
      results.bulk.map((e) => [e.store, fmt.ms(e.bulkWallMs), fmt.ms(e.bulkServerMs), fmt.ms(e.bulkStoreMs), fmt.ms(e.storeFloorMs), fmt.ms(e.othersP99Ms), fmt.int(e.singlesWallMs), fmt.int(e.singlesRps), fmt.ms(e.singlesP50Ms), fmt.ms(e.singlesP99Ms), fmt.times(e.speedup), fmt.mb(e.peakRssMb)]), 1))
    lines.push('')
    lines.push('Wall: one `PUT /v1/task?action=update` timed by the client on loopback (body already serialized; includes sending ~0.4 MB and reading the empty answer). ' +
      'taskd sends no Server-Timing header; "server ms" is the growth of `http_request_duration_seconds_sum` for that route in `/metrics` (measured by taskd from request to response), "store ms" that of `taskd_store_operation_duration_seconds_sum` for `updateMany`. ' +
      `Singles: the same change as \`PUT /v1/task/{tkiid}?action=update\`, once per task, ${s.connections} at a time. ` +
      `"Other clients": ${4} connections reading random task statuses one GET after another while the three timed bulk updates run. ` +
      '"The store alone": the same change to the same rows made by the database without taskd (median of 3): on SQLite one IMMEDIATE transaction of single-row UPDATEs through better-sqlite3 with synchronous=FULL, on PostgreSQL one UPDATE … WHERE tkiid = ANY(…); the JSON is changed by the database\'s own functions.')
    lines.push('')
  }
  if (results.bulkAtBound.length > 0) {
    lines.push('## Other clients during a bulk update at the write bound (issue 15)', '')
    lines.push(table(['store', 'ids', 'bytes a task', 'bulk ms', 'other clients\' GETs', 'p50 ms', 'p99 ms', 'max ms', 'longest event-loop hold ms'],
      results.bulkAtBound.map((e) => [e.store, fmt.int(e.ids), fmt.int(e.documentBytes), fmt.int(e.bulkMs), fmt.int(e.othersRequests), fmt.ms(e.othersP50Ms), fmt.ms(e.othersP99Ms), fmt.ms(e.othersMaxMs), fmt.ms(e.longestHoldMs)]), 1))
    lines.push('', '`bench/bulk-other-clients.mjs`, one store at a time: the human tasks, each as large as `BULK_MAX_WRITE_BYTES` (256 MiB) lets that many be, seeded through the store; then 4 clients GET random ones one after the other while one `PUT /v1/task?action=update` lists them all. The hold is the server\'s `nodejs_eventloop_lag_max_seconds` over the bulk.', '')
  }
  if (results.watch.length > 0) {
    lines.push('## Watch delivery under PATCH load (issue 17)', '')
    lines.push(table(['store', 'watchers on', 'watchers', 'PATCH load req/s', 'load p99 ms', 'probe events', 'p50 ms', 'p99 ms', 'max ms', 'before the ack', 'from the change\'s time: p50 ms', 'p99 ms', 'changes / fewest heard', 'errors / non-2xx'],
      results.watch.map((e) => [e.store, e.instance === 'same' ? 'the writer (same instance)' : 'the other (across instances)', String(e.watchers), fmt.int(e.loadRps), fmt.ms(e.loadP99Ms), `${e.delivered} of ${e.probes * e.watchers}`, fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.ms(e.maxMs), String(e.beforeAck), fmt.ms(e.sinceChangeP50Ms), fmt.ms(e.sinceChangeP99Ms), `${fmt.int(e.changes)} / ${fmt.int(e.fewestEvents)}`, `${e.errors} / ${e.non2xx}`]), 2))
    lines.push('', `Two taskd processes over one store (PostgreSQL: one schema, the other woken by NOTIFY; SQLite: one file, the other polling its data_version), ${fmt.int(s.mainStored)} stored. The PATCH load (as the PATCH case: ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s) goes to the writer; ${s.watchers} watcher(s) of \`GET /task-status/watch\` on each instance hear every change. During the measured load, probe PATCHes of a task status of their own (${PROBERS} clients, each one at a time, a random 0–${PROBE_GAP_MS} ms apart) are timed on every watcher from the PATCH's acknowledgement to the event's arrival (an event before the acknowledgement counts as 0 ms), and from the \`time\` of its change-log entry (the writer's clock; same machine).`)
    lines.push('')
  }
  if (results.tracing.length > 0) {
    lines.push('## Tracing off, on and not loaded (issue 19)', '')
    lines.push(table(['store', 'case', 'tracing', 'req/s (median of 3)', 'rounds (min–max)', 'p50 ms', 'p99 ms', 'RSS MB when ready', 'peak RSS MB', 'server CPU %', 'errors / non-2xx'],
      results.tracing.map((e) => [e.store, `\`${e.case}\``, e.side, fmt.int(e.rps), roundsShown(e), fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.mb(e.startRssMb), fmt.mb(e.peakRssMb), fmt.int(e.serverCpuPercent), `${e.errors} / ${e.non2xx}`]), 3))
    const exported = results.tracingExport.map((e) => `${e.store}: ${fmt.int(e.spans)} spans in ${fmt.int(e.posts)} posts (${fmt.mb(e.bytes / 2 ** 20)} MB)`).join('; ')
    lines.push('', `Three taskd processes over the main size's store, measured in alternating rounds (off, on, not loaded, off, …, ${ROUNDS} each). Off: the default, no \`OTEL_EXPORTER_OTLP_ENDPOINT\`. On: exporting over OTLP/HTTP to a sink on loopback in the bench's process, which answers 200 to every post, with the SDK's default batching (received: ${exported || 'nothing'}). Not loaded: \`node --import ./bench/without-tracing.mjs\`, whose hooks load \`bench/tracing-not-loaded.mjs\` in place of \`dist/tracing.js\`, so neither the OpenTelemetry SDK, its exporter nor @fastify/otel is loaded (\`@opentelemetry/api\` still is, by the instrumented store).`)
    lines.push('')
  }
  lines.push(`## References (same run, same load settings; measured in rounds alternating with taskd's at ${fmt.int(s.mainStored)} stored, ${ROUNDS} per store; ratios use the medians)`, '')
  const refs = [results.references.bareFastify, results.references.fastifyWithPlugins, results.references.jsonServerGet, results.references.jsonServerPatch, results.references.pgbench].filter((entry) => entry !== undefined)
  lines.push(table(['reference', 'case', 'stored', 'req/s (tps), median', 'rounds (min–max)', 'p50 ms', 'p99 ms', 'peak RSS MB', 'server CPU %', 'machine CPU %', 'errors / non-2xx'],
    refs.map((e) => [e.store, `\`${e.case}\``, e.stored === 0 ? '–' : fmt.int(e.stored), fmt.int(e.rps), roundsShown(e), fmt.ms(e.p50Ms), fmt.ms(e.p99Ms), fmt.mb(e.peakRssMb), fmt.int(e.serverCpuPercent), fmt.int(e.machineCpuPercent), `${e.errors} / ${e.non2xx}`])))
  lines.push('')
  lines.push('## Ratios and targets', '')
  lines.push(table(['target', 'compares', 'value', 'threshold', 'result', 'set by'], results.ratios.map((e) => [e.name, e.compares, shownValue(e), e.target, e.pass === undefined ? 'n/a' : e.pass ? 'pass' : '**miss**', e.source]), 1, ['left', 'left', 'right', 'left', 'left', 'left']))
  lines.push('')
  lines.push('## Seeding and memory', '')
  lines.push(table(['store', 'task statuses', 'human tasks', 'seconds'], results.seeding.map((e) => [e.store, fmt.int(e.taskStatuses), fmt.int(e.humanTasks), e.seconds.toFixed(1)]), 1))
  lines.push('')
  lines.push(table(['server', 'stored', 'RSS MB when ready (idle)', 'VmHWM MB (peak over its life)'], results.servers.map((e) => [e.store, e.stored === undefined ? '–' : fmt.int(e.stored), fmt.mb(e.startRssMb), fmt.mb(e.highWaterMb)]), 1))
  lines.push('')
  if (results.skipped.length > 0) lines.push('## Skipped', '', ...results.skipped.map((line) => `- ${line}`), '')
  lines.push('## Notes', '')
  lines.push('- Load generator, server (and PostgreSQL) share the same CPUs; on a 2-CPU machine the client takes a good part of one. Figures are for comparing within a run, not absolute capacity. "server CPU %" is the server process\'s user+system time over the measured run (100 = one CPU busy the whole time; PostgreSQL\'s own processes not included), "event-loop thread CPU %" that of its main thread alone (SQLite\'s calls run there too; the rest is the WAL checkpoint thread, the garbage collector\'s helpers and libuv\'s pool), "server CPU µs a request" the server\'s CPU time over the requests it answered (medians of the rounds\' CPU figures over the median req/s), "machine CPU %" the share of all CPUs busy (everything on the machine, other users\' work included).')
  lines.push('- PATCH spreads over all stored ids and appends a message each time, so with few stored documents each grows by several messages during the case.')
  lines.push('- json-server gets the same changes as a merge body; merge replaces `messages` whole, so its documents do not grow. It rewrites its whole db.json on every write (its normal mode).')
  lines.push('- pgbench: `bench/pgbench-rmw.sql` (BEGIN; SELECT … FOR UPDATE; UPDATE the json document server-side; COMMIT) on taskd\'s own task_status table, prepared statements, same client count; taskd keeps its default pool of 10 connections.')
  return lines.join('\n') + '\n'
}

/** The commit measured, and whether src/ or spec/ differ from it. */
function taskdRevision () {
  const git = (/** @type {string[]} */ ...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  const head = git('rev-parse', '--short', 'HEAD')
  if (head.status !== 0) return 'unknown (not a git checkout)'
  const changed = git('status', '--porcelain', '--', 'src', 'spec').stdout.trim() !== ''
  return `${head.stdout.trim()}${changed ? ' with uncommitted changes in src/ or spec/' : ''}`
}

export async function machineInfo () {
  const machine = {
    node: process.version,
    cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    cpus: cpus().length,
    memoryGb: (totalmem() / 2 ** 30).toFixed(1),
    kernel: release(),
    taskd: taskdRevision(),
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    tool: settings.tool === 'wrk' ? ((spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '').split(' Copyright')[0]?.trim() || 'wrk') : 'autocannon',
    autocannon: JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')).version,
    jsonServer: JSON.parse(readFileSync(join(ROOT, 'node_modules/json-server/package.json'), 'utf8')).version
  }
  if (machine.tool === 'autocannon') machine.tool = `autocannon ${machine.autocannon}`
  return machine
}

/** @returns {Promise<string | { error: string }>} */
export async function postgresReachable () {
  try {
    const client = await postgresClient()
    const { rows } = await client.query('SELECT version()')
    await client.end()
    return String(rows[0]?.version ?? '').split(' on ')[0] ?? ''
  } catch (error) {
    const failure = /** @type {{ message?: string, code?: string }} */ (error)
    return { error: failure.message || failure.code || String(error) }
  }
}

export function writeResults () {
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
