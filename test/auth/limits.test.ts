// The limiter's parts on their own: the window table and the address a caller counts under.
import { describe, expect, it } from 'vitest'
import { bearerIdentity } from '../../src/auth/authenticator.js'
import { clientAddressKey, networkKey } from '../../src/limits/client-address.js'
import { createMemoryLimiter, type RequestLimiter, type Verdict } from '../../src/limits/request-limiter.js'
import { WindowCounters } from '../../src/limits/window-counters.js'

describe('a window table', () => {
  it('counts each key apart within the window, and starts again at zero after it', () => {
    const table = new WindowCounters(10, 1000, 100)
    expect([table.add('a', 0), table.add('a', 10), table.add('b', 20)]).toEqual([1, 2, 1])
    expect(table.count('a', 999)).toBe(2)
    expect(table.msLeft(400)).toBe(600)
    expect(table.count('a', 1000)).toBe(0)
    expect(table.add('a', 1001)).toBe(1)
  })

  it('evicts no key when full: the keys it holds keep their counts', () => {
    const table = new WindowCounters(10, 60_000, 2)
    table.add('limited', 0)
    table.add('limited', 0)
    table.add('other', 0)
    for (let index = 0; index < 5000; index++) table.add(`new-${index}`, 1)
    expect(table.count('limited', 2)).toBe(2)
  })

  it('counts no new key once full, rather than one count that every new key shares', () => {
    const table = new WindowCounters(10, 60_000, 2)
    table.add('a', 0)
    table.add('b', 0)
    for (let index = 0; index < 5000; index++) expect(table.add(`new-${index}`, 1)).toBe(0)
    expect(table.count('never-seen', 2)).toBe(0)
  })

  it('counts a new key under its group once full, each group apart', () => {
    const table = new WindowCounters(10, 60_000, 2, (key) => key.split('/')[0] ?? key)
    table.add('x/1', 0)
    table.add('y/1', 0)
    for (let index = 0; index < 30; index++) table.add(`attacker/${index}`, 1)
    expect(table.count('attacker/never-seen', 2)).toBe(30)
    expect(table.count('other/1', 2)).toBe(0)
    expect(table.add('other/1', 2)).toBe(1)
    expect(table.count('x/1', 2)).toBe(1)
  })

  it('counts no new key once its groups fill too', () => {
    const table = new WindowCounters(10, 60_000, 1, (key) => key.split('/')[0] ?? key)
    table.add('x/1', 0)
    table.add('g1/1', 0)
    expect(table.add('g2/1', 0)).toBe(0)
    expect(table.count('g2/1', 0)).toBe(0)
    expect(table.count('g1/2', 0)).toBe(1)
  })

  it('forgets its groups with its keys when the window ends', () => {
    const table = new WindowCounters(10, 1000, 1, (key) => key.split('/')[0] ?? key)
    table.add('x/1', 0)
    table.add('g/1', 0)
    expect(table.count('g/2', 999)).toBe(1)
    expect(table.count('g/2', 1000)).toBe(0)
  })
})

const FAILURE_MAX = 20
type Answer<Method extends keyof RequestLimiter> = RequestLimiter[Method] extends (...args: infer Args) => unknown ? (...args: Args) => Verdict : never
type MemoryLimiter = { [Method in 'admitPrincipal' | 'admitAnonymous' | 'failureRefusal' | 'recordFailure']: Answer<Method> }

