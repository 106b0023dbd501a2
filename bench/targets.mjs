// @ts-check
// Every target of the benchmark in one table (issue 20, and what issue 8 set that issue
// 20 kept), each row naming what it compares and its threshold, evaluated by one
// function over a run's figures. Figures measured in alternating rounds (rounds.mjs)
// enter as their medians.

/**
 * @typedef {object} CaseFigure
 * @property {string} store
 * @property {string} case
 * @property {number} stored
 * @property {number} rps
 * @property {number | undefined} [peakRssMb]
 */
/**
 * @typedef {object} BulkFigure
 * @property {string} store
 * @property {number | undefined} bulkWallMs
 * @property {number | undefined} storeFloorMs
 * @property {number | undefined} speedup
 * @property {number | undefined} [othersP99Ms]
 * @property {number | undefined} [peakRssMb]
 */
/**
 * The watch's delivery under PATCH load, to watchers on the writing instance ('same') or
 * on another over the same store ('across').
 * @typedef {object} WatchFigure
 * @property {string} store
 * @property {'same' | 'across'} instance
 * @property {number | undefined} p50Ms
 * @property {number | undefined} p99Ms
 */
/**
 * Other clients during one bulk update of many ids over tasks as large as the write bound
 * lets them be (bench/bulk-other-clients.mjs).
 * @typedef {object} BulkAtBoundFigure
 * @property {string} store
 * @property {number} ids
 * @property {number} documentBytes
 * @property {number} othersP99Ms
 * @property {number} longestHoldMs
 */
/**
 * GET or PATCH with tracing off, on, or its code not loaded, medians of rounds.
 * @typedef {object} TracingFigure
 * @property {string} store
 * @property {'off' | 'on' | 'not loaded'} side
 * @property {string} case
 * @property {number} rps
 */
/**
 * What the targets read of a run.
 * @typedef {object} Figures
 * @property {{ stores: string[], mainStored: number, sizes: number[] }} settings
 * @property {CaseFigure[]} cases
 * @property {BulkFigure[]} bulk
 * @property {Record<string, { rps: number } | undefined>} references
 * @property {WatchFigure[]} [watch]
 * @property {BulkAtBoundFigure[]} [bulkAtBound]
 * @property {TracingFigure[]} [tracing]
 */
/** @typedef {'percent' | 'times' | 'ms' | 'MB'} Unit */
/**
 * One row of the table. `name` may hold `{store}` (a row per store measured) and
 * `{main}`, `{smallest}`, `{largest}` (the stored sizes); a row without `atLeast` or
 * `below` is reported without a verdict.
 * @typedef {object} Target
 * @property {string} name
 * @property {string} compares
 * @property {string} threshold
 * @property {number} [atLeast]
 * @property {number} [below]
 * @property {number} [atMost]
 * @property {Unit} unit
 * @property {boolean} [perStore]
 * @property {string} [onlyStore]
 * @property {string} source
 * @property {(figures: Figures, store: string) => number | undefined} value
 * @property {(figures: Figures, store: string) => boolean} [ran] whether the store's cases
 *   this row reads were measured (a row per store is left out otherwise); by default,
 *   whether its GET at the main size was
 */
/**
 * A target evaluated: the shape the report prints.
 * @typedef {object} Verdict
 * @property {string} name
 * @property {string} compares
 * @property {number | undefined} value
 * @property {string} target
 * @property {boolean | undefined} pass
 * @property {Unit} unit
 * @property {string} source
 */

export const GET = 'GET /task-status/{id}'
export const PATCH = 'PATCH /task-status/{id}'

/**
 * @param {number | undefined} numerator
 * @param {number | undefined} denominator
 */
function quotient (numerator, denominator) {
  return numerator === undefined || denominator === undefined || denominator === 0 ? undefined : numerator / denominator
}

/**
 * The case measured at `stored`; with `latest`, the one measured last (when the main size
 * is also the smallest or the largest, the side-by-side rounds of the sizes come after
 * those against the references).
 * @param {Figures} figures
 * @param {string} store
 * @param {string} name
 * @param {number | undefined} stored
 * @param {boolean} [latest]
 */
