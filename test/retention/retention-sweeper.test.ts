import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import pg from 'pg'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { actOnHumanTask, createHumanTask, type HumanTask } from '../../src/domain/human-task.js'
import { RetentionSweeper } from '../../src/retention/retention-sweeper.js'
import { SYSTEM_PRINCIPAL, type ChangeEntry } from '../../src/store/change-log.js'
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { dropTestSchemas, postgresUrl, testSchemaName } from '../helpers/postgres.js'
import { taskStatus } from '../helpers/task-status-fixtures.js'
import { allChanges } from '../store/contract/change-log-contract.js'

const COMPLETED = new Date(Date.UTC(2024, 0, 2))
// Well past every deletionTime below, and less than CHANGE_LOG_RETENTION past the entries' time.
const NOW = new Date(Date.UTC(2024, 0, 4))

let count = 0
/** A task completed at COMPLETED, deletable an hour later. */
function finishedTask (): HumanTask {
  count++
  const ready = createHumanTask({ name: 'swept', durationUntilDeleted: 'PT1H' }, `swept-${String(count).padStart(6, '0')}`, 'tester', new Date(Date.UTC(2024, 0, 1)))
  return actOnHumanTask(actOnHumanTask(ready, 'claim', 'carol', COMPLETED), 'complete', 'carol', COMPLETED)
}

async function insertFinished (store: TaskStore, tasks: number): Promise<HumanTask[]> {
  const made = Array.from({ length: tasks }, finishedTask)
  // Logged at COMPLETED, so that the change-log retention below decides their entries' fate.
  await Promise.all(made.map(async (task) => await store.humanTasks.insert(task, { principal: 'alice', time: COMPLETED })))
  return made
}

function memoryStore (): TaskStore {
  const store = openSqliteStore({ filename: ':memory:' })
  onTestFinished(async () => { await store.close() })
  return store
}

