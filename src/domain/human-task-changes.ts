// What a change did to a human task, property by property, for its history: each
// top-level property whose value differs, with its old and new value, and each custom
// property set or changed on its own (they merge, so one is never "the" change).
import type { HumanTask } from './human-task.js'

export interface HumanTaskPropertyChange {
  property: string
  /** The custom property's name, when `property` is customProperties. */
  name?: string
  oldValue: unknown
  newValue: unknown
}

function same (a: unknown, b: unknown): boolean {
  // Properties are scalars, or (customProperties, handled apart) a flat map.
  return a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b))
}

export function humanTaskChanges (before: HumanTask, after: HumanTask): HumanTaskPropertyChange[] {
  const changes: HumanTaskPropertyChange[] = []
  const properties = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof HumanTask>
  for (const property of properties) {
    if (property === 'customProperties') continue
    const oldValue = before[property] ?? null
    const newValue = after[property] ?? null
    if (!same(oldValue, newValue)) changes.push({ property, oldValue, newValue })
  }
  const oldCustom = before.customProperties ?? {}
  const newCustom = after.customProperties ?? {}
  for (const name of new Set([...Object.keys(oldCustom), ...Object.keys(newCustom)])) {
    const oldValue = oldCustom[name] ?? null
    const newValue = newCustom[name] ?? null
    if (oldValue !== newValue) changes.push({ property: 'customProperties', name, oldValue, newValue })
  }
  return changes
}
