// What taskd counts, and when it says no. Three budgets, each per fixed window:
//
// - requests of an authenticated principal (RATE_LIMIT_MAX), counted by the security
//   handler once the credential is verified;
// - requests without one, per client address (RATE_LIMIT_ANONYMOUS_MAX; RATE_LIMIT_MAX
//   when no credentials are configured, since every caller is then anonymous);
// - failed authentications (AUTH_FAILURE_MAX), per address and per credential
//   presented. Past that budget an address gets 429 for every attempt, a right one
//   included, until the window ends: a guesser must not learn from a 200 or a 403
//   that its guess was right. An address over it adds to no count: it is refused
//   already, and its attempts must not fill the tables that count everyone else.
//
// The in-memory limiter answers synchronously, so the request path never awaits it;
// the Redis one (RATE_LIMIT_REDIS_URL) answers with a promise.
import type { FastifyReply } from 'fastify'
import { AuthFailuresLimitedError, RateLimitedError } from '../errors.js'
import { networkKey } from './client-address.js'
import { WindowCounters } from './window-counters.js'

export interface Budget { max: number, windowMs: number }

/** How a declared OAuth client's failure identity begins (a token's begins `token:`). */
export const CLIENT_IDENTITY = 'client:'

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

// Each table holds at most this many keys a window (an address table as many networks
// again besides), so that what the limiter holds is bounded whatever arrives (README.md
// gives the measured total).
export const TABLE_CAPACITY = 20_000

export function createMemoryLimiter (budgets: LimiterBudgets): RequestLimiter {
  // Principals are verified credentials: no caller can make up new ones to fill their
  // table. Addresses can be made up (an IPv6 /48 holds 65,536 /64s): once their table
  // is full, a new one is counted under its network, so that whoever filled it shares
  // a count only with its own network.
  const principals = new WindowCounters(budgets.principal.max, budgets.principal.windowMs, TABLE_CAPACITY)
  const addresses = new WindowCounters(budgets.address.max, budgets.address.windowMs, TABLE_CAPACITY, networkKey)
  const failedAddresses = new WindowCounters(budgets.failure.max, budgets.failure.windowMs, TABLE_CAPACITY, networkKey)
  // Declared clients have a table of their own, which only they can enter, so that no
  // number of made-up tokens leaves a client's secret to be guessed uncounted. A wrong
  // token the full token table cannot count is still counted against its address.
  const failedClients = new WindowCounters(budgets.failure.max, budgets.failure.windowMs, TABLE_CAPACITY)
  const failedTokens = new WindowCounters(budgets.failure.max, budgets.failure.windowMs, TABLE_CAPACITY)
  const identityTable = (identity: string): WindowCounters => identity.startsWith(CLIENT_IDENTITY) ? failedClients : failedTokens

  function refusal (reason: Refusal['reason'], table: WindowCounters, now: number): Refusal {
    return { reason, budget: { max: table.max, windowMs: table.windowMs }, retryAfterMs: table.msLeft(now) }
  }

  function addressOver (address: string, now: number): Verdict {
    return failedAddresses.count(address, now) >= failedAddresses.max ? refusal('failures', failedAddresses, now) : undefined
  }

  function identityOver (identity: string | undefined, now: number): Verdict {
    if (identity === undefined) return undefined
    const table = identityTable(identity)
    return table.count(identity, now) >= table.max ? refusal('failures', table, now) : undefined
  }

  return {
    admitPrincipal (principal, address) {
      const now = Date.now()
      return addressOver(address, now) ?? (principals.add(principal, now) > principals.max ? refusal('requests', principals, now) : undefined)
    },

    admitAnonymous (address) {
      const now = Date.now()
      return addresses.add(address, now) > addresses.max ? refusal('requests', addresses, now) : undefined
    },

    failureRefusal (address, identity) {
      const now = Date.now()
      return addressOver(address, now) ?? identityOver(identity, now)
    },

    recordFailure (address, identity) {
      const now = Date.now()
      const overAlready = addressOver(address, now)
      if (overAlready !== undefined) return overAlready
      const verdict = identityOver(identity, now)
      failedAddresses.add(address, now)
      if (identity !== undefined) identityTable(identity).add(identity, now)
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