describe('RetentionSweeper', () => {
  it('deletes the human tasks past their deletion time, each with its delete entry by the system principal', async () => {
    const store = memoryStore()
    const [due] = await insertFinished(store, 1)
    const ready = createHumanTask({ name: 'ready', durationUntilDeleted: 'PT1H' }, 'still-ready', 'tester', COMPLETED)
    await store.humanTasks.insert(ready)
    const counts = await new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', now: () => NOW }).sweep()
    expect(counts).toEqual({ humanTasks: 1, taskStatuses: 0, changeLogEntries: 0 })
    expect(await store.humanTasks.get(due?.tkiid as string)).toBeUndefined()
    expect(await store.humanTasks.get(ready.tkiid)).toBeDefined()
    const deletes = (await allChanges(store.changeLog)).filter((entry) => entry.kind === 'delete')
    expect(deletes).toMatchObject([{ id: due?.tkiid, principal: SYSTEM_PRINCIPAL, time: NOW.toISOString() }])
  })

  it('keeps completed task statuses unless TASK_STATUS_RETENTION is set, and then deletes those completed longer ago', async () => {
    const store = memoryStore()
    const old = taskStatus({ completed: '2023-12-01T00:00:00.000Z' })
    const recent = taskStatus({ completed: '2024-01-03T00:00:00.000Z' })
    for (const document of [old, recent]) await store.taskStatuses.insert(document)
    expect((await new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', now: () => NOW }).sweep()).taskStatuses).toBe(0)
    const counts = await new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', taskStatusRetention: 'P7D', now: () => NOW }).sweep()
    expect(counts.taskStatuses).toBe(1)
    expect(await store.taskStatuses.get(old.id)).toBeUndefined()
    expect(await store.taskStatuses.get(recent.id)).toBeDefined()
  })

  it('trims the change log past CHANGE_LOG_RETENTION, after the deletes, and trimmedThrough() says how far', async () => {
    const store = memoryStore()
    await insertFinished(store, 3)
    // Ten days after the entries were made: the creates are past a week; the sweep's own deletes are not.
    const later = new Date(COMPLETED.getTime() + 10 * 86_400_000)
    const counts = await new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', now: () => later }).sweep()
    expect(counts).toEqual({ humanTasks: 3, taskStatuses: 0, changeLogEntries: 3 })
    const left = await allChanges(store.changeLog)
    expect(left.map((entry) => entry.kind)).toEqual(['delete', 'delete', 'delete'])
    expect(await store.changeLog.trimmedThrough()).toBe((left[0]?.sequence ?? 0) - 1)
  })

  it('asks for batches of batchRows and no more than maxBatchesPerRun of them in a run; the next run goes on', async () => {
    const store = memoryStore()
    await insertFinished(store, 50)
    const sweeper = new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', batchRows: 10, maxBatchesPerRun: 3, now: () => NOW })
    expect((await sweeper.sweep()).humanTasks).toBe(30)
    expect((await sweeper.sweep()).humanTasks).toBe(20)
    expect((await sweeper.sweep()).humanTasks).toBe(0)
  })

  it('runs every intervalMs once started, reports each run, and runs no more once stopped', async () => {
    const store = memoryStore()
    await insertFinished(store, 2)
    const runs: number[] = []
    const sweeper = new RetentionSweeper({ store, intervalMs: 20, changeLogRetention: 'P7D', now: () => NOW, onSwept: (counts) => { runs.push(counts.humanTasks) } })
    sweeper.start()
    await expect.poll(() => runs.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2)
    await sweeper.stop()
    const after = runs.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runs.length).toBe(after)
    expect(runs[0]).toBe(2)
  })

  it('stop() ends a run under way after its current batch, and no batch starts after it resolves', async () => {
    const store = memoryStore()
    await insertFinished(store, 200)
    const sweeper = new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', batchRows: 10, now: () => NOW })
    const run = sweeper.sweep()
    await sweeper.stop()
    const { humanTasks } = await run
    expect(humanTasks).toBeGreaterThan(0)
    expect(humanTasks).toBeLessThan(200)
    const left = (await store.humanTasks.query({ sort: [{ field: 'tkiid', descending: false }], offset: 0, limit: 1 })).total
    expect(left).toBe(200 - humanTasks)
  })

  it('reports a failed run and runs again at the next interval', async () => {
    const store = memoryStore()
    const failing: TaskStore = { ...store, humanTasks: { ...store.humanTasks, deleteExpired: async () => { throw new Error('store down') } } }
    const errors: unknown[] = []
    const sweeper = new RetentionSweeper({ store: failing, intervalMs: 20, changeLogRetention: 'P7D', onError: (error) => { errors.push(error) } })
    sweeper.start()
    await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2)
    await sweeper.stop()
    expect(errors[0]).toMatchObject({ message: 'store down' })
  })
})

describe('RetentionSweeper bounds', () => {
  // The longest the event loop waited while a sweeper deleted `tasks` tasks and trimmed
  // their `tasks` entries, in batches of `batchRows`.
  async function longestDelayMs (tasks: number, batchRows: number): Promise<number> {
    const store = memoryStore()
    await insertFinished(store, tasks)
    const later = new Date(COMPLETED.getTime() + 10 * 86_400_000)
    const sweeper = new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', batchRows, now: () => later })
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const started = performance.now()
    const counts = await sweeper.sweep()
    const took = performance.now() - started
    delay.disable()
    expect(counts).toEqual({ humanTasks: tasks, taskStatuses: 0, changeLogEntries: tasks })
    const longest = delay.max / 1e6
    console.info(`retention sweep of ${tasks} tasks and ${tasks} entries in batches of ${batchRows}: ${took.toFixed(0)} ms, longest event-loop delay ${longest.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`)
    return longest
  }

  // In memory, so that a batch's cost is its rows' work alone (on a file each commit
  // also waits for its fsync, as every write's group commit does). A batch of 100 takes
  // a few ms on an idle machine; the bound is generous for a loaded one, and what it
  // bounds is the batch: the whole sweep takes many times longer.
  it('a sweep of thousands of rows never holds the event loop for more than a batch\'s few ms at a time', async () => {
    expect(await longestDelayMs(5000, 100)).toBeLessThan(75)
  })
})