export function findCase (figures, store, name, stored, latest = false) {
  const matches = (/** @type {CaseFigure} */ entry) => entry.store === store && entry.case === name && entry.stored === stored
  return latest ? figures.cases.findLast(matches) : figures.cases.find(matches)
}

/** @param {Figures} figures */
const smallest = (figures) => figures.settings.sizes[0]
/** @param {Figures} figures */
const largest = (figures) => figures.settings.sizes[figures.settings.sizes.length - 1]
/**
 * @param {Figures} figures
 * @param {string} store
 * @param {string} name
 */
const mainRps = (figures, store, name) => findCase(figures, store, name, figures.settings.mainStored)?.rps
/**
 * @param {Figures} figures
 * @param {string} store
 * @param {string} name
 */
function largeVsSmall (figures, store, name) {
  if (smallest(figures) === largest(figures)) return undefined
  return quotient(findCase(figures, store, name, largest(figures), true)?.rps, findCase(figures, store, name, smallest(figures), true)?.rps)
}
/**
 * @param {Figures} figures
 * @param {string} store
 */
const bulkOf = (figures, store) => figures.bulk.find((entry) => entry.store === store)
/**
 * @param {Figures} figures
 * @param {string} store
 */
const bulkAtBoundOf = (figures, store) => figures.bulkAtBound?.find((entry) => entry.store === store)
/**
 * @param {Figures} figures
 * @param {string} store
 */
const bulkAtBoundRan = (figures, store) => bulkAtBoundOf(figures, store) !== undefined
/**
 * @param {Figures} figures
 * @param {string} store
 * @param {'same' | 'across'} instance
 */
const watchOf = (figures, store, instance) => figures.watch?.find((entry) => entry.store === store && entry.instance === instance)
/**
 * @param {Figures} figures
 * @param {string} store
 */
const watchRan = (figures, store) => figures.watch?.some((entry) => entry.store === store) ?? false
/**
 * @param {Figures} figures
 * @param {string} store
 * @param {string} name
 * @param {'off' | 'on' | 'not loaded'} side
 */
const tracingRps = (figures, store, name, side) => figures.tracing?.find((entry) => entry.store === store && entry.case === name && entry.side === side)?.rps
/**
 * @param {Figures} figures
 * @param {string} store
 */
const tracingRan = (figures, store) => figures.tracing?.some((entry) => entry.store === store) ?? false

