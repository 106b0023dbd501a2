// PATCH /task-status/{id}: a JSON Patch or a JSON Merge Patch applied to a stored
// TaskStatus. The generic rules (atomicity, pointer safety, the merge) are in
// json-patch.ts and json-merge-patch.ts; this adds what is particular to a task status:
// its server-owned fields, and a valid document as the result.
import { MergePatchForbiddenFieldError, PatchForbiddenPathError } from '../errors.js'
import { applyMergePatch } from './json-merge-patch.js'
import { applyJsonPatch, pointerSegments, type JsonPatchOperation, type PatchLimits } from './json-patch.js'
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
 * The bounds a patch of a task status works within: the document may not grow past
 * the store's bound on the way, and the work the operations do (cloning, comparing,
 * shifting) may not pass eight such documents.
 */
export function taskStatusPatchLimits (maxBytes: number): PatchLimits {
  return { maxDocumentSize: maxBytes, maxWork: 8 * maxBytes }
}

/**
 * The task status after `patch`, validated and in stored form, with `modified` set
 * to `now`. Throws the catalog's patch errors; `current` is never changed.
 */
export function applyTaskStatusPatch (current: TaskStatus, patch: readonly JsonPatchOperation[], now: Date, limits?: PatchLimits): TaskStatus {
  refuseServerOwnedChanges(patch)
  const patched = canonicalTaskStatus(applyJsonPatch(current, patch, limits))
  return { ...patched, modified: now.toISOString() }
}

/**
 * The task status after the merge patch `patch` (RFC 7396), validated and in stored form,
 * with `modified` set to `now`. A patch that names a server-owned field is refused, even
 * with the field's current value; a patch that is not an object replaces the whole
 * document, which then is no task status. `current` is never changed.
 */
export function applyTaskStatusMergePatch (current: TaskStatus, patch: unknown, now: Date): TaskStatus {
  if (typeof patch === 'object' && patch !== null && !Array.isArray(patch)) {
    const field = Object.keys(patch).find((name) => SERVER_OWNED.has(name))
    if (field !== undefined) throw new MergePatchForbiddenFieldError(field)
  }
  const patched = canonicalTaskStatus(applyMergePatch(current, patch))
  return { ...patched, modified: now.toISOString() }
}
