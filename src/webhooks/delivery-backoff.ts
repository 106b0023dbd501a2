// When a failing subscription is tried again: exponential backoff with jitter, from 5 s
// to at most 6 h between attempts (about 20 attempts in the default 3-day window), or
// the receiver's Retry-After when it gave one; and when failing has gone on long enough
// that the subscription is disabled.

const FIRST_DELAY_MS = 5000
const MAX_DELAY_MS = 6 * 3600 * 1000

/** The wait before the next attempt after `failures` failures in a row (1 or more). */
export function backoffDelayMs (failures: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - 1, 30))
  // "Equal jitter": at least half the ceiling, so a receiver that is down is not hammered,
  // spread over the other half, so subscriptions that failed together do not retry together.
  return Math.round(ceiling / 2 + random() * ceiling / 2)
}

/** Why the subscription is disabled after this failure, or null while it is retried. */
export function disabledReason (status: number | null, error: string, failingSinceMs: number, now: number, retryWindowMs: number): string | null {
  if (status === 410) return 'the receiver answered 410 Gone'
  if (now - failingSinceMs >= retryWindowMs) return `failing since ${new Date(failingSinceMs).toISOString()}, past WEBHOOK_RETRY_WINDOW_MS: ${error}`
  return null
}
