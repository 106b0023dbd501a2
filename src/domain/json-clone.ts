// A deep copy of a JSON value (objects, arrays, strings, numbers, booleans, null), for
// the patch layers that change a private copy of a stored document. structuredClone
// handles every type the structured clone algorithm knows, and pays for it: on the
// benchmark's 2.8 KB task status it took 23 µs a copy, seven times this walk, and a PATCH
// made one each. rfdc is as fast but copies a member named `__proto__` by assignment,
// which sets the copy's prototype instead. Without recursion, as json-size.ts measures:
// a deeply nested value cannot exhaust the stack.

type Container = Record<string, unknown> | unknown[]

function emptyLike (value: Container): Container {
  return Array.isArray(value) ? new Array<unknown>(value.length) : {}
}

/** A copy of `value` that shares no object or array with it. */
export function jsonClone<T> (value: T): T {
  if (typeof value !== 'object' || value === null) return value
  const root = emptyLike(value as Container)
  const pending: Array<{ source: Container, target: Container }> = [{ source: value as Container, target: root }]
  const copyOf = (member: unknown): unknown => {
    if (typeof member !== 'object' || member === null) return member
    const target = emptyLike(member as Container)
    pending.push({ source: member as Container, target })
    return target
  }
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { source, target } = next
    if (Array.isArray(source)) {
      const copy = target as unknown[]
      for (let index = 0; index < source.length; index++) copy[index] = copyOf(source[index])
      continue
    }
    const copy = target as Record<string, unknown>
    for (const name of Object.keys(source)) {
      const member = copyOf(source[name])
      // An own data property: a member named `__proto__` must not become a prototype.
      if (name === '__proto__') Object.defineProperty(copy, name, { value: member, writable: true, enumerable: true, configurable: true })
      else copy[name] = member
    }
  }
  return root as T
}
