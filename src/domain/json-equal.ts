// JSON equality as RFC 6902 §4.6 defines it for the `test` operation, decided within a
// budget. rfc6902 decides `test` by computing a diff of the two values, which for arrays
// is an edit-distance table: quadratic in their lengths, and recursive. Equality needs
// neither: one walk over both values, stopping at the first difference.

/** Thrown when deciding would visit more than the budget allows. */
export class ComparisonBudgetExceeded extends Error {}

/**
 * Whether `a` and `b` are equal JSON values: the same type; strings, numbers and
 * literals alike; arrays of equal elements in order; objects with the same member names
 * and equal values whatever their order. Each node visited and each member name read
 * costs one unit of `budget.remaining`; past zero, ComparisonBudgetExceeded is thrown.
 */
export function jsonEqual (a: unknown, b: unknown, budget: { remaining: number }): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]]
  while (pending.length > 0) {
    const [left, right] = pending.pop() as [unknown, unknown]
    if ((budget.remaining -= 1) < 0) throw new ComparisonBudgetExceeded()
    if (typeof left !== 'object' || left === null || typeof right !== 'object' || right === null) {
      if (left !== right) return false
      continue
    }
    if (Array.isArray(left) !== Array.isArray(right)) return false
    if (Array.isArray(left)) {
      const other = right as unknown[]
      if (left.length !== other.length) return false
      for (let index = 0; index < left.length; index++) pending.push([left[index], other[index]])
      continue
    }
    const leftKeys = Object.keys(left)
    const rightObject = right as Record<string, unknown>
    if ((budget.remaining -= leftKeys.length) < 0) throw new ComparisonBudgetExceeded()
    for (const key of leftKeys) {
      if (!Object.hasOwn(rightObject, key)) return false
      pending.push([(left as Record<string, unknown>)[key], rightObject[key]])
    }
    // Every name of `left` is in `right`; equal counts leave no name of `right` out.
    let rightCount = 0
    for (const key in rightObject) {
      if (!Object.hasOwn(rightObject, key)) continue
      if ((budget.remaining -= 1) < 0) throw new ComparisonBudgetExceeded()
      if (++rightCount > leftKeys.length) return false
    }
    if (rightCount !== leftKeys.length) return false
  }
  return true
}