describe('RetentionSweeper over one SQLite file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-retention-'))
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })

  it('two stores on one file sweeping at once delete each task once, with one delete entry each', async () => {
    const filename = join(directory, 'shared.db')
    const stores = [openSqliteStore({ filename }), openSqliteStore({ filename })]
    onTestFinished(async () => { for (const store of stores) await store.close() })
    const tasks = await insertFinished(stores[0] as TaskStore, 300)
    const counts = await Promise.all(stores.map(async (store) => await new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', batchRows: 10, now: () => NOW }).sweep()))
    expect(counts.reduce((sum, run) => sum + run.humanTasks, 0)).toBe(tasks.length)
    const deletes = (await allChanges((stores[1] as TaskStore).changeLog, undefined, 0, 1000)).filter((entry) => entry.kind === 'delete')
    expect(deletes).toHaveLength(tasks.length)
    expect(new Set(deletes.map((entry) => entry.id)).size).toBe(tasks.length)
  })
})

describe.skipIf(postgresUrl === null)('RetentionSweeper over PostgreSQL', () => {
  async function twoInstances (): Promise<[TaskStore, TaskStore, string]> {
    const schema = testSchemaName()
    const first = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    const second = await openPostgresStore({ connectionString: postgresUrl as string, poolSize: 4, schema })
    onTestFinished(async () => {
      await first.close()
      await second.close()
      await dropTestSchemas(schema)
    })
    return [first, second, schema]
  }

  it('two instances sweeping at once delete each task once, with one delete entry each', async () => {
    const [first, second] = await twoInstances()
    const tasks = await insertFinished(first, 400)
    const sweepers = [first, second].map((store) => new RetentionSweeper({ store, intervalMs: 60_000, changeLogRetention: 'P7D', batchRows: 10, now: () => NOW }))
    let deleted = 0
    // Both at once, again and again, until a round finds nothing: a run that meets the
    // other's batch holding the lock ends early, and the next round goes on.
    for (let round = 0; round < 200; round++) {
      const counts = await Promise.all(sweepers.map(async (sweeper) => await sweeper.sweep()))
      const found = counts.reduce((sum, run) => sum + run.humanTasks, 0)
      deleted += found
      if (found === 0 && deleted >= tasks.length) break
    }
    expect(deleted).toBe(tasks.length)
    const deletes: ChangeEntry[] = (await allChanges(first.changeLog, undefined, 0, 1000)).filter((entry) => entry.kind === 'delete')
    const perTask = new Map<string, number>()
    for (const entry of deletes) perTask.set(entry.id, (perTask.get(entry.id) ?? 0) + 1)
    expect(perTask.size).toBe(tasks.length)
    expect([...perTask.values()].every((entries) => entries === 1)).toBe(true)
    for (const task of tasks.slice(0, 20)) expect(await second.humanTasks.get(task.tkiid)).toBeUndefined()
  })

  it('a batch while another instance holds the retention lock deletes nothing and says so; once released, the sweep goes on', async () => {
    const [store, , schema] = await twoInstances()
    await insertFinished(store, 3)
    const other = new pg.Client({ connectionString: postgresUrl as string })
    await other.connect()
    onTestFinished(async () => { await other.end() })
    await other.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`)
    await other.query('SELECT pg_advisory_lock(7351002)')
    expect(await store.humanTasks.deleteExpired(NOW, 100)).toEqual({ deleted: 0, yielded: true })
    expect(await store.changeLog.trimBefore(NOW, 100)).toEqual({ deleted: 0, yielded: true })
    await other.query('SELECT pg_advisory_unlock(7351002)')
    expect(await store.humanTasks.deleteExpired(NOW, 100)).toEqual({ deleted: 3, yielded: false })
  })
})
