// RFC 7396 JSON Merge Patch. The RFC's algorithm recurses into each object member the
// patch holds; this walks the same members with a list of pending merges instead, so
// that no patch, however deep, can exhaust the stack (the body parser bounds nesting,
// but the domain does not rely on who calls it). `document` is never changed: the
// merge writes into a private copy.
//
// The RFC's traps, kept as it defines them: `null` removes a member (a merge patch cannot
// set a member to null), an array replaces the target's whole, and a patch that is not
// an object replaces the whole target.
import { jsonClone } from './json-clone.js'

type JsonObject = Record<string, unknown>

function isObject (value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Set as an own data property: a member named `__proto__` must not become a prototype.
function setMember (object: JsonObject, name: string, value: unknown): void {
  Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true })
}

/** `document` merged with `patch` (RFC 7396 §2), as a new value. */
export function applyMergePatch (document: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return jsonClone(patch)
  const result: JsonObject = isObject(document) ? jsonClone(document) : {}
  const pending: Array<{ target: JsonObject, patch: JsonObject }> = [{ target: result, patch }]
  for (let merge = pending.pop(); merge !== undefined; merge = pending.pop()) {
    for (const [name, value] of Object.entries(merge.patch)) {
      if (value === null) {
        delete merge.target[name]
      } else if (isObject(value)) {
        // A member that is not an object is replaced by an empty one first (RFC 7396 §2).
        const current = Object.hasOwn(merge.target, name) ? merge.target[name] : undefined
        const child = isObject(current) ? current : {}
        setMember(merge.target, name, child)
        pending.push({ target: child, patch: value })
      } else {
        setMember(merge.target, name, jsonClone(value))
      }
    }
  }
  return result
}

/** Whether `patch` changes nothing in an object it is applied to: it is an object without members. */
export function isEmptyMergePatch (patch: unknown): boolean {
  return isObject(patch) && Object.keys(patch).length === 0
}
