// @ts-check
// The run's record: what every case measured, written out by report.mjs as Markdown and JSON.
import { settings } from './settings.mjs'

/**
 * One measured case (or the rounds of one, combined by rounds.mjs).
 * @typedef {object} CaseEntry
 * @property {string} store
 * @property {string} case
 * @property {number} stored
 * @property {number} requests
 * @property {number} seconds
 * @property {number} rps
 * @property {number | undefined} p50Ms
 * @property {number | undefined} p99Ms
 * @property {number | undefined} [peakRssMb]
 * @property {number | undefined} [serverCpuPercent]
 * @property {number | undefined} [eventLoopCpuPercent] the server's main thread alone
 * @property {number | undefined} [machineCpuPercent]
 * @property {number} errors
 * @property {number} non2xx
 * @property {number[]} [rpsRuns]
 * @property {number} [rpsMin]
 * @property {number} [rpsMax]
 */

/**
 * The server's CPU time a request over the measured run, all its threads: what bounds the
 * requests a second of a machine whose cores are busy, however the work is spread.
 * @param {Pick<CaseEntry, 'serverCpuPercent' | 'rps'>} entry
 */
export function cpuMicrosecondsARequest (entry) {
  return entry.serverCpuPercent === undefined ? undefined : entry.serverCpuPercent / 100 * 1e6 / entry.rps
}

export const results = {
  startedAt: new Date().toISOString(),
  settings,
  /** @type {Record<string, any>} */
  machine: {},
  /** @type {Array<{ store: string, taskStatuses: number, humanTasks: number, seconds: number }>} */
  seeding: [],
  /** @type {CaseEntry[]} */
  cases: [],
  /** @type {Array<import('./targets.mjs').BulkFigure & Record<string, any>>} */
  bulk: [],
  /** @type {Array<import('./targets.mjs').WatchFigure & Record<string, any>>} */
  watch: [],
  /** @type {Array<import('./targets.mjs').BulkAtBoundFigure & Record<string, any>>} */
  bulkAtBound: [],
  /** @type {Array<CaseEntry & { side: import('./tracing-cost.mjs').TracingSide, startRssMb: number | undefined }>} */
  tracing: [],
  /**
   * What the OTLP sink of the tracing case received, per store.
   * @type {Array<{ store: string, posts: number, spans: number, bytes: number }>}
   */
  tracingExport: [],
  /** @type {Array<{ store: string, stored?: number, startRssMb: number | undefined, highWaterMb: number | undefined }>} */
  servers: [],
  /** @type {Record<string, CaseEntry | undefined>} */
  references: {},
  /** @type {string[]} */
  skipped: [],
  /** @type {string[]} */
  failures: [],
  /** @type {import('./targets.mjs').Verdict[]} */
  ratios: [],
  /** @type {string | undefined} */
  finishedAt: undefined,
  totalSeconds: 0
}
