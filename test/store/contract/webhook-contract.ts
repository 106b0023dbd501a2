// The webhook half of the storage contract, run against every adapter: subscriptions,
// their delivery state, the lease one instance at a time holds, and the delivery log.
import { describe, expect, it } from 'vitest'
import { MAX_DELIVERY_RECORDS, type WebhookDeliveryRecord, type WebhookDeliveryState, type WebhookSubscription } from '../../../src/store/webhook-repository.js'
import { fresh, type StoreFactory } from './task-status-contract.js'

let count = 0
function subscription (fields: Partial<WebhookSubscription> = {}): WebhookSubscription {
  count++
  return {
    id: `wh-${count}-${Math.random().toString(36).slice(2, 8)}`,
    url: 'https://example.com/hook',
    eventTypes: ['task-status.created'],
    filter: null,
    payload: 'thin',
    secrets: [{ secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0', created: '2026-01-01T00:00:00.000Z', expires: null }],
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    ...fields
  }
}

function delivery (sequence: number): WebhookDeliveryRecord {
  return { webhookId: `x_${sequence}`, eventType: 'task-status.created', sequence, attempt: 1, time: '2026-01-01T00:00:00.000Z', status: 200, outcome: 'delivered', latencyMs: 3, error: null }
}

const state = (fields: Partial<WebhookDeliveryState> = {}): WebhookDeliveryState =>
  ({ cursor: 0, failures: 0, failingSince: null, nextAttemptAt: 0, disabledReason: null, ...fields })

export function webhookContract (makeStore: StoreFactory): void {
  describe('webhooks: subscriptions', () => {
    it('insert(subscription, cursor) stores it with its cursor, no failures, due at once', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      expect(await store.webhooks.insert(created, 42)).toBe(true)
      expect(await store.webhooks.get(created.id)).toEqual({ subscription: created, state: state({ cursor: 42 }) })
    })

    it('get(id) resolves to undefined for an unknown id', async () => {
      const store = await fresh(makeStore)
      expect(await store.webhooks.get('nope')).toBeUndefined()
    })

    it('list() gives every subscription, oldest first', async () => {
      const store = await fresh(makeStore)
      const first = subscription()
      const second = subscription()
      await store.webhooks.insert(first, 0)
      await store.webhooks.insert(second, 0)
      expect((await store.webhooks.list()).map((stored) => stored.subscription.id)).toEqual([first.id, second.id])
    })

    it('update(id, change) stores the changed subscription and keeps the state when change returns none', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 7)
      const updated = await store.webhooks.update(created.id, (current) => ({ subscription: { ...current.subscription, url: 'https://example.org/' } }))
      expect(updated?.subscription.url).toBe('https://example.org/')
      expect(await store.webhooks.get(created.id)).toEqual({ subscription: { ...created, url: 'https://example.org/' }, state: state({ cursor: 7 }) })
    })

    it('update(id, change) replaces the state when change returns one', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 7)
      await store.webhooks.update(created.id, (current) => ({ subscription: current.subscription, state: state({ cursor: 3 }) }))
      expect((await store.webhooks.get(created.id))?.state.cursor).toBe(3)
    })

    it('update(id, change) resolves to undefined for an unknown id', async () => {
      const store = await fresh(makeStore)
      expect(await store.webhooks.update('nope', (current) => current)).toBeUndefined()
    })

    it('delete(id) removes the subscription and reports whether there was one', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      expect(await store.webhooks.delete(created.id)).toBe(true)
      expect(await store.webhooks.get(created.id)).toBeUndefined()
      expect(await store.webhooks.delete(created.id)).toBe(false)
    })
  })

  describe('webhooks: leases', () => {
    it('claim() takes due subscriptions for one owner; another owner gets none until the lease expires', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      expect((await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 10, head: 1, except: [] })).map((stored) => stored.subscription.id)).toEqual([created.id])
      expect(await store.webhooks.claim('b', { now: 1500, leaseUntil: 2500, limit: 10, head: 1, except: [] })).toEqual([])
      expect((await store.webhooks.claim('b', { now: 2000, leaseUntil: 3000, limit: 10, head: 1, except: [] })).map((stored) => stored.subscription.id)).toEqual([created.id])
    })

    it('claim() takes back a subscription its owner still holds but is not delivering to, before the lease expires', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 10, head: 1, except: [] })
      expect(await store.webhooks.claim('a', { now: 1500, leaseUntil: 9500, limit: 10, head: 1, except: [created.id] })).toEqual([])
      expect((await store.webhooks.claim('a', { now: 1500, leaseUntil: 9500, limit: 10, head: 1, except: [] })).map((stored) => stored.subscription.id)).toEqual([created.id])
      expect(await store.webhooks.claim('b', { now: 9000, leaseUntil: 12_000, limit: 10, head: 1, except: [] })).toEqual([])
    })

    it('claim() leaves out subscriptions not yet due, disabled ones and those the caller excepts', async () => {
      const store = await fresh(makeStore)
      const later = subscription()
      const disabled = subscription()
      const excepted = subscription()
      for (const created of [later, disabled, excepted]) await store.webhooks.insert(created, 0)
      await store.webhooks.update(later.id, (current) => ({ subscription: current.subscription, state: state({ nextAttemptAt: 5000 }) }))
      await store.webhooks.update(disabled.id, (current) => ({ subscription: current.subscription, state: state({ disabledReason: 'gone' }) }))
      expect(await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 10, head: 1, except: [excepted.id] })).toEqual([])
    })

    it('claim() leaves out subscriptions whose cursor is at the head: nothing to deliver', async () => {
      const store = await fresh(makeStore)
      await store.webhooks.insert(subscription(), 5)
      expect(await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 10, head: 5, except: [] })).toEqual([])
      expect(await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 10, head: 6, except: [] })).toHaveLength(1)
    })

    it('claim() takes at most limit subscriptions', async () => {
      const store = await fresh(makeStore)
      for (let index = 0; index < 3; index++) await store.webhooks.insert(subscription(), 0)
      expect(await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 2, head: 1, except: [] })).toHaveLength(2)
    })

    it('two owners claiming at once never get the same subscription', async () => {
      const store = await fresh(makeStore)
      for (let index = 0; index < 6; index++) await store.webhooks.insert(subscription(), 0)
      const [a, b] = await Promise.all([store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 6, head: 1, except: [] }), store.webhooks.claim('b', { now: 1000, leaseUntil: 9000, limit: 6, head: 1, except: [] })])
      const ids = [...(a ?? []), ...(b ?? [])].map((stored) => stored.subscription.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids).toHaveLength(6)
    })

    it('settle() by the lease holder writes the state and the deliveries; null releases the lease', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 1, head: 1, except: [] })
      expect(await store.webhooks.settle(created.id, 'a', { state: state({ cursor: 5 }), deliveries: [delivery(5)], leaseUntil: null })).toBe(true)
      expect((await store.webhooks.get(created.id))?.state.cursor).toBe(5)
      expect(await store.webhooks.deliveries(created.id, 10)).toEqual([delivery(5)])
      expect(await store.webhooks.claim('b', { now: 1000, leaseUntil: 9000, limit: 1, head: 6, except: [] })).toHaveLength(1)
    })

    it('settle() by an owner that lost the lease writes nothing', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 2000, limit: 1, head: 1, except: [] })
      await store.webhooks.claim('b', { now: 2000, leaseUntil: 9000, limit: 1, head: 1, except: [] })
      expect(await store.webhooks.settle(created.id, 'a', { state: state({ cursor: 5 }), deliveries: [delivery(5)], leaseUntil: null })).toBe(false)
      expect((await store.webhooks.get(created.id))?.state.cursor).toBe(0)
      expect(await store.webhooks.deliveries(created.id, 10)).toEqual([])
    })
  })

  describe('webhooks: delivery log', () => {
    it('deliveries(id, limit) gives the newest first and keeps only the newest MAX_DELIVERY_RECORDS', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 1, head: 1, except: [] })
      const records = Array.from({ length: MAX_DELIVERY_RECORDS + 5 }, (_, index) => delivery(index + 1))
      await store.webhooks.settle(created.id, 'a', { state: state(), deliveries: records, leaseUntil: 9000 })
      const kept = await store.webhooks.deliveries(created.id, 1000)
      expect(kept).toHaveLength(MAX_DELIVERY_RECORDS)
      expect(kept[0]?.sequence).toBe(MAX_DELIVERY_RECORDS + 5)
      expect(kept.at(-1)?.sequence).toBe(6)
    })

    it('recordDeliveries(id, deliveries) adds to the log without a lease and leaves the state and the lease alone', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 3)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 1, head: 4, except: [] })
      expect(await store.webhooks.recordDeliveries(created.id, [delivery(2)])).toBe(true)
      expect(await store.webhooks.deliveries(created.id, 10)).toEqual([delivery(2)])
      expect((await store.webhooks.get(created.id))?.state).toEqual(state({ cursor: 3 }))
      expect(await store.webhooks.settle(created.id, 'a', { state: state({ cursor: 4 }), deliveries: [], leaseUntil: null })).toBe(true)
    })

    it('recordDeliveries(id, deliveries) keeps only the newest MAX_DELIVERY_RECORDS', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.recordDeliveries(created.id, Array.from({ length: MAX_DELIVERY_RECORDS + 1 }, (_, index) => delivery(index + 1)))
      const kept = await store.webhooks.deliveries(created.id, 1000)
      expect(kept).toHaveLength(MAX_DELIVERY_RECORDS)
      expect(kept.at(-1)?.sequence).toBe(2)
    })

    it('recordDeliveries(id, deliveries) resolves to false for an unknown id and writes nothing', async () => {
      const store = await fresh(makeStore)
      expect(await store.webhooks.recordDeliveries('nope', [delivery(1)])).toBe(false)
      expect(await store.webhooks.deliveries('nope', 10)).toEqual([])
    })

    it('delete(id) removes the delivery log too', async () => {
      const store = await fresh(makeStore)
      const created = subscription()
      await store.webhooks.insert(created, 0)
      await store.webhooks.claim('a', { now: 1000, leaseUntil: 9000, limit: 1, head: 1, except: [] })
      await store.webhooks.settle(created.id, 'a', { state: state(), deliveries: [delivery(1)], leaseUntil: null })
      await store.webhooks.delete(created.id)
      expect(await store.webhooks.deliveries(created.id, 10)).toEqual([])
    })
  })
}
