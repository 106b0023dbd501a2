// How each family's documents become change-log entries: the subject watchers filter
// on, and what an update changed. Shared by every adapter, so both log alike.
import { humanTaskChanges } from '../domain/human-task-changes.js'
import type { HumanTask } from '../domain/human-task.js'
import type { TaskStatus } from '../domain/task-status.js'
import type { ChangeRecorder } from './change-log.js'

export const TASK_STATUS_CHANGES: ChangeRecorder<TaskStatus> = {
  family: 'task-status',
  subjectColumns: { type: 'type', completionStatus: 'completion_status', launcher: 'launcher' },
  subject: (status) => ({ type: status.type ?? null, completionStatus: status.completionStatus ?? null, launcher: status.launcher ?? null }),
  updateKind: 'patch',
  // The patch as applied, with the server's own change of `modified`; without a patch
  // (a store caller that changed the document otherwise), the whole new document.
  updateChanges: (_before, after, context) => JSON.stringify(context?.patch !== undefined
    ? [...context.patch, { op: 'replace', path: '/modified', value: after.modified }]
    : [{ op: 'replace', path: '', value: after }])
}

export const HUMAN_TASK_CHANGES: ChangeRecorder<HumanTask> = {
  family: 'human-task',
  subjectColumns: { state: 'state', owner: 'owner', namespace: 'namespace' },
  subject: (task) => ({ state: task.state, owner: task.owner ?? null, namespace: task.namespace ?? null }),
  updateKind: 'update',
  updateChanges: (before, after) => JSON.stringify(humanTaskChanges(before, after))
}
