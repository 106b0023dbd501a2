// The change log: one entry per accepted change of a document, written by the adapter
// in the transaction that writes the document, so that neither exists without the other.
// Readers follow it by sequence number (changesSince), read one entity's history, or ask
// which sequence a read reflects (head). Entries are bounded: what changed is a patch
// (bounded by the request body), a document (bounded by its family's document bound),
// or a human task's changed properties (each at most a document's worth).
import type { JsonPatchOperation } from '../domain/json-patch.js'
import type { RetentionBatch } from './task-store.js'
import type { IdempotentWrite } from './idempotency.js'

export type ChangeFamily = 'task-status' | 'human-task'

export type HumanTaskActionKind = 'claim' | 'cancelClaim' | 'complete' | 'suspend' | 'resume' | 'terminate'
export type ChangeKind = 'create' | 'patch' | 'update' | HumanTaskActionKind | 'delete'

/** Who changes what, and how: what a write tells the store so that it can log the change. */
export interface ChangeContext {
  /** The request's principal (principalOf(request)); SYSTEM_PRINCIPAL for taskd's own changes. */
  principal: string
  /** The kind of an update; 'patch' for a task status and 'update' for a human task when absent. */
  kind?: ChangeKind
  /** A task status patch: the operations as applied, logged as what changed. */
  patch?: readonly JsonPatchOperation[]
  /** When the change is made, so the entry's time is the document's own; now when absent. */
  time?: Date
  /** The write's Idempotency-Key: its response is recorded in the write's transaction (idempotency.ts). */
  idempotency?: IdempotentWrite
}

/** The principal of changes taskd makes on its own (the retention sweeper) or that name none. */
export const SYSTEM_PRINCIPAL = 'taskd'

/** The fields of a document that watchers filter on, as they are after the change (before it, for a delete). */
export type ChangeSubject = Record<string, string | null>

export interface ChangeEntry {
  /** Store-wide, increasing in the order changes are committed. */
  sequence: number
  /** ISO 8601. */
  time: string
  family: ChangeFamily
  id: string
  /** The entity's version after the change; for a delete, one past the version deleted. */
  version: number
  kind: ChangeKind
  principal: string
  subject: ChangeSubject
  /**
   * What changed, as JSON text (never parsed by the store): a create's document, a task
   * status's JSON Patch as applied, a human task's changed properties
   * ([{property, name?, oldValue, newValue}]), null for a delete.
   */
  changesJson: string | null
}

/** What a reader may ask for: entries of one family, one entity, or with subject fields equal to these. */
export interface ChangeFilter {
  family?: ChangeFamily
  id?: string
  subject?: ChangeSubject
}

export interface ChangePage {
  changes: ChangeEntry[]
  /**
   * The cursor to read on from: every entry up to it that matches the filter is in
   * `changes` or before the cursor given. It moves past entries the filter left out.
   */
  next: number
  /** Whether `next` is the newest committed entry: nothing more to read for now. */
  caughtUp: boolean
}

export interface ChangeLog {
  /**
   * Entries after `sequence` that match `filter`, in sequence order, at most `limit`
   * of them and about PAGE_BATCH_BYTES of text (at least one), with no gaps: an entry
   * committed later never has a sequence at or below a `next` returned before.
   */
  changesSince: (sequence: number, limit: number, filter?: ChangeFilter) => Promise<ChangePage>
  /**
   * One page of an entity's entries, oldest first, read in batches as a list is (see
   * page-batches.ts); a deleted entity keeps its entries, the delete last.
   */
  history: (family: ChangeFamily, id: string, offset: number, limit: number) => AsyncIterable<ChangeEntry[]>
  /** A sequence at or below which every change is committed and visible to reads that start now. */
  head: () => Promise<number>
  /** The highest sequence trimmed from the log (0 when none was): a cursor below it has lost entries. */
  trimmedThrough: () => Promise<number>
  /**
   * Retention: removes the oldest entries, at most `limit` of them, as long as each is
   * older than `cutoff` (a prefix of the log, so that trimmedThrough stays exact: every
   * entry at or below it is gone, every one above it is kept), in one transaction, and
   * raises trimmedThrough to the last one removed.
   */
  trimBefore: (cutoff: Date, limit: number) => Promise<RetentionBatch>
}

/**
 * The last sequence of the oldest entries that are all older than `cutoff`, from the
 * first entries of the log in sequence order: what a trim may remove. Undefined when
 * the first is not older.
 */
export function trimmableThrough (scanned: ReadonlyArray<{ sequence: number, time: string }>, cutoff: Date): number | undefined {
  const before = cutoff.toISOString()
  let through: number | undefined
  for (const entry of scanned) {
    if (!(entry.time < before)) break
    through = entry.sequence
  }
  return through
}

/** The most entries changesSince examines in one call, matching or not: a filter that matches little still costs a bounded read. */
export const CHANGE_SCAN_ROWS = 2000

