// PUT /v1/task?action=update against a model: random bulk updates over tasks in every
// state (ready, claimed, suspended, finished, terminated), with unknown and duplicated
// ids and valid and invalid properties. The model says, from the store's contents
// before the request, what the answer must be (400 and nothing changed; or 200, empty
// when every id was updated, otherwise naming each failed id once with its error
// number) and what every stored task must look like afterwards.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHumanTask, type HumanTask } from '../../src/domain/human-task.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { openTestPostgresStore, postgresUrl } from '../helpers/postgres.js'
import { matchesComponent } from '../helpers/spec-document.js'
import { snapshotStore } from '../helpers/store-snapshot.js'
import { storableText, text } from '../helpers/task-status-arbitraries.js'
import { testApp } from '../helpers/test-app.js'

const BULK_MAX_IDS = 12
const MAX_CUSTOM_PROPERTIES = 100
const END_STATES = new Set(['STATE_FINISHED', 'STATE_TERMINATED'])
type State = 'STATE_READY' | 'STATE_CLAIMED' | 'STATE_FINISHED' | 'STATE_TERMINATED'

/** Durations whose length in milliseconds does not depend on the calendar. */
const DURATIONS: Record<string, number> = {
  PT4H: 4 * 3_600_000,
  P3D: 3 * 86_400_000,
  PT30M: 30 * 60_000,
  P2W: 14 * 86_400_000,
  P1DT12H: 36 * 3_600_000,
  PT45S: 45_000,
  P0D: 0
}

// ---------------------------------------------------------------- tasks in the store

interface TaskSeed {
  state: State
  suspended: boolean
  customProperties: Record<string, string>
  durationUntilDue: string | null
  durationUntilDeleted: string | null
  priority: number | null
}

const customPropertyName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('region', 'escalated', 'k1', 'k2', 'k3', 'with space', 'ünï', 'seed-7') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }
).filter((name) => storableText(name) && !['__proto__', 'constructor', 'prototype'].includes(name))

const customProperties = fc.dictionary(customPropertyName, text(20), { maxKeys: 3, noNullPrototype: true })

/** Custom properties at or just below the most a task may have. */
const manyCustomProperties = fc.integer({ min: 97, max: MAX_CUSTOM_PROPERTIES })
  .map((count) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`seed-${index}`, 'v'])))

const duration = fc.option(fc.constantFrom(...Object.keys(DURATIONS)))

const taskSeed: fc.Arbitrary<TaskSeed> = fc.record({
  state: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<State>('STATE_READY', 'STATE_CLAIMED') },
    { weight: 1, arbitrary: fc.constantFrom<State>('STATE_FINISHED', 'STATE_TERMINATED') }
  ),
  suspended: fc.boolean(),
  customProperties: fc.oneof({ weight: 4, arbitrary: customProperties }, { weight: 1, arbitrary: manyCustomProperties }),
  durationUntilDue: duration,
  durationUntilDeleted: duration,
  priority: fc.option(fc.integer({ min: -5, max: 5 }))
}, { noNullPrototype: true })

function seededTask ({ state, suspended, ...input }: TaskSeed, tkiid: string): HumanTask {
  const task = createHumanTask({ name: 'Approve', ...input }, tkiid, 'seed', new Date())
  const ended = END_STATES.has(state)
  return {
    ...task,
    state,
    suspended: suspended && !ended,
    owner: state === 'STATE_READY' || state === 'STATE_TERMINATED' ? null : 'alice',
    completionTime: ended ? task.activationTime : null
  }
}

// ---------------------------------------------------------------- requests

type IdPick = { existing: number } | { bystander: number } | { unknown: string }

const unknownId = fc.oneof(
  fc.constantFrom('no-such-task', '', ' ', '../../weird id ∆', '😀', '%00', 'x'.repeat(1024), 'p0-0', 'STATE_READY'),
  fc.string({ maxLength: 20 }).filter(storableText)
)

const idPick: fc.Arbitrary<IdPick> = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((existing) => ({ existing })) },
  { weight: 1, arbitrary: fc.nat().map((bystander) => ({ bystander })) },
  { weight: 2, arbitrary: unknownId.map((unknown) => ({ unknown })) }
)

