// The storage contract every adapter implements and everything else depends on.
// Methods are async so that a networked database fits the same shape as the
// embedded one. Each method is atomic on its own; `update` runs the caller's change
// inside the adapter's transaction, so read-modify-write never loses a concurrent
// writer's work. Every write that changes a document also appends its entry to the
// change log (change-log.ts) in the same transaction; `context` says who made it and
// how (without one, the entry names SYSTEM_PRINCIPAL and the method's own kind).
import type { HumanTask } from '../domain/human-task.js'
import type { HumanTaskQuery } from '../domain/human-task-query.js'
import type { TaskStatusCondition, TaskStatusQuery } from '../domain/task-status-query.js'
import type { TaskStatus } from '../domain/task-status.js'
import type { ChangeContext, ChangeLog } from './change-log.js'
import type { CommitSignal } from './commit-signal.js'
import type { IdempotencyRepository } from './idempotency.js'
import type { DocumentBatches } from './page-batches.js'
import type { WebhookRepository } from './webhook-repository.js'

export interface Stored<T> {
  document: T
  /** 1 when created, incremented by every successful update. */
  version: number
  /**
   * The document's JSON text as the store holds it, when it was read from or just
   * written to the store (see stored-json.ts): a response may send it as it is.
   */
  readonly json?: string
}

export interface TaskStatusRepository {
  /** Stores a new document; its `id` must not exist yet. */
  insert: (document: TaskStatus, context?: ChangeContext) => Promise<Stored<TaskStatus>>
  /**
   * Stores many new documents (seeding, imports), each with its create entry, in
   * transactions of a bounded size (bulk-load.ts). A chunk with an id that exists, or a
   * document over its bound, stores nothing and rejects the call; the chunks before it
   * stay stored. Resolves to the number stored.
   */
  insertMany: (documents: Iterable<TaskStatus>, context?: ChangeContext) => Promise<number>
  get: (id: string) => Promise<Stored<TaskStatus> | undefined>
  /**
   * Reads the document, calls `change` with it and stores what `change` returns, in
   * one transaction. If `change` throws, nothing is stored and the error propagates.
   * Resolves to undefined when there is no such document.
   */
  update: (id: string, change: (current: Stored<TaskStatus>) => TaskStatus, context?: ChangeContext) => Promise<Stored<TaskStatus> | undefined>
  /** Resolves to false when there was no such document. */
  delete: (id: string, context?: ChangeContext) => Promise<boolean>
  /**
   * One page of matches, in `query.sort` order, read a batch at a time (see
   * page-batches.ts): the page is chosen when the first batch is asked for.
   */
  list: (query: TaskStatusQuery) => DocumentBatches<TaskStatus>
  count: (filter: TaskStatusCondition | undefined) => Promise<number>
  /**
   * Retention: deletes at most `limit` task statuses whose `completed` is before
   * `cutoff`, the longest completed first, in one transaction, each logged as a delete by
   * SYSTEM_PRINCIPAL at `now`. Resolves to how many it deleted (see RETENTION_BATCH_ROWS).
   */
  deleteCompletedBefore: (cutoff: Date, limit: number, now: Date) => Promise<RetentionBatch>
}

/**
 * What one retention batch did. `deleted` is 0 and `yielded` true when another instance
 * holds the retention lock (PostgreSQL): one instance sweeps at a time.
 */
export interface RetentionBatch { deleted: number, yielded: boolean }

/** The most rows one retention batch may touch, whatever it is asked for: a batch's transaction stays short. */
export const RETENTION_BATCH_ROWS = 1000

/**
 * What became of one id of an update of many documents. An updated one reports its new
 * version, not the document: a bulk update of tens of thousands of ids would otherwise
 * hold every changed document until the last one is written.
 */
export type UpdateOutcome =
  | { id: string, outcome: 'updated', version: number }
  | { id: string, outcome: 'missing' }
  | { id: string, outcome: 'refused', error: Error }

export type BulkUpdateOutcome = UpdateOutcome

export interface HumanTaskRepository {
  insert: (task: HumanTask, context?: ChangeContext) => Promise<Stored<HumanTask>>
  /** As TaskStatusRepository.insertMany. */
  insertMany: (tasks: Iterable<HumanTask>, context?: ChangeContext) => Promise<number>
  get: (tkiid: string) => Promise<Stored<HumanTask> | undefined>
  /** As TaskStatusRepository.update. */
  update: (tkiid: string, change: (current: Stored<HumanTask>) => HumanTask, context?: ChangeContext) => Promise<Stored<HumanTask> | undefined>
  /**
   * Applies `change` to each task of `tkiids` (distinct), each atomically on its own,
   * in a few transactions rather than one per id, each of a bounded size, letting other
   * requests be served between them. A `change` that throws refuses that task only; the
   * others still apply. Outcomes come back in the order of `tkiids`. Rejects with
   * BulkTooLargeError, changing nothing, when the listed tasks add up to more than
   * `limits.bulkMaxWriteBytes`.
   */
  updateMany: (tkiids: readonly string[], change: (current: Stored<HumanTask>) => HumanTask, context?: ChangeContext) => Promise<BulkUpdateOutcome[]>
  delete: (tkiid: string, context?: ChangeContext) => Promise<boolean>
  /** One page of matches in `query.sort` order, read a batch at a time, and how many match in all. */
  query: (query: HumanTaskQuery) => Promise<{ total: number, items: DocumentBatches<HumanTask> }>
  /**
   * Retention: deletes at most `limit` tasks whose deletable instant (deletableAt in
   * domain/human-task.ts, which the store writes with each task) is at or before `now`,
   * the soonest due first, in one transaction, each logged as a delete by SYSTEM_PRINCIPAL.
   */
  deleteExpired: (now: Date, limit: number) => Promise<RetentionBatch>
}

/**
 * What a store refuses to hold or to do in one call, whatever it is asked: every write
 * checks the document's JSON text against its family's bound (DocumentTooLargeError).
 */
export interface StoreLimits {
  taskStatusMaxBytes: number
  humanTaskMaxBytes: number
  /** The most bytes of documents one updateMany may read and write. */
  bulkMaxWriteBytes: number
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  taskStatusMaxBytes: 1024 * 1024,
  humanTaskMaxBytes: 256 * 1024,
  bulkMaxWriteBytes: 256 * 1024 * 1024
}

export interface TaskStore {
  readonly taskStatuses: TaskStatusRepository
  readonly humanTasks: HumanTaskRepository
  readonly changeLog: ChangeLog
  /** Wakes readers of the change log after commits, of this process or of another over the same data. */
  readonly commits: CommitSignal
  /** The responses kept under Idempotency-Keys, each written by the write it answers (idempotency.ts). */
  readonly idempotency: IdempotencyRepository
  /** Webhook subscriptions and their delivery state (webhook-repository.ts). */
  readonly webhooks: WebhookRepository
  /** Resolves when the store answers a trivial query; rejects with StoreUnavailableError otherwise. */
  ping: () => Promise<void>
  /** Releases files and connections; the store is unusable afterwards. */
  close: () => Promise<void>
}
