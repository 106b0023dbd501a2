// The limiter's parts on their own: the window table and the address a caller counts under.
import { describe, expect, it } from 'vitest'
import { clientAddressKey } from '../../src/limits/client-address.js'
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

  it('evicts no key when full: new keys share one overflow count, and the keys it holds keep theirs', () => {
    const table = new WindowCounters(10, 60_000, 2)
    table.add('limited', 0)
    table.add('limited', 0)
    table.add('other', 0)
    for (let index = 0; index < 5000; index++) table.add(`new-${index}`, 1)
    expect(table.count('limited', 2)).toBe(2)
    expect(table.count('never-seen', 2)).toBe(5000)
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