/** The in-memory limiter with the defaults' budgets; it answers at once, never with a promise. */
function limiter (): MemoryLimiter {
  const limits = createMemoryLimiter({
    principal: { max: 30_000, windowMs: 60_000 },
    address: { max: 600, windowMs: 60_000 },
    failure: { max: FAILURE_MAX, windowMs: 60_000 }
  })
  const settled = (verdict: Verdict | Promise<Verdict>): Verdict => {
    if (verdict instanceof Promise) throw new Error('the in-memory limiter answered with a promise')
    return verdict
  }
  return {
    admitPrincipal: (principal, address) => settled(limits.admitPrincipal(principal, address)),
    admitAnonymous: (address) => settled(limits.admitAnonymous(address)),
    failureRefusal: (address, identity) => settled(limits.failureRefusal(address, identity)),
    recordFailure: (address, identity) => settled(limits.recordFailure(address, identity))
  }
}
/** The /64 numbered n of the /48 2001:db8:1::/48, as clientAddressKey writes it. */
const slash64 = (n: number): string => `2001:db8:1:${n.toString(16)}::/64`
const junkToken = (n: number): string | undefined => bearerIdentity(`Bearer junk-${n}`)
const LAUNCHER = 'client:launcher'

describe('the in-memory limiter, with every table full', () => {
  it('lets a declared client authenticate from another address after one address sent 20,030 junk tokens', () => {
    const limits = limiter()
    for (let index = 0; index < 20_030; index++) limits.recordFailure('10.0.0.1', junkToken(index))
    expect(limits.failureRefusal('10.0.0.2', LAUNCHER)).toBeUndefined()
  })

  it('keeps refusing an address over its failure budget while it records nothing more', () => {
    const limits = limiter()
    const verdicts = Array.from({ length: 20_030 }, (_, index) => limits.recordFailure('10.0.0.1', junkToken(index))?.reason)
    expect(verdicts.filter((reason) => reason === undefined)).toHaveLength(FAILURE_MAX)
    expect(limits.failureRefusal('10.0.0.1', undefined)?.reason).toBe('failures')
    expect(limits.failureRefusal('10.0.0.2', junkToken(30_000))).toBeUndefined()
  })

  it('still counts guesses of a declared client\'s secret after 1,001 addresses filled the token table with junk', () => {
    const limits = limiter()
    for (let caller = 0; caller < 1001; caller++) {
      for (let index = 0; index < FAILURE_MAX; index++) limits.recordFailure(slash64(caller), junkToken(caller * FAILURE_MAX + index))
    }
    expect(limits.failureRefusal('10.0.0.2', LAUNCHER)).toBeUndefined()
    for (let guess = 0; guess < FAILURE_MAX; guess++) expect(limits.recordFailure(`10.1.0.${guess}`, LAUNCHER)).toBeUndefined()
    expect(limits.failureRefusal('10.2.0.1', LAUNCHER)?.reason).toBe('failures')
  })

  it('admits a valid credential from another network after failures from 20,021 /64s of one /48, and refuses that /48', () => {
    const limits = limiter()
    for (let index = 0; index < 20_021; index++) limits.recordFailure(slash64(index), junkToken(index))
    expect(limits.admitPrincipal('token', '10.0.0.3')).toBeUndefined()
    expect(limits.admitPrincipal('token', '2001:db8:2:0::/64')).toBeUndefined()
    expect(limits.admitPrincipal('token', slash64(0xffff))?.reason).toBe('failures')
  })

  it('admits anonymous requests from another network after 20,600 /64s of one /48 sent one each, and refuses that /48', () => {
    const limits = limiter()
    for (let index = 0; index < 20_600; index++) limits.admitAnonymous(slash64(index))
    expect(limits.admitAnonymous('10.0.0.3')).toBeUndefined()
    expect(limits.admitAnonymous(slash64(0xffff))?.reason).toBe('requests')
  })
})

describe('the address a caller counts under', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64']
  ])('is %s → %s (an IPv6 address by its /64)', (ip, key) => {
    expect(clientAddressKey(ip)).toBe(key)
  })
})

describe('the network an address counts under once the address table is full', () => {
  it.each([
    ['10.1.2.3', '10.1.2.0/24'],
    ['2001:db8:1:2::/64', '2001:db8:1::/48'],
    ['0:0:0:0::/64', '0:0:0::/48'],
    ['', '']
  ])('is %s → %s', (address, network) => {
    expect(networkKey(address)).toBe(network)
  })
})
