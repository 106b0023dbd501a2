// The change log in SQLite. Writers append inside the transaction that writes the
// document (a group commit's savepoint, or a bulk slice). SQLite has one writer at a
// time for the whole file, across processes, and AUTOINCREMENT numbers each entry past
// every number handed out before (never reusing one after a trim): sequence order is
// commit order, so a reader that has seen an entry has seen every entry below it.
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import { changePageOfScan, CHANGE_SCAN_ROWS, trimmableThrough, type ChangeDraft, type ChangeEntry, type ChangeFamily, type ChangeFilter, type ChangeKind, type ChangeLog, type ChangePage, type ChangeSubject, type ScannedChange } from '../change-log.js'
import { pageBatches, PAGE_BATCH_BYTES } from '../page-batches.js'
import { RETENTION_BATCH_ROWS, type RetentionBatch } from '../task-store.js'

interface EntryRow {
  sequence: number
  time: string
  family: ChangeFamily
  entity_id: string
  version: number
  kind: ChangeKind
  principal: string
  subject: string
  changes: string | null
}

interface ScanRow { sequence: number, family: ChangeFamily, entity_id: string, subject: string, bytes: number | null }

export function entryOfRow (row: EntryRow): ChangeEntry {
  return {
    sequence: row.sequence,
    time: row.time,
    family: row.family,
    id: row.entity_id,
    version: row.version,
    kind: row.kind,
    principal: row.principal,
    subject: JSON.parse(row.subject) as ChangeSubject,
    changesJson: row.changes
  }
}

export class SqliteChangeLog implements ChangeLog {
  readonly #db: Database.Database
  readonly #append: Statement
  readonly #head: Statement
  readonly #scan: Statement<[number, number], ScanRow>
  readonly #bySequences: Statement<[string], EntryRow>
  readonly #historyPage: Statement<[string, string, number, number], { sequence: number, bytes: number | null }>
  readonly #trimmedThrough: Statement
  readonly #trim: (cutoff: Date, limit: number) => number

  constructor (db: Database.Database) {
    this.#db = db
    this.#append = db.prepare('INSERT INTO change_log (time, family, entity_id, version, kind, principal, subject, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    // sqlite_sequence keeps the last number handed out, even once those entries are trimmed.
    this.#head = db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)").pluck()
    this.#scan = db.prepare('SELECT sequence, family, entity_id, subject, octet_length(changes) AS bytes FROM change_log WHERE sequence > ? ORDER BY sequence LIMIT ?')
    this.#bySequences = db.prepare('SELECT * FROM change_log WHERE sequence IN (SELECT value FROM json_each(?)) ORDER BY sequence')
    this.#historyPage = db.prepare('SELECT sequence, octet_length(changes) AS bytes FROM change_log WHERE family = ? AND entity_id = ? ORDER BY sequence LIMIT ? OFFSET ?')
    this.#trimmedThrough = db.prepare('SELECT trimmed_through FROM change_log_trim').pluck()
    const oldest = db.prepare<[number], { sequence: number, time: string }>('SELECT sequence, time FROM change_log ORDER BY sequence LIMIT ?')
    const remove = db.prepare('DELETE FROM change_log WHERE sequence <= ?')
    const record = db.prepare('UPDATE change_log_trim SET trimmed_through = max(trimmed_through, ?)')
    // IMMEDIATE: the write lock first, so the entries read are the oldest when they are removed.
    const trim = db.transaction((cutoff: Date, limit: number): number => {
      const through = trimmableThrough(oldest.all(Math.min(limit, RETENTION_BATCH_ROWS)), cutoff)
      if (through === undefined) return 0
      const removed = remove.run(through).changes
      record.run(through)
      return removed
    })
    this.#trim = (cutoff, limit) => trim.immediate(cutoff, limit)
  }

  /** Appends `draft`; call inside the transaction that writes its document. */
  append (draft: ChangeDraft): void {
    this.#append.run(draft.time, draft.family, draft.id, draft.version, draft.kind, draft.principal, draft.subjectJson, draft.changesJson)
  }

  async changesSince (sequence: number, limit: number, filter?: ChangeFilter): Promise<ChangePage> {
    // One read transaction: the head and the entries are of one snapshot.
    return this.#db.transaction((): ChangePage => {
      const head = this.#head.get() as number
      const rows = this.#scan.all(sequence, CHANGE_SCAN_ROWS)
      const scanned: ScannedChange[] = rows.map((row) => ({ sequence: row.sequence, family: row.family, id: row.entity_id, subject: JSON.parse(row.subject) as ChangeSubject, bytes: row.bytes ?? 0 }))
      const page = changePageOfScan(scanned, limit, filter, PAGE_BATCH_BYTES, rows.length < CHANGE_SCAN_ROWS ? head : undefined, sequence)
      const changes = page.sequences.length === 0 ? [] : this.#bySequences.all(JSON.stringify(page.sequences)).map(entryOfRow)
      return { changes, next: page.next, caughtUp: page.next >= head }
    })()
  }

  history (family: ChangeFamily, id: string, offset: number, limit: number): AsyncIterable<ChangeEntry[]> {
    const entries = this.#historyPage.all(family, id, limit, offset).map((row) => ({ key: row.sequence, bytes: row.bytes ?? 0 }))
    return pageBatches(entries, async (sequences) => new Map(this.#bySequences.all(JSON.stringify(sequences)).map((row) => [row.sequence, entryOfRow(row)])))
  }

  async head (): Promise<number> {
    return this.#head.get() as number
  }

  async trimmedThrough (): Promise<number> {
    return this.#trimmedThrough.get() as number
  }

  async trimBefore (cutoff: Date, limit: number): Promise<RetentionBatch> {
    return { deleted: this.#trim(cutoff, limit), yielded: false }
  }
}