/** @type {readonly Target[]} */
export const TARGETS = [
  {
    name: 'Fastify with taskd\'s plugins vs bare Fastify',
    compares: 'GET req/s of the same constant route, medians',
    threshold: '≥ 75%',
    atLeast: 0.75,
    unit: 'percent',
    source: 'issue 20',
    value: (figures) => quotient(figures.references.fastifyWithPlugins?.rps, figures.references.bareFastify?.rps)
  },
  {
    name: '{store}: GET vs bare Fastify',
    compares: `\`${GET}\` req/s at {main} stored vs bare Fastify, medians`,
    threshold: '≥ 40%',
    atLeast: 0.4,
    unit: 'percent',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => quotient(mainRps(figures, store, GET), figures.references.bareFastify?.rps)
  },
  {
    name: '{store}: PATCH vs bare Fastify',
    compares: `\`${PATCH}\` req/s at {main} stored vs bare Fastify's GET, medians`,
    threshold: '≥ 20%',
    atLeast: 0.2,
    unit: 'percent',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => quotient(mainRps(figures, store, PATCH), figures.references.bareFastify?.rps)
  },
  {
    // What PATCH's share of bare Fastify would be if taskd's own work cost nothing.
    name: 'postgres: the database alone vs bare Fastify',
    compares: 'pgbench\'s read-modify-write tps on the same table vs bare Fastify\'s GET req/s, medians (no target)',
    threshold: '–',
    unit: 'percent',
    perStore: true,
    onlyStore: 'postgres',
    source: '–',
    value: (figures) => quotient(figures.references.pgbench?.rps, figures.references.bareFastify?.rps)
  },
  {
    name: '{store}: GET vs Fastify with taskd\'s plugins',
    compares: 'what taskd\'s own work costs past its plugins (no target)',
    threshold: '–',
    unit: 'percent',
    perStore: true,
    source: '–',
    value: (figures, store) => quotient(mainRps(figures, store, GET), figures.references.fastifyWithPlugins?.rps)
  },
  {
    name: '{store}: bulk update vs the store alone',
    compares: 'wall ms of one bulk update of {main} human tasks vs the same change made by the database alone, medians of 3',
    threshold: '≤ 1.5×',
    atMost: 1.5,
    unit: 'times',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => quotient(bulkOf(figures, store)?.bulkWallMs, bulkOf(figures, store)?.storeFloorMs)
  },
  {
    name: '{store}: other clients\' p99 during bulk',
    compares: 'p99 of GETs by other clients while the bulk updates run',
    threshold: '< 50 ms',
    below: 50,
    unit: 'ms',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => bulkOf(figures, store)?.othersP99Ms
  },
  {
    name: '{store}: other clients\' p99 during a bulk at the write bound',
    compares: 'p99 of GETs by 4 other clients during one bulk update of 50,000 human tasks (2,000 with BENCH_QUICK), each as large as BULK_MAX_WRITE_BYTES lets them be',
    threshold: '< 50 ms',
    below: 50,
    unit: 'ms',
    perStore: true,
    source: 'issue 15',
    ran: bulkAtBoundRan,
    value: (figures, store) => bulkAtBoundOf(figures, store)?.othersP99Ms
  },
  {
    name: '{store}: longest event-loop hold during a bulk at the write bound',
    compares: 'the server\'s nodejs_eventloop_lag_max_seconds over that bulk (no target)',
    threshold: '–',
    unit: 'ms',
    perStore: true,
    source: 'issue 15',
    ran: bulkAtBoundRan,
    value: (figures, store) => bulkAtBoundOf(figures, store)?.longestHoldMs
  },
  {
    name: '{store}: bulk vs single updates',
    compares: 'wall ms of {main} single updates vs one bulk update',
    threshold: '≥ 20×',
    atLeast: 20,
    unit: 'times',
    perStore: true,
    source: 'issue 8',
    value: (figures, store) => bulkOf(figures, store)?.speedup
  },
  {
    name: '{store}: GET with {largest} vs {smallest} stored',
    compares: 'req/s, medians of 3 alternating rounds',
    threshold: '≥ 85% (within 15%)',
    atLeast: 0.85,
    unit: 'percent',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => largeVsSmall(figures, store, GET)
  },
  {
    name: '{store}: PATCH with {largest} vs {smallest} stored',
    compares: 'req/s, medians of 3 alternating rounds',
    threshold: '≥ 85% (within 15%)',
    atLeast: 0.85,
    unit: 'percent',
    perStore: true,
    source: 'issue 20',
    value: (figures, store) => largeVsSmall(figures, store, PATCH)
  },
  {
    name: 'postgres: PATCH vs pgbench read-modify-write',
    compares: `\`${PATCH}\` req/s vs pgbench's tps on the same table, medians`,
    threshold: '≥ 50%',
    atLeast: 0.5,
    unit: 'percent',
    perStore: true,
    onlyStore: 'postgres',
    source: 'issue 20',
    value: (figures, store) => quotient(mainRps(figures, store, PATCH), figures.references.pgbench?.rps)
  },
  {
    name: '{store}: GET vs json-server ({main} stored)',
    compares: 'req/s, medians',
    threshold: '≥ 5×',
    atLeast: 5,
    unit: 'times',
    perStore: true,
    source: 'issue 8',
    value: (figures, store) => quotient(mainRps(figures, store, GET), figures.references.jsonServerGet?.rps)
  },
  {
    name: '{store}: PATCH vs json-server ({main} stored)',
    compares: 'req/s, medians',
    threshold: '≥ 50×',
    atLeast: 50,
    unit: 'times',
    perStore: true,
    source: 'issue 8',
    value: (figures, store) => quotient(mainRps(figures, store, PATCH), figures.references.jsonServerPatch?.rps)
  },
  {
    name: '{store}: watch delivery across instances, p99',
    compares: 'ms from a PATCH\'s acknowledgement by one instance to its event on a watcher of another over the same store, under PATCH load',
    threshold: '< 1,000 ms',
    below: 1000,
    unit: 'ms',
    perStore: true,
    source: 'issue 17',
    ran: watchRan,
    value: (figures, store) => watchOf(figures, store, 'across')?.p99Ms
  },
  {
    name: '{store}: watch delivery on the same instance, p99',
    compares: 'ms from a PATCH\'s acknowledgement to its event on a watcher of the instance that wrote it, under PATCH load (no target)',
    threshold: '–',
    unit: 'ms',
    perStore: true,
    source: 'issue 17',
    ran: watchRan,
    value: (figures, store) => watchOf(figures, store, 'same')?.p99Ms
  },
  ...[GET, PATCH].flatMap((name) => /** @type {Target[]} */ ([{
    name: `{store}: ${name.split(' ')[0]} with tracing off vs its code not loaded`,
    compares: `\`${name}\` req/s at {main} stored, medians of 3 alternating rounds`,
    threshold: '≥ 95% (no measurable cost)',
    atLeast: 0.95,
    unit: 'percent',
    perStore: true,
    source: 'issue 19',
    ran: tracingRan,
    value: (figures, store) => quotient(tracingRps(figures, store, name, 'off'), tracingRps(figures, store, name, 'not loaded'))
  }, {
    name: `{store}: ${name.split(' ')[0]} with tracing off vs on`,
    compares: `\`${name}\` req/s at {main} stored, off's over on's (exporting to a sink on loopback), medians of 3 alternating rounds (no target)`,
    threshold: '–',
    unit: 'times',
    perStore: true,
    source: 'issue 19',
    ran: tracingRan,
    value: (figures, store) => quotient(tracingRps(figures, store, name, 'off'), tracingRps(figures, store, name, 'on'))
  }])),
  {
    name: '{store}: peak RSS of taskd over its cases',
    compares: 'the highest VmRSS sampled over every case of the store',
    threshold: '< 200 MB',
    below: 200,
    unit: 'MB',
    perStore: true,
    source: 'issue 8',
    value: (figures, store) => {
      const peaks = [...figures.cases, ...figures.bulk].filter((entry) => entry.store === store).map((entry) => entry.peakRssMb ?? 0)
      return peaks.length === 0 ? undefined : Math.max(...peaks)
    }
  }
]

