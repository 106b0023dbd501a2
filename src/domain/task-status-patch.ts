// PATCH /task-status/{id}: a JSON Patch applied to a stored TaskStatus. The generic
// rules (atomicity, pointer safety) are in json-patch.ts; this adds what is particular
// to a task status: its server-owned fields, and a valid document as the result.
import { PatchForbiddenPathError } from '../errors.js'
import { applyJsonPatch, pointerSegments, type JsonPatchOperation } from './json-patch.js'
import { canonicalTaskStatus, type TaskStatus } from './task-status.js'

const SERVER_OWNED = new Set(['id', 'created', 'modified'])
const WRITES_PATH = new Set(['add', 'remove', 'replace', 'move', 'copy'])

function changedField (pointer: unknown): string | undefined {
  if (typeof pointer !== 'string') return undefined
  const [field] = pointerSegments(pointer)
  if (field === undefined) return 'the whole document'
  return SERVER_OWNED.has(field) ? `/${field}` : undefined
}

function refuseServerOwnedChanges (patch: readonly JsonPatchOperation[]): void {
  for (const operation of patch) {
    const written = WRITES_PATH.has(operation.op) ? changedField(operation.path) : undefined
    // `move` also removes what it moves.
    const removed = operation.op === 'move' ? changedField(operation.from) : undefined
    const field = written ?? removed
    if (field !== undefined) throw new PatchForbiddenPathError(`${field}: it is set by the server`)
  }
}

/**
 * The task status after `patch`, validated and in stored form, with `modified` set
 * to `now`. Throws the catalog's patch errors; `current` is never changed.
 */
export function applyTaskStatusPatch (current: TaskStatus, patch: readonly JsonPatchOperation[], now: Date): TaskStatus {
  refuseServerOwnedChanges(patch)
  const patched = canonicalTaskStatus(applyJsonPatch(current, patch))
  return { ...patched, modified: now.toISOString() }
}
