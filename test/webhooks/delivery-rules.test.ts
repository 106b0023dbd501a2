// The rules of retrying and of where a webhook may go, without a network.
import { describe, expect, it } from 'vitest'
import { backoffDelayMs, disabledReason } from '../../src/webhooks/delivery-backoff.js'
import { receiverAddresses } from '../../src/webhooks/receiver-addresses.js'
import { retryAfterMs } from '../../src/webhooks/webhook-sender.js'

describe('backoffDelayMs', () => {
  it('doubles from 5 s, with jitter between half and all of the ceiling', () => {
    expect(backoffDelayMs(1, undefined, () => 0)).toBe(2500)
    expect(backoffDelayMs(1, undefined, () => 1)).toBe(5000)
    expect(backoffDelayMs(4, undefined, () => 1)).toBe(40_000)
  })

  it('never waits more than 6 h', () => {
    expect(backoffDelayMs(60, undefined, () => 1)).toBe(6 * 3600 * 1000)
  })

  it('waits as long as Retry-After says when the receiver gave one', () => {
    expect(backoffDelayMs(3, 1234)).toBe(1234)
  })

  it('adds up to more than 3 days within 30 attempts, so the retry window is reached', () => {
    let total = 0
    for (let failures = 1; failures <= 30; failures++) total += backoffDelayMs(failures, undefined, () => 0.5)
    expect(total).toBeGreaterThan(3 * 86_400_000)
  })
})

describe('disabledReason', () => {
  it('disables on 410 at once', () => {
    expect(disabledReason(410, 'x', 0, 0, 1000)).toBe('the receiver answered 410 Gone')
  })

  it('disables once failing has lasted the retry window, and not before', () => {
    expect(disabledReason(500, 'the receiver answered 500', 0, 999, 1000)).toBeNull()
    expect(disabledReason(500, 'the receiver answered 500', 0, 1000, 1000)).toMatch(/past WEBHOOK_RETRY_WINDOW_MS: the receiver answered 500/)
  })
})

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, capped at a day', () => {
    expect(retryAfterMs('3', 0)).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0)).toBe(10_000)
    expect(retryAfterMs('999999', 0)).toBe(86_400_000)
    expect(retryAfterMs('soon', 0)).toBeUndefined()
  })
})

describe('receiverAddresses', () => {
  const refusing = receiverAddresses([])
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1'])('refuses %s', (address) => {
    expect(refusing.refusal(address)).toMatch(/WEBHOOK_ALLOWED_NETWORKS/)
  })

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('allows the public address %s', (address) => {
    expect(refusing.refusal(address)).toBeUndefined()
  })

  it('allows what WEBHOOK_ALLOWED_NETWORKS lists, and only that', () => {
    const allowing = receiverAddresses(['127.0.0.0/8', 'fd00::/8'])
    expect(allowing.refusal('127.0.0.1')).toBeUndefined()
    expect(allowing.refusal('::ffff:127.0.0.1')).toBeUndefined()
    expect(allowing.refusal('fd12::1')).toBeUndefined()
    expect(allowing.refusal('10.0.0.1')).toMatch(/WEBHOOK_ALLOWED_NETWORKS/)
  })
})
