// @ts-check
// Figures inside the noise are judged by the median of three alternating rounds
// (issue 20, point 3): two sides A and B are measured A,B,A,B,A,B, so that a drift of
// the machine's load over the minutes of a run falls on both sides alike, and each side
// is reported as its median with its spread (min–max).

/** How many rounds each side of a comparison gets. */
export const ROUNDS = 3

/**
 * The median of `values` (the mean of the two middle ones for an even count).
 * @param {readonly number[]} values
 * @returns {number | undefined}
 */
export function median (values) {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * The value at `fraction` (0.5, 0.99) of `values`: the smallest one that at least that
 * share of them does not exceed (nearest rank).
 * @param {readonly number[]} values
 * @param {number} fraction
 * @returns {number | undefined}
 */
export function percentile (values, fraction) {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]
}

/**
 * The smallest and the largest of `values`, and how far apart they are relative to the median.
 * @param {readonly number[]} values
 * @returns {{ min: number, max: number, relative: number } | undefined}
 */
export function spread (values) {
  const middle = median(values)
  if (middle === undefined) return undefined
  const min = Math.min(...values)
  const max = Math.max(...values)
  return { min, max, relative: middle === 0 ? 0 : (max - min) / middle }
}

/**
 * Runs `a` and `b` alternately, `rounds` times each, A first.
 * @template A, B
 * @param {() => Promise<A>} a
 * @param {() => Promise<B>} b
 * @param {number} [rounds]
 * @returns {Promise<{ a: A[], b: B[] }>}
 */
export async function alternately (a, b, rounds = ROUNDS) {
  /** @type {A[]} */
  const as = []
  /** @type {B[]} */
  const bs = []
  for (let round = 0; round < rounds; round++) {
    as.push(await a())
    bs.push(await b())
  }
  return { a: as, b: bs }
}

/**
 * @typedef {object} Measured
 * @property {number} rps
 * @property {number | undefined} p50Ms
 * @property {number | undefined} p99Ms
 * @property {number} errors
 * @property {number} non2xx
 * @property {number | undefined} [peakRssMb]
 * @property {number | undefined} [serverCpuPercent]
 * @property {number | undefined} [eventLoopCpuPercent]
 * @property {number | undefined} [machineCpuPercent]
 */

/**
 * One entry for the rounds of one side: its median requests/s, every round's figure and
 * their spread; latencies and CPU are the rounds' medians, errors their sums, memory their peak.
 * @template {Measured} E
 * @param {readonly E[]} entries
 * @returns {E & { rpsRuns: number[], rpsMin: number, rpsMax: number }}
 */
export function combinedRounds (entries) {
  const first = entries[0]
  if (first === undefined) throw new Error('no rounds to combine')
  const rpsRuns = entries.map((entry) => entry.rps)
  const range = /** @type {{ min: number, max: number }} */ (spread(rpsRuns))
  const defined = (/** @type {Array<number | undefined>} */ values) => values.filter((value) => value !== undefined)
  const peaks = defined(entries.map((entry) => entry.peakRssMb))
  return {
    ...first,
    rps: /** @type {number} */ (median(rpsRuns)),
    p50Ms: median(defined(entries.map((entry) => entry.p50Ms))),
    p99Ms: median(defined(entries.map((entry) => entry.p99Ms))),
    // The CPU figures of the same rounds, not the first round's alone.
    serverCpuPercent: median(defined(entries.map((entry) => entry.serverCpuPercent))),
    eventLoopCpuPercent: median(defined(entries.map((entry) => entry.eventLoopCpuPercent))),
    machineCpuPercent: median(defined(entries.map((entry) => entry.machineCpuPercent))),
    errors: entries.reduce((sum, entry) => sum + entry.errors, 0),
    non2xx: entries.reduce((sum, entry) => sum + entry.non2xx, 0),
    ...(first.peakRssMb !== undefined && { peakRssMb: peaks.length === 0 ? undefined : Math.max(...peaks) }),
    rpsRuns,
    rpsMin: range.min,
    rpsMax: range.max
  }
}
