// Two editions of the API spell completionStatus differently: the documented
// edition as Success … TempError, today's clients as SUCCESS … TEMPERROR. Input may
// use either; the store keeps the documented spelling; output follows configuration.
import type { CompletionStatusCase } from '../config.js'

export const COMPLETION_STATUSES = ['Success', 'Warning', 'Error', 'Terminated', 'TempError'] as const
export type CompletionStatus = typeof COMPLETION_STATUSES[number]

const byUpper = new Map<string, CompletionStatus>(COMPLETION_STATUSES.map((status) => [status.toUpperCase(), status]))

/** The stored spelling of `value`, or undefined when it is neither edition's spelling. */
export function canonicalCompletionStatus (value: string): CompletionStatus | undefined {
  const status = byUpper.get(value.toUpperCase())
  return status !== undefined && (value === status || value === status.toUpperCase()) ? status : undefined
}

export function presentCompletionStatus (value: CompletionStatus | null, spelling: CompletionStatusCase): string | null {
  return value === null || spelling === 'title' ? value : value.toUpperCase()
}
