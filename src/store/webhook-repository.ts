// The storage half of webhooks: subscriptions, the delivery state of each (its cursor in
// the change log, its failures, its lease), and its delivery log. The change log is the
// outbox: a subscription's cursor is the last sequence delivered to it, so an event is
// delivered at least once whatever instance dies when. One instance at a time delivers
// to a subscription: the one holding its lease, taken with a conditional write.

export type WebhookPayload = 'thin' | 'full'

/** A signing secret; `expires` (ISO 8601) is set once a newer one replaced it. */
export interface WebhookSecret {
  secret: string
  created: string
  expires: string | null
}

/** What a client sets and reads back. */
export interface WebhookSubscription {
  id: string
  url: string
  eventTypes: string[]
  /** A task-status filter, in the list endpoint's syntax, or null for every task status. */
  filter: string | null
  payload: WebhookPayload
  /** Newest first; every one not expired signs. */
  secrets: WebhookSecret[]
  created: string
  modified: string
}

/** What the delivery worker keeps of a subscription. */
export interface WebhookDeliveryState {
  /** The last change-log sequence delivered (or skipped as not wanted). */
  cursor: number
  /** Failed attempts in a row. */
  failures: number
  /** When the first of those failed (ISO 8601), or null. */
  failingSince: string | null
  /** Not before this (epoch ms). */
  nextAttemptAt: number
  /** Why delivery stopped (410, retries exhausted), or null while it runs. */
  disabledReason: string | null
}

export interface StoredWebhook {
  subscription: WebhookSubscription
  state: WebhookDeliveryState
}

/** One attempt to deliver one event. */
export interface WebhookDeliveryRecord {
  /** The webhook-id header: the same for every attempt of one event. */
  webhookId: string
  eventType: string
  sequence: number
  attempt: number
  /** ISO 8601. */
  time: string
  /** The receiver's HTTP status, or null when there was none (refused, timed out). */
  status: number | null
  outcome: 'delivered' | 'failed'
  latencyMs: number
  error: string | null
}

/** What a lease holder writes when it has made progress or failed. */
export interface WebhookProgress {
  state: WebhookDeliveryState
  /** Attempts to add to the delivery log (oldest first). */
  deliveries: WebhookDeliveryRecord[]
  /** The lease's new expiry (epoch ms), or null to release it. */
  leaseUntil: number | null
}

/** The most subscriptions one store holds: the list is one bounded read. */
export const MAX_WEBHOOK_SUBSCRIPTIONS = 1000

/** The most delivery-log records kept per subscription: older ones are trimmed as new ones come. */
export const MAX_DELIVERY_RECORDS = 200

export interface WebhookClaim {
  now: number
  leaseUntil: number
  limit: number
  head: number
  except: readonly string[]
}

export interface WebhookRepository {
  /**
   * Stores a new subscription whose cursor starts at `cursor` (the change log's head when
   * it was made: it gets what happens from then on). Resolves to false, storing nothing,
   * when the store already holds MAX_WEBHOOK_SUBSCRIPTIONS.
   */
  insert: (subscription: WebhookSubscription, cursor: number) => Promise<boolean>
  get: (id: string) => Promise<StoredWebhook | undefined>
  /** Every subscription, oldest first (at most MAX_WEBHOOK_SUBSCRIPTIONS). */
  list: () => Promise<StoredWebhook[]>
  /**
   * Reads the subscription, calls `change` and stores what it returns, in one
   * transaction; `state`, when `change` returns one, replaces the delivery state too
   * (a replay's cursor, a re-enable). Undefined when there is no such subscription.
   */
  update: (id: string, change: (current: StoredWebhook) => { subscription: WebhookSubscription, state?: WebhookDeliveryState }) => Promise<StoredWebhook | undefined>
  /** Deletes the subscription and its delivery log; false when there was none. */
  delete: (id: string) => Promise<boolean>
  /**
   * Takes the lease of at most `limit` subscriptions that are enabled, due (nextAttemptAt
   * at or before `now`), behind (cursor below `head`: something may be there to deliver)
   * and whose lease is free, expired or `owner`'s own, for `owner` until `leaseUntil`
   * (epoch ms), each with a conditional write, so two instances never hold one at once.
   * `except` lists subscriptions the caller is delivering to already: one it holds but is
   * not delivering to is a delivery the store's loss cut short (whose lease could not be
   * given back), taken up again at once rather than when its lease expires.
   */
  claim: (owner: string, claim: WebhookClaim) => Promise<StoredWebhook[]>
  /**
   * Writes `progress` if `owner` still holds the subscription's lease; false (writing
   * nothing) when it has lost it, to another instance or to a delete.
   */
  settle: (id: string, owner: string, progress: WebhookProgress) => Promise<boolean>
  /**
   * Adds `deliveries` to the subscription's delivery log (trimmed to the newest
   * MAX_DELIVERY_RECORDS), whoever holds its lease, touching nothing else: what a
   * redelivery, sent out of band of the cursor, leaves. False, writing nothing, when there
   * is no such subscription.
   */
  recordDeliveries: (id: string, deliveries: WebhookDeliveryRecord[]) => Promise<boolean>
  /** The newest `limit` delivery records of the subscription, newest first. */
  deliveries: (id: string, limit: number) => Promise<WebhookDeliveryRecord[]>
}
