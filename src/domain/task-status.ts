// The TaskStatus document: how a new one is built, the canonical form it is stored
// in, and the check every document passes before it is stored.
import { randomBytes } from 'node:crypto'
import type { CompletionStatusCase } from '../config.js'
import { InvalidDocumentError } from '../errors.js'
import type { components } from '../generated/openapi.js'
import { compileComponentSchema, describeSchemaError } from '../spec-schemas.js'
import { canonicalCompletionStatus, presentCompletionStatus, type CompletionStatus } from './completion-status.js'

export type TaskStatus = components['schemas']['TaskStatus']
export type TaskStatusCreate = components['schemas']['TaskStatusCreate']

const validateTaskStatusDocument = compileComponentSchema<TaskStatus>('TaskStatus')

/** 32 lowercase hexadecimal characters, as the Task Management API's ids are. */
export function newTaskStatusId (): string {
  return randomBytes(16).toString('hex')
}

// Date-times are stored as UTC with milliseconds so that text order is time order,
// which lets the stores compare and sort them as plain strings.
function canonicalDateTime (field: string, value: string | null): string | null {
  if (value === null) return null
  const time = new Date(value)
  if (Number.isNaN(time.getTime())) throw new InvalidDocumentError(`/${field} is not a valid date-time`)
  return time.toISOString()
}

/**
 * How deeply arrays and objects may nest in a task status, the document itself being
 * level 1. The stores read documents with their JSON functions, and SQLite's refuse
 * JSON nested 1000 deep: such a document could be neither stored nor listed.
 */
export const MAX_NESTING_DEPTH = 100

// Without recursion: a refused document may be nested deeply enough to exhaust the stack.
function nestsDeeperThan (document: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[document, 1]]
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number]
    if (typeof node !== 'object' || node === null) continue
    if (depth > limit) return true
    for (const child of Object.values(node)) pending.push([child, depth + 1])
  }
  return false
}

/** Checks `document` against the TaskStatus schema and returns it in stored form. */
export function canonicalTaskStatus (document: unknown): TaskStatus {
  if (nestsDeeperThan(document, MAX_NESTING_DEPTH)) {
    throw new InvalidDocumentError(`the document nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels`)
  }
  if (!validateTaskStatusDocument(document)) {
    throw new InvalidDocumentError(describeSchemaError(validateTaskStatusDocument.errors))
  }
  const status = document.completionStatus
  return {
    ...document,
    launched: canonicalDateTime('launched', document.launched),
    completed: canonicalDateTime('completed', document.completed),
    completionStatus: status === null ? null : (canonicalCompletionStatus(status) ?? null)
  }
}

export function createTaskStatus (input: TaskStatusCreate, id: string, now: Date): TaskStatus {
  const timestamp = now.toISOString()
  return canonicalTaskStatus({
    id,
    type: input.type,
    uniqueName: input.uniqueName,
    description: input.description,
    parentName: input.parentName ?? null,
    launcher: input.launcher,
    ...(input.target !== undefined && { target: input.target }),
    created: timestamp,
    modified: timestamp,
    launched: input.launched ?? null,
    completed: input.completed ?? null,
    completionStatus: input.completionStatus ?? null,
    messages: input.messages ?? [],
    returns: input.returns ?? [],
    attributes: input.attributes ?? {},
    progress: input.progress ?? null,
    percentComplete: input.percentComplete ?? 0,
    ...(input.taskDefinitionSummary !== undefined && { taskDefinitionSummary: input.taskDefinitionSummary })
  })
}

/** The document as a response shows it: completionStatus in the configured spelling. */
export function presentTaskStatus (document: TaskStatus, spelling: CompletionStatusCase): TaskStatus {
  if (spelling === 'title' || document.completionStatus === null) return document
  return {
    ...document,
    completionStatus: presentCompletionStatus(document.completionStatus as CompletionStatus, spelling) as TaskStatus['completionStatus']
  }
}
