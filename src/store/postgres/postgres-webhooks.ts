// Webhook subscriptions in PostgreSQL (migration 7), as sqlite-webhooks.ts holds them.
// A claim is one conditional UPDATE … WHERE the lease is free or expired, with SKIP
// LOCKED, so instances claiming at once each get different subscriptions and none waits.
import type pg from 'pg'
import { MAX_DELIVERY_RECORDS, MAX_WEBHOOK_SUBSCRIPTIONS, type StoredWebhook, type WebhookDeliveryRecord, type WebhookRepository, type WebhookSubscription } from '../webhook-repository.js'
import { translated } from './postgres-faults.js'

interface SubscriptionRow {
  document: string
  cursor: string
  failures: number
  failing_since: string | null
  next_attempt_at: string
  disabled_reason: string | null
}

const COLUMNS = 'document, cursor, failures, failing_since, next_attempt_at, disabled_reason'

function storedOfRow (row: SubscriptionRow): StoredWebhook {
  return {
    subscription: JSON.parse(row.document) as WebhookSubscription,
    state: { cursor: Number(row.cursor), failures: row.failures, failingSince: row.failing_since, nextAttemptAt: Number(row.next_attempt_at), disabledReason: row.disabled_reason }
  }
}

async function appendDeliveries (client: pg.PoolClient, id: string, deliveries: WebhookDeliveryRecord[]): Promise<void> {
  if (deliveries.length === 0) return
  await client.query('INSERT INTO webhook_delivery (subscription_id, record) SELECT $1, unnest($2::text[])', [id, deliveries.map((delivery) => JSON.stringify(delivery))])
  await client.query(`DELETE FROM webhook_delivery WHERE subscription_id = $1 AND position <=
    (SELECT position FROM webhook_delivery WHERE subscription_id = $1 ORDER BY position DESC LIMIT 1 OFFSET $2)`, [id, MAX_DELIVERY_RECORDS])
}

type Transaction = <R>(work: (client: pg.PoolClient) => Promise<R>) => Promise<R>

export function postgresWebhookRepository (pool: pg.Pool, transaction: Transaction): WebhookRepository {
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(sql, params)
    } catch (error) {
      throw translated(error)
    }
  }
  return {
    insert: async (subscription, cursor) => await transaction(async (client) => {
      // Serializes inserts, so the bound holds with instances inserting at once.
      await client.query('LOCK TABLE webhook_subscription IN SHARE ROW EXCLUSIVE MODE')
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM webhook_subscription')
      if (Number(rows[0]?.n ?? 0) >= MAX_WEBHOOK_SUBSCRIPTIONS) return false
      await client.query('INSERT INTO webhook_subscription (id, document, cursor, failures, next_attempt_at) VALUES ($1, $2, $3, 0, 0)',
        [subscription.id, JSON.stringify(subscription), cursor])
      return true
    }),
    async get (id) {
      const { rows } = await query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscription WHERE id = $1`, [id])
      return rows[0] === undefined ? undefined : storedOfRow(rows[0])
    },
    async list () {
      const { rows } = await query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscription ORDER BY position LIMIT $1`, [MAX_WEBHOOK_SUBSCRIPTIONS])
      return rows.map(storedOfRow)
    },
    update: async (id, change) => await transaction(async (client) => {
      const { rows } = await client.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscription WHERE id = $1 FOR UPDATE`, [id])
      if (rows[0] === undefined) return undefined
      const current = storedOfRow(rows[0])
      const next = change(current)
      const state = next.state ?? current.state
      await client.query('UPDATE webhook_subscription SET document = $2, cursor = $3, failures = $4, failing_since = $5, next_attempt_at = $6, disabled_reason = $7 WHERE id = $1',
        [id, JSON.stringify(next.subscription), state.cursor, state.failures, state.failingSince, state.nextAttemptAt, state.disabledReason])
      return { subscription: next.subscription, state }
    }),
    delete: async (id) => await transaction(async (client) => {
      await client.query('DELETE FROM webhook_delivery WHERE subscription_id = $1', [id])
      return ((await client.query('DELETE FROM webhook_subscription WHERE id = $1', [id])).rowCount ?? 0) > 0
    }),
    async claim (owner, { now, leaseUntil, limit, head, except }) {
      // MATERIALIZED: the picked rows are chosen once; as a subquery of IN, the planner may
      // run the LIMIT more than once and take more.
      const { rows } = await query<SubscriptionRow>(`WITH picked AS MATERIALIZED (SELECT id FROM webhook_subscription
          WHERE disabled_reason IS NULL AND next_attempt_at <= $3 AND cursor < $6 AND (lease_owner IS NULL OR lease_expires <= $3 OR lease_owner = $1) AND NOT (id = ANY($5::text[]))
          ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
        UPDATE webhook_subscription AS s SET lease_owner = $1, lease_expires = $2 FROM picked
        WHERE s.id = picked.id AND s.disabled_reason IS NULL AND (s.lease_owner IS NULL OR s.lease_expires <= $3 OR s.lease_owner = $1)
        RETURNING ${COLUMNS.split(', ').map((column) => `s.${column}`).join(', ')}`, [owner, leaseUntil, now, limit, [...except], head])
      return rows.map(storedOfRow)
    },
    settle: async (id, owner, { state, deliveries, leaseUntil }) => await transaction(async (client) => {
      const written = await client.query(`UPDATE webhook_subscription SET cursor = $3, failures = $4, failing_since = $5, next_attempt_at = $6, disabled_reason = $7, lease_owner = $8, lease_expires = $9
        WHERE id = $1 AND lease_owner = $2`,
      [id, owner, state.cursor, state.failures, state.failingSince, state.nextAttemptAt, state.disabledReason, leaseUntil === null ? null : owner, leaseUntil])
      if ((written.rowCount ?? 0) === 0) return false
      await appendDeliveries(client, id, deliveries)
      return true
    }),
    recordDeliveries: async (id, deliveries) => await transaction(async (client) => {
      // FOR SHARE: a delete waits for the records to be written, then removes them with the subscription.
      const { rows } = await client.query('SELECT 1 FROM webhook_subscription WHERE id = $1 FOR SHARE', [id])
      if (rows.length === 0) return false
      await appendDeliveries(client, id, deliveries)
      return true
    }),
    async deliveries (id, limit) {
      const { rows } = await query<{ record: string }>('SELECT record FROM webhook_delivery WHERE subscription_id = $1 ORDER BY position DESC LIMIT $2', [id, Math.min(limit, MAX_DELIVERY_RECORDS)])
      return rows.map((row) => JSON.parse(row.record) as WebhookDeliveryRecord)
    }
  }
}
