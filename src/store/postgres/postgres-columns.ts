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
import { textField } from '../column-values.js'

/** A column the store writes with the document. */
export interface WrittenColumn<T> {
  name: string
  /** Its SQL type, for the arrays of a bulk update. */
  type: 'text' | 'integer' | 'boolean' | 'bigint'
  value: (document: T) => unknown
}

/** The session setting, given in every connection's startup options, by which the trigger of migration 10 knows a writer of the columns. */
export const WRITTEN_COLUMNS_SETTING = 'taskd.written_columns'

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
  { name: 'type', type: 'text', value: (status) => textField(status.type) },
  { name: 'unique_name', type: 'text', value: (status) => textField(status.uniqueName) },
  { name: 'parent_name', type: 'text', value: (status) => textField(status.parentName) },
  { name: 'launcher', type: 'text', value: (status) => textField(status.launcher) },
  { name: 'completion_status', type: 'text', value: (status) => textField(status.completionStatus) },
  { name: 'source_id', type: 'text', value: (status) => textField(status.target?.id) },
  { name: 'created', type: 'text', value: (status) => textField(status.created) },
  { name: 'modified', type: 'text', value: (status) => textField(status.modified) },
  { name: 'completed', type: 'text', value: (status) => textField(status.completed) },
  { name: 'percent_complete', type: 'integer', value: (status) => integerOf(status.percentComplete) }
]

// Migration 2's columns, then migration 5's.
export const HUMAN_TASK_WRITTEN_COLUMNS: ReadonlyArray<WrittenColumn<HumanTask>> = [
  { name: 'state', type: 'text', value: (task) => textField(task.state) },
  { name: 'suspended', type: 'boolean', value: (task) => booleanOf(task.suspended) },
  { name: 'owner', type: 'text', value: (task) => textField(task.owner) },
  { name: 'namespace', type: 'text', value: (task) => textField(task.namespace) },
  { name: 'type', type: 'text', value: (task) => textField(task.type) },
  { name: 'priority', type: 'integer', value: (task) => integerOf(task.priority) },
  { name: 'due_time', type: 'text', value: (task) => textField(task.dueTime) },
  { name: 'activation_time', type: 'text', value: (task) => textField(task.activationTime) },
  { name: 'last_modification_time', type: 'text', value: (task) => textField(task.lastModificationTime) },
  { name: 'name', type: 'text', value: (task) => textField(task.name) },
  { name: 'display_name', type: 'text', value: (task) => textField(task.displayName) },
  // Migration 5: what retention deletes by (the text to time cast is not immutable, so it
  // never was a generated column).
  { name: 'deletable_at', type: 'bigint', value: (task) => deletableAt(task) }
]
