import { createTaskStatus, newTaskStatusId, type TaskStatus, type TaskStatusCreate } from '../../src/domain/task-status.js'

export const CREATE_BODY: TaskStatusCreate = {
  type: 'QUARTZ',
  uniqueName: 'Cloud Account Aggregation',
  description: 'Aggregate from the specified application',
  launcher: 'support'
}

/** A stored-form task status, as the domain builds it. */
export function taskStatus (overrides: Partial<TaskStatusCreate> = {}, created = new Date()): TaskStatus {
  return createTaskStatus({ ...CREATE_BODY, ...overrides }, newTaskStatusId(), created)
}
