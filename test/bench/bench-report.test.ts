import { describe, expect, it } from 'vitest'
import { alternately, combinedRounds, median, percentile, spread } from '../../bench/rounds.mjs'
import { evaluateTargets, GET, PATCH, TARGETS, type Figures } from '../../bench/targets.mjs'

function entry (store: string, name: string, stored: number, rps: number, peakRssMb = 100): Figures['cases'][number] {
  return { store, case: name, stored, rps, peakRssMb }
}

// A run on SQLite with 1,000 / 10,000 / 1,000,000 stored, bare Fastify at 10,000 req/s.
function figures (overrides: Partial<Figures> = {}): Figures {
  return {
    settings: { stores: ['sqlite'], mainStored: 10_000, sizes: [1000, 10_000, 1_000_000] },
    cases: [
      entry('sqlite', GET, 1000, 5000), entry('sqlite', PATCH, 1000, 2500),
      entry('sqlite', GET, 10_000, 4000), entry('sqlite', PATCH, 10_000, 2000),
      entry('sqlite', GET, 1_000_000, 4300), entry('sqlite', PATCH, 1_000_000, 2000, 180)
    ],
    bulk: [{ store: 'sqlite', bulkWallMs: 150, storeFloorMs: 100, speedup: 25, othersP99Ms: 40, peakRssMb: 120 }],
    references: { bareFastify: { rps: 10_000 }, fastifyWithPlugins: { rps: 7000 }, jsonServerGet: { rps: 500 }, jsonServerPatch: { rps: 50 } },
    ...overrides
  }
}

// Both stores at 10,000 stored, PostgreSQL's PATCH at 1,000 req/s, pgbench at 2,500 tps.
function withPostgres (): Figures {
  return figures({
    settings: { stores: ['sqlite', 'postgres'], mainStored: 10_000, sizes: [10_000] },
    cases: [entry('sqlite', GET, 10_000, 4000), entry('sqlite', PATCH, 10_000, 2000), entry('postgres', GET, 10_000, 3000), entry('postgres', PATCH, 10_000, 1000)],
    references: { ...figures().references, pgbench: { rps: 2500 } }
  })
}

function byName (verdicts: ReturnType<typeof evaluateTargets>, name: string): ReturnType<typeof evaluateTargets>[number] | undefined {
  return verdicts.find((verdict) => verdict.name === name)
}

