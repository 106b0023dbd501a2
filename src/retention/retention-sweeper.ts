// The retention sweeper: now and then, deletes the human tasks past their deletion
// time, the task statuses completed longer ago than TASK_STATUS_RETENTION (when set),
// and the change-log entries older than CHANGE_LOG_RETENTION. Each is asked of the store
// in small batches, one transaction each (a batch's deletes and their log entries commit
// together), with a turn of the event loop between batches so that requests are served
// meanwhile, and a bounded number of batches per run: what is left waits for the next.
// One instance sweeps at a time: on PostgreSQL a batch that finds another instance's
// batch holding the retention lock does nothing, and the run ends; on SQLite a batch is
// a write transaction, which has the file to itself.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { subtractIsoDuration } from '../domain/iso-duration.js'
import type { RetentionBatch, TaskStore } from '../store/task-store.js'

/** What one run deleted. */
export interface SweepCounts {
  humanTasks: number
  taskStatuses: number
  changeLogEntries: number
}

export interface RetentionSweeperOptions {
  store: TaskStore
  /** How often a run starts, in ms (the first one interval after start). */
  intervalMs: number
  /** How long change-log entries are kept, an ISO 8601 duration. */
  changeLogRetention: string
  /** How long completed task statuses are kept, an ISO 8601 duration; undefined keeps them. */
  taskStatusRetention?: string | undefined
  /** Rows per batch (one transaction). */
  batchRows?: number
  /** The most batches of each kind one run asks for. */
  maxBatchesPerRun?: number
  now?: () => Date
  /** Called after each run with what it deleted. */
  onSwept?: (counts: SweepCounts) => void
  /** Called when a run fails (the store unreachable, say); the next run tries again. */
  onError?: (error: unknown) => void
}

/** Small enough that a batch holds the event loop (SQLite) or a transaction (PostgreSQL) for a few ms at most. */
export const SWEEP_BATCH_ROWS = 100
export const SWEEP_MAX_BATCHES = 100

export class RetentionSweeper {
  readonly #options: RetentionSweeperOptions
  readonly #batchRows: number
  readonly #maxBatches: number
  readonly #now: () => Date
  #timer: NodeJS.Timeout | undefined
  #running: Promise<SweepCounts> | undefined
  #stopped = false

  constructor (options: RetentionSweeperOptions) {
    this.#options = options
    this.#batchRows = options.batchRows ?? SWEEP_BATCH_ROWS
    this.#maxBatches = options.maxBatchesPerRun ?? SWEEP_MAX_BATCHES
    this.#now = options.now ?? (() => new Date())
  }

  /** Runs a sweep every intervalMs until stop(). */
  start (): void {
    if (this.#stopped || this.#timer !== undefined) return
    this.#schedule()
  }

  /** No run starts after this; resolves once the run under way, if any, has ended its batch. */
  async stop (): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running?.catch(() => undefined)
  }

  /** One run now (or the one under way): what it deleted. */
  async sweep (): Promise<SweepCounts> {
    this.#running ??= this.#run().finally(() => { this.#running = undefined })
    return await this.#running
  }

  #schedule (): void {
    this.#timer = setTimeout(() => {
      this.sweep().then((counts) => { this.#options.onSwept?.(counts) }, (error: unknown) => { this.#options.onError?.(error) })
        .finally(() => { if (!this.#stopped) this.#schedule() })
    }, this.#options.intervalMs)
    // A process with nothing else to do is not kept alive for the sweeper.
    this.#timer.unref()
  }

  async #run (): Promise<SweepCounts> {
    const { store, changeLogRetention, taskStatusRetention } = this.#options
    const now = this.#now()
    const humanTasks = await this.#batches(async (limit) => await store.humanTasks.deleteExpired(now, limit))
    const statusCutoff = taskStatusRetention === undefined ? undefined : subtractIsoDuration(now, taskStatusRetention)
    const taskStatuses = statusCutoff === undefined ? 0 : await this.#batches(async (limit) => await store.taskStatuses.deleteCompletedBefore(statusCutoff, limit, now))
    // Last, so that the deletes just logged are kept as long as every other entry.
    const logCutoff = subtractIsoDuration(now, changeLogRetention)
    const changeLogEntries = logCutoff === undefined ? 0 : await this.#batches(async (limit) => await store.changeLog.trimBefore(logCutoff, limit))
    return { humanTasks, taskStatuses, changeLogEntries }
  }

  // Batch after batch until one finds less than a full batch, another instance is
  // sweeping, the run's bound is reached, or the sweeper is stopped.
  async #batches (batch: (limit: number) => Promise<RetentionBatch>): Promise<number> {
    let total = 0
    for (let count = 0; count < this.#maxBatches && !this.#stopped; count++) {
      if (count > 0) await nextTurn()
      const { deleted, yielded } = await batch(this.#batchRows)
      total += deleted
      if (yielded || deleted < this.#batchRows) break
    }
    return total
  }
}
