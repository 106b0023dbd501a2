// The change log in PostgreSQL, and how readers get it without gaps.
//
// A writer takes its entry's sequence value when it inserts the entry, inside its
// transaction; transactions commit in any order, so a reader may see sequence 12
// committed while 11 is still in flight, and a reader that moved its cursor to 12 would
// never read 11. Readers therefore read only up to a watermark below which nothing can
// still commit:
//
//   1. read the sequence's last value handed out, C (sequences are not transactional:
//      this counts values taken by transactions still in flight);
//   2. then take a transaction id X of its own (pg_current_xact_id, in a transaction
//      that commits at once, without waiting for its commit to reach the disk): every
//      transaction that took a value up to C did so before step 1 and already had its id
//      then (each writer writes its document, which assigns the id, before the statement
//      that takes the value), and ids are handed out in increasing order, so its id is below X;
//   3. wait until the oldest transaction still in flight is past X (pg_snapshot_xmin of a
//      later snapshot): every transaction with a smaller id has then committed or rolled
//      back, so every entry up to C that will ever exist is visible.
//
// Entries up to C can then be read in sequence order, and none will appear below it
// later. (A snapshot's xmax would not do for X: it is one past the latest *completed*
// id, and a transaction still running may hold a larger one.) The wait lasts as long
// as the transactions in flight at step 2 (milliseconds for taskd's own); a transaction
// left open on the server holds the feed, never the writers, and past WATERMARK_WAIT_MS
// the reader keeps the last watermark. Each watermark costs one transaction id.
import type pg from 'pg'
import { changePageOfScan, CHANGE_SCAN_ROWS, trimmableThrough, type ChangeDraft, type ChangeEntry, type ChangeFamily, type ChangeFilter, type ChangeKind, type ChangeLog, type ChangePage, type ChangeSubject, type ScannedChange } from '../change-log.js'
import { pageBatches, PAGE_BATCH_BYTES } from '../page-batches.js'
import { RETENTION_BATCH_ROWS } from '../task-store.js'
import { tookRetentionLock } from './postgres-transactions.js'

export type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>
/** Statements without parameters sent as one, for their results in order. */
export type Script = (sql: string) => Promise<pg.QueryResultRow[][]>
/** Runs `work` in one transaction (postgres-transactions.ts). */
export type Transaction = <R>(work: (client: pg.PoolClient) => Promise<R>) => Promise<R>

interface EntryRow {
  sequence: string
  time: string
  family: ChangeFamily
  entity_id: string
  version: number
  kind: ChangeKind
  principal: string
  subject: string
  changes: string | null
}

const ENTRY_COLUMNS = 'sequence, time, family, entity_id, version, kind, principal, subject, changes'
const WATERMARK_WAIT_MS = 5000