/** The most entries one changesSince call returns. */
export const MAX_CHANGES_PAGE = 1000

/** An entry before the store numbers it. */
export interface ChangeDraft {
  time: string
  family: ChangeFamily
  id: string
  version: number
  kind: ChangeKind
  principal: string
  /** JSON text of the subject. */
  subjectJson: string
  changesJson: string | null
}

/** How one family's documents become entries. */
export interface ChangeRecorder<T> {
  family: ChangeFamily
  /** The subject's fields and the table columns that hold them (for a delete, read as it deletes). */
  subjectColumns: Readonly<Record<string, string>>
  subject: (document: T) => ChangeSubject
  /** The kind of an update without one in its context. */
  updateKind: ChangeKind
  /** What changed between two versions, as JSON text. */
  updateChanges: (before: T, after: T, context: ChangeContext | undefined) => string
}

/** When and by whom a change is made, as its entry says. */
export function changeAuthor (context: ChangeContext | undefined): { time: string, principal: string } {
  return { time: (context?.time ?? new Date()).toISOString(), principal: context?.principal ?? SYSTEM_PRINCIPAL }
}

function draft<T> (recorder: ChangeRecorder<T>, id: string, version: number, kind: ChangeKind, subject: ChangeSubject, changesJson: string | null, context: ChangeContext | undefined): ChangeDraft {
  return {
    ...changeAuthor(context),
    family: recorder.family,
    id,
    version,
    kind,
    subjectJson: JSON.stringify(subject),
    changesJson
  }
}

/** The entry of a create; `json` is the document's stored text. */
export function createdEntry<T> (recorder: ChangeRecorder<T>, id: string, document: T, json: string, context: ChangeContext | undefined): ChangeDraft {
  return draft(recorder, id, 1, 'create', recorder.subject(document), json, context)
}

export function updatedEntry<T> (recorder: ChangeRecorder<T>, id: string, before: T, after: T, version: number, context: ChangeContext | undefined): ChangeDraft {
  return draft(recorder, id, version, context?.kind ?? recorder.updateKind, recorder.subject(after), recorder.updateChanges(before, after, context), context)
}

/** The entry of a delete, from the subject columns the delete read. */
export function deletedEntry<T> (recorder: ChangeRecorder<T>, id: string, deletedVersion: number, columns: Record<string, unknown>, context: ChangeContext | undefined): ChangeDraft {
  const subject: ChangeSubject = {}
  for (const [field, column] of Object.entries(recorder.subjectColumns)) {
    const value = columns[column]
    subject[field] = value === undefined || value === null ? null : String(value)
  }
  return draft(recorder, id, deletedVersion + 1, 'delete', subject, null, context)
}

/** Whether `entry` is one `filter` asks for. */
export function matchesChangeFilter (entry: Pick<ChangeEntry, 'family' | 'id' | 'subject'>, filter: ChangeFilter | undefined): boolean {
  if (filter === undefined) return true
  if (filter.family !== undefined && entry.family !== filter.family) return false
  if (filter.id !== undefined && entry.id !== filter.id) return false
  for (const [field, value] of Object.entries(filter.subject ?? {})) {
    if ((entry.subject[field] ?? null) !== value) return false
  }
  return true
}

/** The entry as JSON text, what changed spliced in as stored (never parsed and serialized again). */
export function changeEntryJson (entry: ChangeEntry): string {
  const { changesJson, ...fields } = entry
  return `${JSON.stringify(fields).slice(0, -1)},"changes":${changesJson ?? 'null'}}`
}

/** An entry as a page scan sees it: enough to filter it and to size the page. */
export interface ScannedChange {
  sequence: number
  family: ChangeFamily
  id: string
  subject: ChangeSubject
  /** The size of what changed, in bytes. */
  bytes: number
}

/**
 * The sequences of the page changesSince returns, from the entries it scanned (in
 * sequence order, at most CHANGE_SCAN_ROWS of them), and the cursor to read on from.
 * `scannedThrough` is the sequence the scan is known to have covered when it found fewer
 * rows than it asked for (the head); undefined when it stopped at its row bound.
 */
export function changePageOfScan (scanned: readonly ScannedChange[], limit: number, filter: ChangeFilter | undefined, maxBytes: number, scannedThrough: number | undefined, after: number): { sequences: number[], next: number } {
  const sequences: number[] = []
  let bytes = 0
  let next = after
  for (const entry of scanned) {
    if (matchesChangeFilter(entry, filter)) {
      if (sequences.length >= limit || (sequences.length > 0 && bytes + entry.bytes > maxBytes)) return { sequences, next }
      sequences.push(entry.sequence)
      bytes += entry.bytes
    }
    next = entry.sequence
  }
  return { sequences, next: scannedThrough === undefined ? next : Math.max(next, scannedThrough) }
}
