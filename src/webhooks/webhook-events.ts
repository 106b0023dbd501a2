// Which events a change-log entry is, and what a subscription is sent of them. An entry
// is one event, or two when a task status change first gives it a completionStatus:
// `task-status.updated` (or `.created`) and `task-status.completed`.
import { canonicalCompletionStatus } from '../domain/completion-status.js'
import type { TaskStatusCondition, TaskStatusFilterField } from '../domain/task-status-query.js'
import type { TaskStatus } from '../domain/task-status.js'
import type { ChangeEntry, ChangeKind } from '../store/change-log.js'
import type { WebhookEventType } from './subscription-rules.js'

const HUMAN_TASK_EVENTS: Record<ChangeKind, WebhookEventType> = {
  create: 'human-task.created',
  patch: 'human-task.updated',
  update: 'human-task.updated',
  claim: 'human-task.claimed',
  cancelClaim: 'human-task.claim-cancelled',
  complete: 'human-task.completed',
  suspend: 'human-task.suspended',
  resume: 'human-task.resumed',
  terminate: 'human-task.terminated',
  delete: 'human-task.deleted'
}

/** One event of an entry; `suffix` keeps the webhook-ids of an entry's two events apart. */
export interface WebhookEvent {
  type: WebhookEventType
  suffix: string
}

interface PatchOperation { op?: string, path?: string }

/**
 * Whether a task status update set completionStatus: its patch wrote the member, or,
 * for an update logged as the whole document (a merge patch), the entry before it had none.
 */
export function setsCompletion (entry: ChangeEntry, previous: () => Promise<ChangeEntry | undefined>): Promise<boolean> | boolean {
  if ((entry.subject.completionStatus ?? null) === null) return false
  let operations: PatchOperation[]
  try {
    operations = JSON.parse(entry.changesJson ?? '[]') as PatchOperation[]
  } catch {
    return false
  }
  if (!Array.isArray(operations)) return false
  if (operations.some((operation) => operation.path === '')) {
    return previous().then((before) => before !== undefined && (before.subject.completionStatus ?? null) === null)
  }
  return operations.some((operation) => operation.path === '/completionStatus' && operation.op !== 'remove' && operation.op !== 'test')
}

/** The events of `entry`, the completion one only when `completes` says so. */
export function eventsOfEntry (entry: ChangeEntry, completes: boolean): WebhookEvent[] {
  if (entry.family === 'human-task') return [{ type: HUMAN_TASK_EVENTS[entry.kind], suffix: '' }]
  if (entry.kind === 'delete') return [{ type: 'task-status.deleted', suffix: '' }]
  const main: WebhookEvent = { type: entry.kind === 'create' ? 'task-status.created' : 'task-status.updated', suffix: '' }
  return completes ? [main, { type: 'task-status.completed', suffix: '_completed' }] : [main]
}

type FieldValues = Record<TaskStatusFilterField, string | null>

const time = (text: string | null | undefined): string | null => {
  if (text === null || text === undefined) return null
  const parsed = new Date(text)
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString()
}

/** The filterable fields of a task status, in the form filter values take. */
export function filterFieldsOf (document: TaskStatus): FieldValues {
  return {
    id: document.id,
    type: document.type ?? null,
    completionStatus: document.completionStatus === null || document.completionStatus === undefined ? null : canonicalCompletionStatus(document.completionStatus) ?? document.completionStatus,
    launcher: document.launcher ?? null,
    uniqueName: document.uniqueName ?? null,
    parentName: document.parentName ?? null,
    created: time(document.created),
    modified: time(document.modified),
    completed: time(document.completed),
    sourceId: document.target?.id ?? null
  }
}

/** What a deleted task status's entry still tells of it: its subject. */
export function filterFieldsOfEntry (entry: ChangeEntry): FieldValues {
  const status = entry.subject.completionStatus ?? null
  return {
    id: entry.id,
    type: entry.subject.type ?? null,
    completionStatus: status === null ? null : canonicalCompletionStatus(status) ?? status,
    launcher: entry.subject.launcher ?? null,
    uniqueName: null,
    parentName: null,
    created: null,
    modified: null,
    completed: null,
    sourceId: null
  }
}

/** Whether the fields satisfy the condition, as the stores' SQL would decide (a null compares false). */
export function conditionHolds (condition: TaskStatusCondition, fields: FieldValues): boolean {
  switch (condition.type) {
    case 'and': return condition.operands.every((operand) => conditionHolds(operand, fields))
    case 'or': return condition.operands.some((operand) => conditionHolds(operand, fields))
    case 'not': return !conditionHolds(condition.operand, fields)
    case 'isnull': return fields[condition.field] === null
    case 'in': {
      const value = fields[condition.field]
      return value !== null && condition.values.includes(value)
    }
    case 'compare': {
      const value = fields[condition.field]
      if (value === null) return false
      switch (condition.operator) {
        case 'eq': return value === condition.value
        case 'sw': return value.startsWith(condition.value)
        case 'gt': return value > condition.value
        case 'ge': return value >= condition.value
        case 'lt': return value < condition.value
        case 'le': return value <= condition.value
      }
    }
  }
}
