// The limiter's counts in Redis (RATE_LIMIT_REDIS_URL), so that instances behind one
// load balancer share them: a guesser spreading its attempts over instances gets one
// budget, not one per instance. Each count is a key that expires with its window;
// each verdict is one script, one round trip. A Redis that cannot be reached lets
// requests through rather than refusing all of them.
import { Redis } from 'ioredis'
import type { Budget, LimiterBudgets, Refusal, RequestLimiter, Verdict } from './request-limiter.js'

const NAMESPACE = 'taskd-rate-limit:'

// KEYS[1] the count, KEYS[2] the address's failures; ARGV window ms, failure budget.
// Returns {count, ms left}, or {-1, ms left of the failures} when they are over budget.
const ADMIT = `
if KEYS[2] ~= nil and tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
  return {-1, redis.call('PTTL', KEYS[2])}
end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`

// KEYS the failure counts; ARGV failure budget. {1, ms left} when one is over it.
const FAILURES_OVER = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[1]) then return {1, redis.call('PTTL', key)} end
end
return {0, 0}`

// KEYS the failure counts, the address's first; ARGV window ms, failure budget. Adds
// one to each; {1, ms left} when one was already at its budget. An address at its
// budget adds to none: it is refused already.
const RECORD_FAILURE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[2]) then
  return {1, redis.call('PTTL', KEYS[1])}
end
local over, left = 0, 0
for _, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  if n > tonumber(ARGV[2]) and over == 0 then over, left = 1, redis.call('PTTL', key) end
end
return {over, left}`

type Reply = [number, number]
interface Scripts {
  taskdAdmit: (keyCount: number, ...args: Array<string | number>) => Promise<Reply>
  taskdFailuresOver: (keyCount: number, ...args: Array<string | number>) => Promise<Reply>
  taskdRecordFailure: (keyCount: number, ...args: Array<string | number>) => Promise<Reply>
}

export function createRedisLimiter (url: string, budgets: LimiterBudgets, onUnreachable: (error: Error) => void): RequestLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
  redis.on('error', onUnreachable)
  redis.defineCommand('taskdAdmit', { lua: ADMIT })
  redis.defineCommand('taskdFailuresOver', { lua: FAILURES_OVER })
  redis.defineCommand('taskdRecordFailure', { lua: RECORD_FAILURE })
  const scripts = redis as unknown as Scripts
  const failure = budgets.failure

  const refusal = (reason: Refusal['reason'], budget: Budget, msLeft: number): Refusal => ({ reason, budget, retryAfterMs: msLeft > 0 ? msLeft : budget.windowMs })
  const failureKeys = (address: string, identity: string | undefined): string[] =>
    identity === undefined ? [`${NAMESPACE}failed-address:${address}`] : [`${NAMESPACE}failed-address:${address}`, `${NAMESPACE}failed-identity:${identity}`]

  async function admit (key: string, budget: Budget, address: string | undefined): Promise<Verdict> {
    try {
      const keys = address === undefined ? [key] : [key, `${NAMESPACE}failed-address:${address}`]
      const [count, msLeft] = await scripts.taskdAdmit(keys.length, ...keys, budget.windowMs, failure.max)
      if (count === -1) return refusal('failures', failure, msLeft)
      return count > budget.max ? refusal('requests', budget, msLeft) : undefined
    } catch (error) {
      onUnreachable(error as Error)
      return undefined
    }
  }

  async function failures (script: Scripts['taskdRecordFailure'], address: string, identity: string | undefined, ...args: number[]): Promise<Verdict> {
    try {
      const keys = failureKeys(address, identity)
      const [over, msLeft] = await script.call(redis, keys.length, ...keys, ...args)
      return over === 1 ? refusal('failures', failure, msLeft) : undefined
    } catch (error) {
      onUnreachable(error as Error)
      return undefined
    }
  }

  return {
    admitPrincipal: async (principal, address) => await admit(`${NAMESPACE}principal:${principal}`, budgets.principal, address),
    admitAnonymous: async (address) => await admit(`${NAMESPACE}address:${address}`, budgets.address, undefined),
    failureRefusal: async (address, identity) => await failures(scripts.taskdFailuresOver, address, identity, failure.max),
    recordFailure: async (address, identity) => await failures(scripts.taskdRecordFailure, address, identity, failure.windowMs, failure.max),
    // Without the offline queue a command sent before the connection is up fails, and
    // its request is let through uncounted: the app waits for it before it serves.
    ready: async (timeoutMs) => {
      if (redis.status === 'ready') return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs)
        function done (): void {
          clearTimeout(timer)
          redis.off('ready', done)
          resolve()
        }
        redis.once('ready', done)
      })
    },
    close: () => { redis.disconnect() }
  }
}