const properties = fc.record({
  priority: fc.option(fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(-2147483648, 2147483647))),
  displayName: fc.option(text(30)),
  description: fc.option(text(40)),
  name: text(30).filter((name) => name.length > 0),
  namespace: fc.option(text(30)),
  type: fc.option(text(20)),
  eventHandlerName: fc.option(text(20)),
  parentContextID: fc.option(text(20)),
  durationUntilDue: duration,
  durationUntilDeleted: duration,
  contextAuthorizationOfOwner: fc.constantFrom('AUTH_NONE', 'AUTH_READER'),
  isBusinessRelevant: fc.boolean(),
  supportsClaimIfSuspended: fc.boolean(),
  supportsDelegation: fc.boolean(),
  customProperties: fc.oneof(customProperties, fc.constant({ 'added-1': 'a', 'added-2': 'b', 'added-3': 'c' }))
}, { requiredKeys: [], noNullPrototype: true })

type Body = Record<string, unknown>

/** Ways to make a request invalid as a whole; each must be a 400 that changes nothing. */
const spoilers: Array<[string, (body: Body) => Body]> = [
  ['an unknown property', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, colour: 'red' } })],
  ['a property the server keeps', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, owner: 'mallory' } })],
  ['the state', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, state: 'STATE_FINISHED' } })],
  ['a wrong type', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, priority: 'high' } })],
  ['a priority out of range', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, priority: 2147483648 } })],
  ['a fraction', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, priority: 1.5 } })],
  ['a bad duration', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, durationUntilDue: 'tomorrow' } })],
  ['an empty duration', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, durationUntilDeleted: 'PT' } })],
  ['a value too long', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, displayName: 'x'.repeat(256) } })],
  ['an empty name', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, name: '' } })],
  ['a custom property value not a string', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, customProperties: { a: 1 } } })],
  ['a custom property value too long', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, customProperties: { a: 'x'.repeat(2001) } } })],
  ['an empty custom property name', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, customProperties: { '': 'x' } } })],
  ['a custom property name too long', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, customProperties: { ['n'.repeat(256)]: 'x' } } })],
  ['more than 100 custom properties', (body) => ({ ...body, updatedPropertyValues: { customProperties: Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`c${index}`, 'v'])) } })],
  ['no properties', (body) => ({ ...body, updatedPropertyValues: {} })],
  ['properties not an object', (body) => ({ ...body, updatedPropertyValues: ['priority'] })],
  ['no updatedPropertyValues', ({ updatedPropertyValues: _dropped, ...body }) => body],
  ['no updatedTaskIDs', ({ updatedTaskIDs: _dropped, ...body }) => body],
  ['an empty id list', (body) => ({ ...body, updatedTaskIDs: [] })],
  ['an id that is no string', (body) => ({ ...body, updatedTaskIDs: [...body.updatedTaskIDs as unknown[], 7] })],
  ['an id too long', (body) => ({ ...body, updatedTaskIDs: [...body.updatedTaskIDs as unknown[], 'x'.repeat(1025)] })],
  ['ids not an array', (body) => ({ ...body, updatedTaskIDs: 'p0-0' })],
  ['an unknown member', (body) => ({ ...body, dryRun: true })],
  ['an id holding U+0000', (body) => ({ ...body, updatedTaskIDs: [...body.updatedTaskIDs as unknown[], 'a\u0000b'] })],
  ['a value holding a lone surrogate', (body) => ({ ...body, updatedPropertyValues: { ...body.updatedPropertyValues as Body, description: 'x\ud800' } })],
  ['more ids than BULK_MAX_IDS', (body) => ({ ...body, updatedTaskIDs: Array.from({ length: BULK_MAX_IDS + 1 }, (_, index) => `many-${index}`) })]
]

interface BulkCase {
  seeds: TaskSeed[]
  picks: IdPick[]
  properties: Record<string, unknown>
  spoiler: number | undefined
  action: string | undefined
}

const bulkCase: fc.Arbitrary<BulkCase> = fc.record({
  seeds: fc.array(taskSeed, { minLength: 1, maxLength: 6 }),
  picks: fc.oneof(
    fc.array(idPick, { minLength: 1, maxLength: BULK_MAX_IDS + 2 }),
    fc.array(fc.nat().map((existing): IdPick => ({ existing })), { minLength: 1, maxLength: 4 })
  ),
  properties,
  spoiler: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.nat({ max: spoilers.length - 1 }) }),
  action: fc.oneof({ weight: 12, arbitrary: fc.constant('update') }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'merge', 'claim', 'UPDATE') })
}, { noNullPrototype: true })