function entryOfRow (row: EntryRow): ChangeEntry {
  return {
    sequence: Number(row.sequence),
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

async function pause (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * JSON texts as the text of one JSON array (null as JSON's null), for json_array_elements
 * (with jsonElements): a json[] parameter would have pg escape every quote and backslash
 * of every text, and PostgreSQL undo it, which in a bulk costs more than the JSON itself.
 */
export function jsonArray (texts: ReadonlyArray<string | null>): string {
  return `[${texts.map((text) => text ?? 'null').join(',')}]`
}

/**
 * The FROM item of the elements of the JSON array in `parameter` (jsonArray) as
 * `alias(value, position)`, a JSON null as SQL NULL, each element's text as it was given.
 */
export function jsonElements (parameter: string, alias: string): string {
  return `(SELECT CASE json_typeof(e.value) WHEN 'null' THEN NULL ELSE e.value END AS value, e.position
    FROM json_array_elements(${parameter}::json) WITH ORDINALITY AS e(value, position)) AS ${alias}`
}

/** The INSERT of entries given as arrays (see entryArrays), in their order, by the current transaction. */
export const APPEND_ENTRIES_SQL = `INSERT INTO change_log (txid, time, family, entity_id, version, kind, principal, subject, changes, changes_bytes)
  SELECT pg_current_xact_id(), e.time, e.family, e.entity_id, e.version, e.kind, e.principal, s.value, c.value, e.changes_bytes
  FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $9::integer[])
    WITH ORDINALITY AS e(time, family, entity_id, version, kind, principal, changes_bytes, position)
  JOIN ${jsonElements('$7', 's')} ON s.position = e.position
  JOIN ${jsonElements('$8', 'c')} ON c.position = e.position
  ORDER BY e.position`

/** The parameters of APPEND_ENTRIES_SQL. */
export function entryArrays (drafts: readonly ChangeDraft[]): unknown[] {
  return [
    drafts.map((draft) => draft.time),
    drafts.map((draft) => draft.family),
    drafts.map((draft) => draft.id),
    drafts.map((draft) => draft.version),
    drafts.map((draft) => draft.kind),
    drafts.map((draft) => draft.principal),
    jsonArray(drafts.map((draft) => draft.subjectJson)),
    jsonArray(drafts.map((draft) => draft.changesJson)),
    drafts.map((draft) => draft.changesJson?.length ?? 0)
  ]
}

// One round trip, in this order; synchronous_commit off: nothing of it needs to survive a crash.
const ISSUED_THEN_OWN_ID = `BEGIN; SET LOCAL synchronous_commit TO off;
  SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS issued FROM change_log_sequence;
  SELECT pg_current_xact_id()::text AS xid; COMMIT`

export function postgresChangeLog (query: Query, script: Script, transaction: Transaction): ChangeLog {
  // Only ever raised: a watermark once established stays true.
  let established = 0

  async function committedThrough (): Promise<number> {
    const results = await script(ISSUED_THEN_OWN_ID)
    const candidate = Number((results[2]?.[0] as { issued?: string } | undefined)?.issued ?? 0)
    const own = (results[3]?.[0] as { xid?: string } | undefined)?.xid
    if (candidate <= established || own === undefined) return established
    const deadline = Date.now() + WATERMARK_WAIT_MS
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      const [passed] = await query<{ done: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS done', [own])
      if (passed?.done === true) break
      if (Date.now() > deadline) return established
      await pause(delay)
    }
    established = Math.max(established, candidate)
    return established
  }

  async function bySequences (sequences: readonly number[]): Promise<ChangeEntry[]> {
    return (await query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM change_log WHERE sequence = ANY($1::bigint[]) ORDER BY sequence`, [sequences])).map(entryOfRow)
  }

  return {
    async changesSince (sequence: number, limit: number, filter?: ChangeFilter): Promise<ChangePage> {
      const watermark = await committedThrough()
      const rows = await query<{ sequence: string, family: ChangeFamily, entity_id: string, subject: string, changes_bytes: number }>(
        'SELECT sequence, family, entity_id, subject, changes_bytes FROM change_log WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence LIMIT $3',
        [sequence, watermark, CHANGE_SCAN_ROWS])
      const scanned: ScannedChange[] = rows.map((row) => ({ sequence: Number(row.sequence), family: row.family, id: row.entity_id, subject: JSON.parse(row.subject) as ChangeSubject, bytes: row.changes_bytes }))
      const page = changePageOfScan(scanned, limit, filter, PAGE_BATCH_BYTES, rows.length < CHANGE_SCAN_ROWS ? watermark : undefined, sequence)
      const changes = page.sequences.length === 0 ? [] : await bySequences(page.sequences)
      return { changes, next: page.next, caughtUp: page.next >= watermark }
    },

    async * history (family: ChangeFamily, id: string, offset: number, limit: number) {
      const rows = await query<{ sequence: string, changes_bytes: number }>(
        'SELECT sequence, changes_bytes FROM change_log WHERE family = $1 AND entity_id = $2 ORDER BY sequence LIMIT $3 OFFSET $4', [family, id, limit, offset])
      yield * pageBatches(rows.map((row) => ({ key: Number(row.sequence), bytes: row.changes_bytes })),
        async (sequences) => new Map((await bySequences(sequences)).map((entry) => [entry.sequence, entry])))
    },

    head: committedThrough,

    async trimmedThrough () {
      const [row] = await query<{ trimmed_through: string }>('SELECT trimmed_through FROM change_log_trim')
      return Number(row?.trimmed_through ?? 0)
    },

    // Only below the watermark: an entry still in flight below it could otherwise commit
    // under trimmedThrough, and the prefix would not be one.
    async trimBefore (cutoff: Date, limit: number) {
      const watermark = await committedThrough()
      return await transaction(async (client) => {
        if (!await tookRetentionLock(client)) return { deleted: 0, yielded: true }
        const { rows } = await client.query<{ sequence: string, time: string }>(
          'SELECT sequence, time FROM change_log WHERE sequence <= $1 ORDER BY sequence LIMIT $2', [watermark, Math.min(limit, RETENTION_BATCH_ROWS)])
        const through = trimmableThrough(rows.map((row) => ({ sequence: Number(row.sequence), time: row.time })), cutoff)
        if (through === undefined) return { deleted: 0, yielded: false }
        const removed = await client.query('DELETE FROM change_log WHERE sequence <= $1', [through])
        await client.query('UPDATE change_log_trim SET trimmed_through = greatest(trimmed_through, $1)', [through])
        return { deleted: removed.rowCount ?? 0, yielded: false }
      })
    }
  }
}