describe('median and spread of rounds', () => {
  it('the median of three rounds is the middle one, whatever their order', () => {
    expect(median([30, 10, 20])).toBe(20)
  })

  it('the median of an even count is the mean of the two middle ones', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('the spread is the smallest and largest round, and their distance relative to the median', () => {
    expect(spread([90, 100, 120])).toEqual({ min: 90, max: 120, relative: 0.3 })
  })

  it('no rounds have no median and no spread', () => {
    expect(median([])).toBeUndefined()
    expect(spread([])).toBeUndefined()
  })

  it('a percentile is the smallest value that at least that share of the values does not exceed', () => {
    const hundred = Array.from({ length: 100 }, (_, k) => 100 - k)
    expect([percentile(hundred, 0.5), percentile(hundred, 0.99), percentile(hundred, 1)]).toEqual([50, 99, 100])
    expect(percentile([7], 0.99)).toBe(7)
    expect(percentile([], 0.5)).toBeUndefined()
  })

  it('alternately runs A,B,A,B,A,B', async () => {
    const order: string[] = []
    const { a, b } = await alternately(async () => { order.push('A'); return order.length }, async () => { order.push('B'); return order.length })
    expect(order).toEqual(['A', 'B', 'A', 'B', 'A', 'B'])
    expect([a, b]).toEqual([[1, 3, 5], [2, 4, 6]])
  })

  it('combined rounds report the median req/s with every round, summed errors and the highest memory', () => {
    const round = (rps: number, p99Ms: number, errors: number, peakRssMb: number): { rps: number, p50Ms: number, p99Ms: number, errors: number, non2xx: number, peakRssMb: number } =>
      ({ rps, p50Ms: 1, p99Ms, errors, non2xx: 0, peakRssMb })
    expect(combinedRounds([round(900, 5, 0, 80), round(1100, 9, 1, 95), round(1000, 7, 2, 90)]))
      .toEqual({ rps: 1000, rpsRuns: [900, 1100, 1000], rpsMin: 900, rpsMax: 1100, p50Ms: 1, p99Ms: 7, errors: 3, non2xx: 0, peakRssMb: 95 })
  })

  it('combined rounds report the medians of the rounds\' CPU figures, not the first round\'s', () => {
    const round = (serverCpuPercent: number, eventLoopCpuPercent: number, machineCpuPercent: number): { rps: number, p50Ms: number, p99Ms: number, errors: number, non2xx: number, serverCpuPercent: number, eventLoopCpuPercent: number, machineCpuPercent: number } =>
      ({ rps: 1000, p50Ms: 1, p99Ms: 2, errors: 0, non2xx: 0, serverCpuPercent, eventLoopCpuPercent, machineCpuPercent })
    expect(combinedRounds([round(130, 95, 90), round(100, 70, 60), round(110, 80, 70)]))
      .toMatchObject({ serverCpuPercent: 110, eventLoopCpuPercent: 80, machineCpuPercent: 70 })
  })
})

describe('the targets table', () => {
  it('names every target of issue 20 once', () => {
    expect(TARGETS.filter((target) => target.source === 'issue 20').map((target) => target.threshold))
      .toEqual(['≥ 75%', '≥ 40%', '≥ 20%', '≤ 1.5×', '< 50 ms', '≥ 85% (within 15%)', '≥ 85% (within 15%)', '≥ 50%'])
  })

  it('passes the plugins at 75% of bare Fastify and misses them below', () => {
    expect(byName(evaluateTargets(figures()), 'Fastify with taskd\'s plugins vs bare Fastify')).toMatchObject({ value: 0.7, pass: false })
    const at = figures({ references: { ...figures().references, fastifyWithPlugins: { rps: 7500 } } })
    expect(byName(evaluateTargets(at), 'Fastify with taskd\'s plugins vs bare Fastify')).toMatchObject({ value: 0.75, pass: true })
  })

  it('judges GET at 40% and PATCH at 20% of bare Fastify, at the main stored size', () => {
    const verdicts = evaluateTargets(figures())
    expect(byName(verdicts, 'sqlite: GET vs bare Fastify')).toMatchObject({ value: 0.4, pass: true })
    expect(byName(verdicts, 'sqlite: PATCH vs bare Fastify')).toMatchObject({ value: 0.2, pass: true })
  })

  it('judges the bulk update at 1.5× its store floor at most', () => {
    expect(byName(evaluateTargets(figures()), 'sqlite: bulk update vs the store alone')).toMatchObject({ value: 1.5, pass: true })
    const slower = figures({ bulk: [{ store: 'sqlite', bulkWallMs: 151, storeFloorMs: 100, speedup: 25, othersP99Ms: 50 }] })
    expect(byName(evaluateTargets(slower), 'sqlite: bulk update vs the store alone')?.pass).toBe(false)
    expect(byName(evaluateTargets(slower), 'sqlite: other clients\' p99 during bulk')).toMatchObject({ value: 50, pass: false })
  })

  it('judges 1,000,000 vs 1,000 stored within 15%, from the smallest and largest sizes', () => {
    const verdicts = evaluateTargets(figures())
    expect(byName(verdicts, 'sqlite: GET with 1,000,000 vs 1,000 stored')).toMatchObject({ value: 0.86, pass: true })
    expect(byName(verdicts, 'sqlite: PATCH with 1,000,000 vs 1,000 stored')).toMatchObject({ value: 0.8, pass: false })
  })

  it('compares the sizes by their side-by-side rounds when the main size is also the smallest', () => {
    const mainSmallest = figures({
      settings: { stores: ['sqlite'], mainStored: 1000, sizes: [1000, 1_000_000] },
      cases: [entry('sqlite', GET, 1000, 9000), entry('sqlite', PATCH, 1000, 2000), entry('sqlite', GET, 1000, 5000), entry('sqlite', PATCH, 1000, 2000), entry('sqlite', GET, 1_000_000, 4500), entry('sqlite', PATCH, 1_000_000, 2000)]
    })
    const verdicts = evaluateTargets(mainSmallest)
    expect(byName(verdicts, 'sqlite: GET with 1,000,000 vs 1,000 stored')).toMatchObject({ value: 0.9, pass: true })
    expect(byName(verdicts, 'sqlite: GET vs bare Fastify')).toMatchObject({ value: 0.9 })
  })

  it('judges PATCH against pgbench on PostgreSQL only', () => {
    const verdicts = evaluateTargets(withPostgres()).filter((verdict) => verdict.name.includes('pgbench'))
    expect(verdicts).toEqual([expect.objectContaining({ name: 'postgres: PATCH vs pgbench read-modify-write', value: 0.4, pass: false })])
  })

  it('reports the database alone\'s share of bare Fastify on PostgreSQL, without a verdict', () => {
    const verdicts = evaluateTargets(withPostgres()).filter((verdict) => verdict.name.includes('the database alone'))
    expect(verdicts).toEqual([expect.objectContaining({ name: 'postgres: the database alone vs bare Fastify', value: 0.25, pass: undefined })])
  })

  it('reports a target without its figures as n/a, neither pass nor miss', () => {
    const verdict = byName(evaluateTargets(figures({ references: {} })), 'sqlite: GET vs bare Fastify')
    expect(verdict).toMatchObject({ value: undefined, pass: undefined })
  })

  it('leaves out the rows of a store whose cases did not run', () => {
    const verdicts = evaluateTargets(figures({ settings: { stores: ['sqlite', 'postgres'], mainStored: 10_000, sizes: [1000, 10_000, 1_000_000] } }))
    expect(verdicts.some((verdict) => verdict.name.startsWith('postgres'))).toBe(false)
  })

  it('judges the watch\'s delivery across instances by its p99 below one second, and reports the same instance\'s without a verdict', () => {
    const watch = (acrossP99Ms: number): Figures['watch'] => [
      { store: 'sqlite', instance: 'same', p50Ms: 1, p99Ms: 40 },
      { store: 'sqlite', instance: 'across', p50Ms: 60, p99Ms: acrossP99Ms }
    ]
    expect(byName(evaluateTargets(figures({ watch: watch(999) })), 'sqlite: watch delivery across instances, p99')).toMatchObject({ value: 999, pass: true, source: 'issue 17' })
    expect(byName(evaluateTargets(figures({ watch: watch(1000) })), 'sqlite: watch delivery across instances, p99')).toMatchObject({ value: 1000, pass: false })
    expect(byName(evaluateTargets(figures({ watch: watch(999) })), 'sqlite: watch delivery on the same instance, p99')).toMatchObject({ value: 40, pass: undefined })
  })

  it('judges tracing off at 95% of its code not loaded at least, and reports off over on without a verdict', () => {
    const side = (name: string, tracing: 'off' | 'on' | 'not loaded', rps: number): NonNullable<Figures['tracing']>[number] => ({ store: 'sqlite', side: tracing, case: name, rps })
    const verdicts = evaluateTargets(figures({
      tracing: [side(GET, 'off', 3800), side(GET, 'on', 2000), side(GET, 'not loaded', 4000), side(PATCH, 'off', 1800), side(PATCH, 'on', 1500), side(PATCH, 'not loaded', 2000)]
    }))
    expect(byName(verdicts, 'sqlite: GET with tracing off vs its code not loaded')).toMatchObject({ value: 0.95, pass: true, source: 'issue 19' })
    expect(byName(verdicts, 'sqlite: PATCH with tracing off vs its code not loaded')).toMatchObject({ value: 0.9, pass: false })
    expect(byName(verdicts, 'sqlite: GET with tracing off vs on')).toMatchObject({ value: 1.9, pass: undefined })
  })

  it('judges other clients during a bulk at the write bound by their p99 below 50 ms, and reports the longest hold without a verdict, for the stores that ran it', () => {
    const atBound = (othersP99Ms: number): Figures['bulkAtBound'] => [{ store: 'sqlite', ids: 50_000, documentBytes: 5154, othersP99Ms, longestHoldMs: 48 }]
    expect(byName(evaluateTargets(figures({ bulkAtBound: atBound(49.9) })), 'sqlite: other clients\' p99 during a bulk at the write bound')).toMatchObject({ value: 49.9, pass: true, source: 'issue 15' })
    expect(byName(evaluateTargets(figures({ bulkAtBound: atBound(50) })), 'sqlite: other clients\' p99 during a bulk at the write bound')).toMatchObject({ value: 50, pass: false })
    expect(byName(evaluateTargets(figures({ bulkAtBound: atBound(50) })), 'sqlite: longest event-loop hold during a bulk at the write bound')).toMatchObject({ value: 48, pass: undefined })
    expect(evaluateTargets(figures()).some((verdict) => verdict.name.includes('write bound'))).toBe(false)
  })

  it('has the watch and tracing rows of a store whose main cases did not run, and none of a store without those cases', () => {
    const onlyWatch = figures({
      settings: { stores: ['sqlite', 'postgres'], mainStored: 10_000, sizes: [10_000] },
      cases: [],
      bulk: [],
      watch: [{ store: 'postgres', instance: 'same', p50Ms: 1, p99Ms: 5 }, { store: 'postgres', instance: 'across', p50Ms: 2, p99Ms: 9 }]
    })
    const names = evaluateTargets(onlyWatch).map((verdict) => verdict.name)
    expect(names.filter((name) => name.startsWith('postgres'))).toEqual(['postgres: watch delivery across instances, p99', 'postgres: watch delivery on the same instance, p99'])
    expect(names.some((name) => name.startsWith('sqlite'))).toBe(false)
  })
})