// ---------------------------------------------------------------- the model

type Expectation =
  | { status: 400, why: string }
  | { status: 200, failures: Map<string, string>, updated: Map<string, HumanTask> }

function hasUnstorableText (value: unknown): boolean {
  const pending = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node === 'string' && !storableText(node)) return true
    if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (!storableText(key)) return true
        pending.push(child)
      }
    }
  }
  return false
}

function plus (start: string | null, duration: string | null): string | null {
  if (start === null || duration === null) return null
  const length = DURATIONS[duration]
  if (length === undefined) throw new Error(`no length for ${duration}`)
  return new Date(Date.parse(start) + length).toISOString()
}

function expectedBulk (before: Map<string, { version: number, document: HumanTask }>, action: string | undefined, body: Body): Expectation {
  if (action !== 'update') return { status: 400, why: `action ${String(action)}` }
  if (hasUnstorableText(body)) return { status: 400, why: 'U+0000 or a lone surrogate' }
  if (!matchesComponent('HumanTaskBulkUpdate', body)) return { status: 400, why: 'not a HumanTaskBulkUpdate' }
  const ids = body.updatedTaskIDs as string[]
  const values = body.updatedPropertyValues as Record<string, unknown> & { customProperties?: Record<string, string> }
  if (ids.length > BULK_MAX_IDS) return { status: 400, why: 'more ids than BULK_MAX_IDS' }
  // The spec: custom property names have 1 to 255 characters.
  if (Object.keys(values.customProperties ?? {}).some((name) => name.length === 0 || name.length > 255)) return { status: 400, why: 'a custom property name' }
  const failures = new Map<string, string>()
  const updated = new Map<string, HumanTask>()
  for (const tkiid of new Set(ids)) {
    const stored = before.get(tkiid)
    if (stored === undefined) {
      failures.set(tkiid, 'CWTKA0024E')
      continue
    }
    const task = stored.document
    if (END_STATES.has(task.state)) {
      failures.set(tkiid, 'CWTKA0007E')
      continue
    }
    const { customProperties: added, ...rest } = values
    const merged = { ...task.customProperties, ...added }
    // The spec: a task has at most 100 custom properties.
    if (Object.keys(merged).length > MAX_CUSTOM_PROPERTIES) {
      failures.set(tkiid, 'CWTKA0005E')
      continue
    }
    const next = { ...task, ...rest, customProperties: merged } as HumanTask
    updated.set(tkiid, { ...next, dueTime: plus(next.activationTime, next.durationUntilDue ?? null), deletionTime: plus(next.completionTime, next.durationUntilDeleted ?? null) })
  }
  return { status: 200, failures, updated }
}

// ---------------------------------------------------------------- the property

function withoutModificationTime ({ lastModificationTime: _time, ...rest }: HumanTask): Omit<HumanTask, 'lastModificationTime'> {
  return rest
}

let run = 0

