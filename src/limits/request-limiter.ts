// What taskd counts, and when it says no. Three budgets, each per fixed window:
//
// - requests of an authenticated principal (RATE_LIMIT_MAX), counted by the security
//   handler once the credential is verified;
// - requests without one, per client address (RATE_LIMIT_ANONYMOUS_MAX; RATE_LIMIT_MAX
//   when no credentials are configured, since every caller is then anonymous);
// - failed authentications (AUTH_FAILURE_MAX), per address and per credential
//   presented. Past that budget an address gets 429 for every attempt, a right one
//   included, until the window ends: a guesser must not learn from a 200 or a 403
//   that its guess was right.
//
// The in-memory limiter answers synchronously, so the request path never awaits it;
// the Redis one (RATE_LIMIT_REDIS_URL) answers with a promise.
import type { FastifyReply } from 'fastify'
import { AuthFailuresLimitedError, RateLimitedError } from '../errors.js'
import { WindowCounters } from './window-counters.js'

export interface Budget { max: number, windowMs: number }

export interface LimiterBudgets {
  principal: Budget
  address: Budget
  failure: Budget
}

/** Why a request is refused, and for how long. */
export interface Refusal {
  reason: 'requests' | 'failures'
  budget: Budget
  retryAfterMs: number
}

/** undefined lets the request through. */
export type Verdict = Refusal | undefined

export interface RequestLimiter {
  /** Counts a request of `principal`; refused past its budget or when `address` is over its failures. */
  admitPrincipal: (principal: string, address: string) => Verdict | Promise<Verdict>
  /** Counts a request without a principal from `address`. */
  admitAnonymous: (address: string) => Verdict | Promise<Verdict>
  /** Refused when `address`, or the credential `identity`, has used its failure budget. */
  failureRefusal: (address: string, identity: string | undefined) => Verdict | Promise<Verdict>
  /** Counts a failed authentication; refused when that goes past either budget. */
  recordFailure: (address: string, identity: string | undefined) => Verdict | Promise<Verdict>
  /** Resolves once the limiter can count (at once in memory; when Redis answers, or after `timeoutMs` without it). */
  ready: (timeoutMs: number) => Promise<void>
  close: () => void
}

// Each table holds at most this many keys a window (about 160 bytes each): the four
// of them stay under about 13 MB whatever arrives.
export const TABLE_CAPACITY = 20_000

export function createMemoryLimiter (budgets: LimiterBudgets): RequestLimiter {
  const principals = new WindowCounters(budgets.principal.max, budgets.principal.windowMs, TABLE_CAPACITY)
  const addresses = new WindowCounters(budgets.address.max, budgets.address.windowMs, TABLE_CAPACITY)
  const failedAddresses = new WindowCounters(budgets.failure.max, budgets.failure.windowMs, TABLE_CAPACITY)
  const failedIdentities = new WindowCounters(budgets.failure.max, budgets.failure.windowMs, TABLE_CAPACITY)

  function refusal (reason: Refusal['reason'], table: WindowCounters, now: number): Refusal {
    return { reason, budget: { max: table.max, windowMs: table.windowMs }, retryAfterMs: table.msLeft(now) }
  }

  function failuresOver (address: string, identity: string | undefined, now: number): Verdict {
    if (failedAddresses.count(address, now) >= failedAddresses.max) return refusal('failures', failedAddresses, now)
    if (identity !== undefined && failedIdentities.count(identity, now) >= failedIdentities.max) return refusal('failures', failedIdentities, now)
    return undefined
  }

  return {
    admitPrincipal (principal, address) {
      const now = Date.now()
      if (failedAddresses.count(address, now) >= failedAddresses.max) return refusal('failures', failedAddresses, now)
      return principals.add(principal, now) > principals.max ? refusal('requests', principals, now) : undefined
    },

    admitAnonymous (address) {
      const now = Date.now()
      return addresses.add(address, now) > addresses.max ? refusal('requests', addresses, now) : undefined
    },

    failureRefusal (address, identity) {
      return failuresOver(address, identity, Date.now())
    },

    recordFailure (address, identity) {
      const now = Date.now()
      const verdict = failuresOver(address, identity, now)
      failedAddresses.add(address, now)
      if (identity !== undefined) failedIdentities.add(identity, now)
      return verdict
    },

    ready: async () => {},
    close () {}
  }
}

function describeWindow (ms: number): string {
  for (const [unit, size] of [['hour', 3_600_000], ['minute', 60_000], ['second', 1000]] as const) {
    if (ms % size === 0) return ms === size ? unit : `${ms / size} ${unit}s`
  }
  return `${ms} ms`
}

/** The catalog error that answers `refusal`, with its Retry-After set on `reply`. */
export function refusalError (reply: FastifyReply, refusal: Refusal): Error {
  reply.header('retry-after', String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))))
  const window = describeWindow(refusal.budget.windowMs)
  return refusal.reason === 'requests' ? new RateLimitedError(refusal.budget.max, window) : new AuthFailuresLimitedError(refusal.budget.max, window)
}