/**
 * @param {Target} target
 * @param {number | undefined} value
 */
function verdict (target, value) {
  if (value === undefined) return undefined
  if (target.atLeast !== undefined) return value >= target.atLeast
  if (target.atMost !== undefined) return value <= target.atMost
  if (target.below !== undefined) return value < target.below
  return undefined
}

/**
 * Every target over `figures`: the run-wide rows once, the others once per store measured.
 * @param {Figures} figures
 * @param {readonly Target[]} [targets]
 * @returns {Verdict[]}
 */
export function evaluateTargets (figures, targets = TARGETS) {
  const sizes = { main: figures.settings.mainStored, smallest: smallest(figures), largest: largest(figures) }
  const label = (/** @type {string} */ text, /** @type {string} */ store) => text.replaceAll('{store}', store)
    .replace(/\{(main|smallest|largest)\}/g, (_, key) => (sizes[/** @type {'main' | 'smallest' | 'largest'} */ (key)] ?? 0).toLocaleString('en-US'))
  /** @type {Verdict[]} */
  const verdicts = []
  for (const target of targets) {
    const stores = target.perStore === true ? figures.settings.stores.filter((store) => target.onlyStore === undefined || store === target.onlyStore) : ['']
    for (const store of stores) {
      // A store whose cases did not run has no figures to judge.
      const ran = target.ran ?? ((/** @type {Figures} */ figures, /** @type {string} */ store) => findCase(figures, store, GET, figures.settings.mainStored) !== undefined)
      if (target.perStore === true && !ran(figures, store)) continue
      const value = target.value(figures, store)
      verdicts.push({ name: label(target.name, store), compares: label(target.compares, store), value, target: target.threshold, pass: verdict(target, value), unit: target.unit, source: target.source })
    }
  }
  return verdicts
}