async function checkBulk (app: Awaited<ReturnType<typeof testApp>>['app'], store: TaskStore, bystanders: string[], bulk: BulkCase, tally: Record<string, number>): Promise<void> {
  run++
  const tkiids = bulk.seeds.map((_, index) => `p${run}-${index}`)
  for (const [index, seed] of bulk.seeds.entries()) await store.humanTasks.insert(seededTask(seed, tkiids[index] as string))
  try {
    const ids = bulk.picks.map((pick) => 'existing' in pick
      ? tkiids[pick.existing % tkiids.length] as string
      : 'bystander' in pick ? bystanders[pick.bystander % bystanders.length] as string : pick.unknown)
    const valid: Body = { updatedTaskIDs: ids, updatedPropertyValues: bulk.properties }
    const generated = bulk.spoiler === undefined ? valid : (spoilers[bulk.spoiler] as [string, (body: Body) => Body])[1](valid)
    const payload = JSON.stringify(generated)
    const body = JSON.parse(payload) as Body
    const before = await snapshotStore(store)
    const parsedBefore = new Map([...before.humanTasks].map(([tkiid, text]) => [tkiid, JSON.parse(text) as { version: number, document: HumanTask }]))
    const expectation = expectedBulk(parsedBefore, bulk.action, body)
    const response = await app.inject({
      method: 'PUT',
      url: bulk.action === undefined ? '/v1/task' : `/v1/task?action=${encodeURIComponent(bulk.action)}`,
      headers: { 'content-type': 'application/json' },
      payload
    })
    const after = await snapshotStore(store)
    if (expectation.status === 400) {
      tally.refused = (tally.refused ?? 0) + 1
      expect(response.statusCode, `expected 400 (${expectation.why}), got ${response.body}`).toBe(400)
      expect(matchesComponent('HtmError', response.json()), response.body).toBe(true)
      expect([...after.humanTasks]).toEqual([...before.humanTasks])
      return
    }
    expect(response.statusCode, response.body).toBe(200)
    if (expectation.failures.size === 0) {
      tally.allUpdated = (tally.allUpdated ?? 0) + 1
      expect(response.body).toBe('')
    } else {
      tally.someFailed = (tally.someFailed ?? 0) + 1
      expect(response.body, `expected failedUpdates for ${JSON.stringify([...expectation.failures])}`).not.toBe('')
      const { failedUpdates } = response.json() as { failedUpdates: Array<{ tkiid: string, errorNumber: string, errorMessage: string }> }
      expect(failedUpdates.map((failure) => failure.tkiid).sort()).toEqual([...expectation.failures.keys()].sort())
      for (const failure of failedUpdates) {
        expect(failure.errorNumber, failure.errorMessage).toBe(expectation.failures.get(failure.tkiid))
        expect(failure.errorMessage.length).toBeGreaterThan(0)
      }
    }
    expect([...after.humanTasks.keys()]).toEqual([...before.humanTasks.keys()])
    for (const [tkiid, text] of after.humanTasks) {
      const expected = expectation.updated.get(tkiid)
      if (expected === undefined) {
        expect(text, `${tkiid} must not change`).toBe(before.humanTasks.get(tkiid))
        continue
      }
      const stored = JSON.parse(text) as { version: number, document: HumanTask }
      expect(stored.version).toBe((parsedBefore.get(tkiid)?.version ?? 0) + 1)
      expect(withoutModificationTime(stored.document)).toEqual(withoutModificationTime(expected))
      expect(Math.abs(Date.parse(stored.document.lastModificationTime) - Date.now())).toBeLessThan(60_000)
      expect(matchesComponent('HumanTask', stored.document)).toBe(true)
    }
  } finally {
    for (const tkiid of tkiids) await store.humanTasks.delete(tkiid)
  }
}

async function runProperty (numRuns: number, store?: TaskStore): Promise<Record<string, number>> {
  const { app, store: usedStore } = await testApp({ BULK_MAX_IDS: String(BULK_MAX_IDS), RATE_LIMIT_MAX: '1000000000' }, store)
  const bystanders = ['bystander-ready', 'bystander-finished', 'bystander-full']
  const now = new Date()
  await usedStore.humanTasks.insert(createHumanTask({ name: 'Bystander' }, 'bystander-ready', 'seed', now))
  await usedStore.humanTasks.insert({ ...createHumanTask({ name: 'Bystander' }, 'bystander-finished', 'seed', now), state: 'STATE_FINISHED', owner: 'alice', completionTime: now.toISOString() })
  await usedStore.humanTasks.insert(createHumanTask({ name: 'Bystander', customProperties: Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`full-${index}`, 'v'])) }, 'bystander-full', 'seed', now))
  const tally: Record<string, number> = {}
  await fc.assert(fc.asyncProperty(bulkCase, async (bulk) => { await checkBulk(app, usedStore, bystanders, bulk, tally) }), { numRuns })
  return tally
}

describe('PUT /v1/task?action=update, against a model of the bulk update', () => {
  it('updates exactly the updatable tasks, reports every other id once, and refuses an invalid request whole', async () => {
    const tally = await runProperty(200)
    // Every outcome must be well represented, or the property proves little.
    expect(tally.allUpdated).toBeGreaterThan(10)
    expect(tally.someFailed).toBeGreaterThan(30)
    expect(tally.refused).toBeGreaterThan(30)
  }, 30_000)

  it.skipIf(postgresUrl === null)('holds over PostgreSQL too', async () => {
    await runProperty(60, await openTestPostgresStore())
  }, 30_000)
})
