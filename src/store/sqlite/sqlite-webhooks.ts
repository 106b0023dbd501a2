// Webhook subscriptions in SQLite (migration 9). A subscription's settings are one JSON
// document; its delivery state and lease are columns, which the claim's conditional
// UPDATE reads and writes in one statement. SQLite has one writer at a time, across
// processes, so a claim is never lost between two instances.
import type Database from 'better-sqlite3'
import type { GroupCommit } from './group-commit.js'
import { MAX_DELIVERY_RECORDS, MAX_WEBHOOK_SUBSCRIPTIONS, type StoredWebhook, type WebhookDeliveryRecord, type WebhookDeliveryState, type WebhookRepository, type WebhookSubscription } from '../webhook-repository.js'

interface SubscriptionRow {
  id: string
  document: string
  cursor: number
  failures: number
  failing_since: string | null
  next_attempt_at: number
  disabled_reason: string | null
}

interface DeliveryRow {
  record: string
}

function storedOfRow (row: SubscriptionRow): StoredWebhook {
  return {
    subscription: JSON.parse(row.document) as WebhookSubscription,
    state: { cursor: row.cursor, failures: row.failures, failingSince: row.failing_since, nextAttemptAt: row.next_attempt_at, disabledReason: row.disabled_reason }
  }
}

export function sqliteWebhookRepository (db: Database.Database, writes: GroupCommit): WebhookRepository {
  const select = 'SELECT id, document, cursor, failures, failing_since, next_attempt_at, disabled_reason FROM webhook_subscription'
  const get = db.prepare<[string], SubscriptionRow>(`${select} WHERE id = ?`)
  const all = db.prepare<[number], SubscriptionRow>(`${select} ORDER BY rowid LIMIT ?`)
  const count = db.prepare('SELECT count(*) FROM webhook_subscription').pluck()
  const insert = db.prepare('INSERT INTO webhook_subscription (id, document, cursor, failures, failing_since, next_attempt_at, disabled_reason) VALUES (?, ?, ?, 0, NULL, 0, NULL)')
  const writeState = db.prepare('UPDATE webhook_subscription SET document = ?, cursor = ?, failures = ?, failing_since = ?, next_attempt_at = ?, disabled_reason = ? WHERE id = ?')
  const writeDocument = db.prepare('UPDATE webhook_subscription SET document = ? WHERE id = ?')
  const remove = db.prepare('DELETE FROM webhook_subscription WHERE id = ?')
  const removeDeliveries = db.prepare('DELETE FROM webhook_delivery WHERE subscription_id = ?')
  const due = db.prepare<[number, number, number, string, number], { id: string }>(`SELECT id FROM webhook_subscription
    WHERE disabled_reason IS NULL AND next_attempt_at <= ? AND cursor < ? AND (lease_owner IS NULL OR lease_expires <= ? OR lease_owner = ?) ORDER BY next_attempt_at LIMIT ?`)
  const take = db.prepare(`UPDATE webhook_subscription SET lease_owner = ?, lease_expires = ?
    WHERE id = ? AND disabled_reason IS NULL AND (lease_owner IS NULL OR lease_expires <= ? OR lease_owner = ?)`)
  const settle = db.prepare(`UPDATE webhook_subscription SET cursor = ?, failures = ?, failing_since = ?, next_attempt_at = ?, disabled_reason = ?, lease_owner = ?, lease_expires = ?
    WHERE id = ? AND lease_owner = ?`)
  const record = db.prepare('INSERT INTO webhook_delivery (subscription_id, record) VALUES (?, ?)')
  const trim = db.prepare(`DELETE FROM webhook_delivery WHERE subscription_id = ? AND position <=
    (SELECT position FROM webhook_delivery WHERE subscription_id = ? ORDER BY position DESC LIMIT 1 OFFSET ?)`)
  const newest = db.prepare<[string, number], DeliveryRow>('SELECT record FROM webhook_delivery WHERE subscription_id = ? ORDER BY position DESC LIMIT ?')

  const appendDeliveries = (id: string, deliveries: WebhookDeliveryRecord[]): void => {
    for (const delivery of deliveries) record.run(id, JSON.stringify(delivery))
    if (deliveries.length > 0) trim.run(id, id, MAX_DELIVERY_RECORDS)
  }

  const writeStateOf = (subscription: WebhookSubscription, state: WebhookDeliveryState): void => {
    writeState.run(JSON.stringify(subscription), state.cursor, state.failures, state.failingSince, state.nextAttemptAt, state.disabledReason, subscription.id)
  }

  return {
    insert: async (subscription, cursor) => await writes.run(() => {
      if ((count.get() as number) >= MAX_WEBHOOK_SUBSCRIPTIONS) return false
      insert.run(subscription.id, JSON.stringify(subscription), cursor)
      return true
    }),
    get: async (id) => {
      const row = get.get(id)
      return row === undefined ? undefined : storedOfRow(row)
    },
    list: async () => all.all(MAX_WEBHOOK_SUBSCRIPTIONS).map(storedOfRow),
    update: async (id, change) => await writes.run(() => {
      const row = get.get(id)
      if (row === undefined) return undefined
      const current = storedOfRow(row)
      const next = change(current)
      if (next.state === undefined) writeDocument.run(JSON.stringify(next.subscription), id)
      else writeStateOf(next.subscription, next.state)
      return { subscription: next.subscription, state: next.state ?? current.state }
    }),
    delete: async (id) => await writes.run(() => {
      removeDeliveries.run(id)
      return remove.run(id).changes > 0
    }),
    claim: async (owner, { now, leaseUntil, limit, head, except }) => await writes.run(() => {
      const skipped = new Set(except)
      const claimed: StoredWebhook[] = []
      for (const { id } of due.all(now, head, now, owner, limit + skipped.size)) {
        if (claimed.length >= limit) break
        if (skipped.has(id)) continue
        if (take.run(owner, leaseUntil, id, now, owner).changes === 0) continue
        const row = get.get(id)
        if (row !== undefined) claimed.push(storedOfRow(row))
      }
      return claimed
    }),
    settle: async (id, owner, { state, deliveries, leaseUntil }) => await writes.run(() => {
      const written = settle.run(state.cursor, state.failures, state.failingSince, state.nextAttemptAt, state.disabledReason,
        leaseUntil === null ? null : owner, leaseUntil, id, owner).changes > 0
      if (!written) return false
      appendDeliveries(id, deliveries)
      return true
    }),
    recordDeliveries: async (id, deliveries) => await writes.run(() => {
      if (get.get(id) === undefined) return false
      appendDeliveries(id, deliveries)
      return true
    }),
    deliveries: async (id, limit) => newest.all(id, Math.min(limit, MAX_DELIVERY_RECORDS)).map((row) => JSON.parse(row.record) as WebhookDeliveryRecord)
  }
}
