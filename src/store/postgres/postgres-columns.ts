// The columns the PostgreSQL store writes with each document, for the list queries'
// filters, sorts and indexes, each valued from the same object the document's text is
// made from, as PostgreSQL's `->>` and its casts would read it from that text.
//
// Until migration 10 they were generated columns: every write of a document made
// PostgreSQL parse the json text once for each of them, changed or not, which was
// about half of what the UPDATE statement cost the server (the figures are in the
// commit that made the change). SQLite's store made the same change in its
// migrations 3 and 4.
//
// An instance of an earlier version writes the document alone. So that its writes keep
// the columns right during a rolling upgrade, migration 10 leaves a trigger that fills
// them from the document for every connection that does not say it writes them; this
// version's connections say so with WRITTEN_COLUMNS_SETTING, and the trigger's WHEN
// condition then skips it without calling it.
import { deletableAt, type HumanTask } from '../../domain/human-task.js'
import type { TaskStatus } from '../../domain/task-status.js'

/** A column the store writes with the document. */
export interface WrittenColumn<T> {
  name: string
  /** Its SQL type, for the arrays of a bulk update. */
  type: 'text' | 'integer' | 'boolean' | 'bigint'
  value: (document: T) => unknown
}

/** The session setting, given in every connection's startup options, by which the trigger of migration 10 knows a writer of the columns. */
export const WRITTEN_COLUMNS_SETTING = 'taskd.written_columns'

/** What `document->>'field'` gives: a string as it is, null when absent or null, any other value as its JSON text. */
export function textOf (value: unknown): string | null {
  if (value === undefined || value === null) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** What `(document->>'field')::integer` gives for a valid document: the number, or null. */
export function integerOf (value: unknown): number | null {
  return typeof value === 'number' ? value : null
}

/** What `(document->>'field')::boolean` gives for a valid document: the boolean, or null. */
export function booleanOf (value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null
}

// Migration 1's columns, in its order.
export const TASK_STATUS_WRITTEN_COLUMNS: ReadonlyArray<WrittenColumn<TaskStatus>> = [
  { name: 'type', type: 'text', value: (status) => textOf(status.type) },
  { name: 'unique_name', type: 'text', value: (status) => textOf(status.uniqueName) },
  { name: 'parent_name', type: 'text', value: (status) => textOf(status.parentName) },
  { name: 'launcher', type: 'text', value: (status) => textOf(status.launcher) },
  { name: 'completion_status', type: 'text', value: (status) => textOf(status.completionStatus) },
  { name: 'source_id', type: 'text', value: (status) => textOf(status.target?.id) },
  { name: 'created', type: 'text', value: (status) => textOf(status.created) },
  { name: 'modified', type: 'text', value: (status) => textOf(status.modified) },
  { name: 'completed', type: 'text', value: (status) => textOf(status.completed) },
  { name: 'percent_complete', type: 'integer', value: (status) => integerOf(status.percentComplete) }
]

// Migration 2's columns, then migration 5's.
export const HUMAN_TASK_WRITTEN_COLUMNS: ReadonlyArray<WrittenColumn<HumanTask>> = [
  { name: 'state', type: 'text', value: (task) => textOf(task.state) },
  { name: 'suspended', type: 'boolean', value: (task) => booleanOf(task.suspended) },
  { name: 'owner', type: 'text', value: (task) => textOf(task.owner) },
  { name: 'namespace', type: 'text', value: (task) => textOf(task.namespace) },
  { name: 'type', type: 'text', value: (task) => textOf(task.type) },
  { name: 'priority', type: 'integer', value: (task) => integerOf(task.priority) },
  { name: 'due_time', type: 'text', value: (task) => textOf(task.dueTime) },
  { name: 'activation_time', type: 'text', value: (task) => textOf(task.activationTime) },
  { name: 'last_modification_time', type: 'text', value: (task) => textOf(task.lastModificationTime) },
  { name: 'name', type: 'text', value: (task) => textOf(task.name) },
  { name: 'display_name', type: 'text', value: (task) => textOf(task.displayName) },
  // Migration 5: what retention deletes by (the text to time cast is not immutable, so it
  // never was a generated column).
  { name: 'deletable_at', type: 'bigint', value: (task) => deletableAt(task) }
]
