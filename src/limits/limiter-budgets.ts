import type { Authenticator } from '../auth/authenticator.js'
import type { Config } from '../config.js'
import type { LimiterBudgets } from './request-limiter.js'

/** The rate limit's budgets: per principal, per address and for failed authentications. */
export function limiterBudgets (config: Config, authenticator: Authenticator): LimiterBudgets {
  const { max, anonymousMax, windowMs, failureMax, failureWindowMs } = config.rateLimit
  return {
    principal: { max, windowMs },
    // Without credentials every caller is anonymous: an address is then what a
    // principal is otherwise.
    address: { max: authenticator.enabled ? anonymousMax : max, windowMs },
    failure: { max: failureMax, windowMs: failureWindowMs }
  }
}
