// How large a JSON value is, measured without serializing it and without recursion, and
// never for longer than the caller can afford: the walk stops as soon as the count
// passes `limit`, so measuring a huge value costs no more than measuring `limit` bytes.
//
// Strings count their UTF-16 code units (what they occupy in memory, and within a factor
// of three of their UTF-8 bytes); the exact stored size is checked on the serialized text.

function scalarSize (value: unknown): number {
  switch (typeof value) {
    case 'string': return value.length + 2
    case 'number': return String(value).length
    case 'boolean': return value ? 4 : 5
    default: return 4
  }
}

/**
 * The JSON size of `value` when it is at most `limit`; otherwise some number above
 * `limit` (the count when the walk stopped).
 */
export function jsonSizeWithin (value: unknown, limit: number): number {
  let size = 0
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null) {
      size += scalarSize(node)
    } else if (Array.isArray(node)) {
      // Brackets and the commas between elements.
      size += 1 + Math.max(node.length, 1)
      if (size > limit) return size
      for (const element of node) pending.push(element)
    } else {
      const keys = Object.keys(node)
      size += 1 + Math.max(keys.length, 1)
      for (const key of keys) {
        // The quoted key and its colon.
        size += key.length + 3
        if (size > limit) return size
        pending.push((node as Record<string, unknown>)[key])
      }
    }
    if (size > limit) return size
  }
  return size
}
