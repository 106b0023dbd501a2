// The delivery worker. The change log is the outbox: each subscription's cursor is the
// last sequence it was sent (or passed over as not wanted). Every poll, the worker claims
// subscriptions that are behind, due and not leased (a lease in the database, so one
// instance at a time delivers to one subscription), and delivers to each, one event at a
// time, in sequence order, advancing the cursor only after a 2xx: at least once, and an
// instance killed mid-delivery is covered by another once its lease expires. A failure
// backs the subscription off; other subscriptions go on, each on its own, at most
// WEBHOOK_CONCURRENCY at once: a slow or dead receiver holds its own subscription only.
import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.js'
import { parseTaskStatusFilter, type TaskStatusCondition } from '../domain/task-status-query.js'
import type { ChangeEntry } from '../store/change-log.js'
import type { TaskStore } from '../store/task-store.js'
import type { StoredWebhook, WebhookDeliveryRecord, WebhookDeliveryState } from '../store/webhook-repository.js'
import { backoffDelayMs, disabledReason } from './delivery-backoff.js'
import { receiverAddresses } from './receiver-addresses.js'
import { signingSecrets } from './subscription-rules.js'
import { delivered, deliveryRecord, eventBody, outcomeOf, payloadDocumentJson, wantedEvents, webhookIdOf } from './entry-deliveries.js'
import { WebhookSender, type AttemptResult } from './webhook-sender.js'

/** Entries read from the log per page: the most one subscription's delivery holds in memory at once. */
const PAGE_ENTRIES = 100

/** How often a delivering worker writes its progress (and renews its lease). */
const SETTLE_EVERY_MS = 250

/** What the worker reports, for the metrics. */
export interface DeliveryObserver {
  attempted: (outcome: 'delivered' | 'failed' | 'refused', subscriptionId: string) => void
  /** How far behind the log's head a subscription is, in entries. */
  lag: (subscriptionId: string, entries: number) => void
}

const NO_OBSERVER: DeliveryObserver = { attempted: () => {}, lag: () => {} }

export class DeliveryWorker {
  readonly #store: TaskStore
  readonly #config: Config['webhooks']
  readonly #log: FastifyBaseLogger
  readonly #observer: DeliveryObserver
  readonly #sender: WebhookSender
  readonly #owner = `${process.pid}-${randomUUID()}`
  readonly #active = new Map<string, Promise<void>>()
  readonly #stopping = new AbortController()
  #timer: NodeJS.Timeout | undefined
  #polling: Promise<void> | undefined

  constructor (store: TaskStore, config: Config['webhooks'], log: FastifyBaseLogger, observer: DeliveryObserver = NO_OBSERVER) {
    this.#store = store
    this.#config = config
    this.#log = log
    this.#observer = observer
    this.#sender = new WebhookSender(receiverAddresses(config.allowedNetworks), config.timeoutMs)
  }

  start (): void {
    this.#schedule(0)
  }

  /** Stops claiming, abandons the attempts in flight (their events are sent again later) and releases the leases. */
  async stop (): Promise<void> {
    this.#stopping.abort()
    clearTimeout(this.#timer)
    await this.#polling
    await Promise.allSettled(this.#active.values())
    this.#sender.close()
  }

  #schedule (delayMs: number): void {
    if (this.#stopping.signal.aborted) return
    this.#timer = setTimeout(() => {
      this.#polling = this.#poll().catch((error: unknown) => { this.#log.warn({ err: error }, 'webhook delivery: cannot claim subscriptions') })
        .finally(() => { this.#schedule(this.#config.pollMs) })
    }, delayMs)
  }

  async #poll (): Promise<void> {
    const room = this.#config.concurrency - this.#active.size
    if (room <= 0 || this.#stopping.signal.aborted) return
    const now = Date.now()
    const head = await this.#store.changeLog.head()
    const claimed = await this.#store.webhooks.claim(this.#owner, { now, leaseUntil: now + this.#config.leaseMs, limit: room, head, except: [...this.#active.keys()] })
    for (const stored of claimed) {
      const id = stored.subscription.id
      this.#active.set(id, this.#deliver(stored, head)
        .catch((error: unknown) => { this.#log.warn({ err: error, subscription: id }, 'webhook delivery failed') })
        .finally(() => { this.#active.delete(id) }))
    }
  }

  async #deliver (stored: StoredWebhook, head: number): Promise<void> {
    const { subscription } = stored
    const filter = subscription.filter === null ? undefined : parseTaskStatusFilter(subscription.filter)
    let state = stored.state
    // Progress is written every SETTLE_EVERY_MS rather than after every event: one write
    // per event would cost a commit (an fsync) each, competing with the API's own. A crash
    // in between sends those events again, which at-least-once allows (same webhook-ids).
    let deliveries: WebhookDeliveryRecord[] = []
    let settledAt = Date.now()
    for (;;) {
      const page = await this.#store.changeLog.changesSince(state.cursor, PAGE_ENTRIES)
      for (const entry of page.changes) {
        if (this.#stopping.signal.aborted) {
          await this.#settle(stored, state, deliveries, null)
          return
        }
        const failure = await this.#deliverEntry(stored, entry, filter, state, deliveries)
        if (failure !== undefined) {
          await this.#settle(stored, failure, deliveries, null)
          return
        }
        state = { ...state, cursor: entry.sequence, failures: 0, failingSince: null, nextAttemptAt: 0 }
        if (Date.now() - settledAt >= SETTLE_EVERY_MS || deliveries.length >= PAGE_ENTRIES) {
          if (!await this.#settle(stored, state, deliveries, Date.now() + this.#config.leaseMs)) return
          deliveries = []
          settledAt = Date.now()
        }
      }
      state = { ...state, cursor: Math.max(state.cursor, page.next) }
      this.#observer.lag(subscription.id, Math.max(0, head - state.cursor))
      if (page.caughtUp || page.changes.length === 0) {
        await this.#settle(stored, state, deliveries, null)
        return
      }
    }
  }

  /** Sends the entry's wanted events; the state to write when one failed, undefined when all went. */
  async #deliverEntry (stored: StoredWebhook, entry: ChangeEntry, filter: TaskStatusCondition | undefined, state: WebhookDeliveryState, deliveries: WebhookDeliveryRecord[]): Promise<WebhookDeliveryState | undefined> {
    const { subscription } = stored
    const wanted = await wantedEvents(this.#store, subscription, entry, filter)
    if (wanted.length === 0) return undefined
    const document = await payloadDocumentJson(this.#store, subscription, entry)
    for (const event of wanted) {
      const id = webhookIdOf(subscription, entry, event)
      const body = eventBody(event, entry, document)
      const secrets = signingSecrets(subscription, new Date()).map((secret) => secret.secret)
      const attempt = await this.#sender.send(subscription.url, { id, body, secrets }, this.#stopping.signal)
      if (this.#stopping.signal.aborted) return state
      deliveries.push(deliveryRecord(id, event, entry, state.failures + 1, attempt))
      this.#observer.attempted(outcomeOf(attempt), subscription.id)
      if (!delivered(attempt)) return this.#failed(state, attempt)
    }
    return undefined
  }

  #failed (state: WebhookDeliveryState, attempt: AttemptResult): WebhookDeliveryState {
    const now = Date.now()
    const failures = state.failures + 1
    const failingSince = state.failingSince ?? new Date(now).toISOString()
    const reason = disabledReason(attempt.status, attempt.error ?? 'failed', Date.parse(failingSince), now, this.#config.retryWindowMs)
    return { ...state, failures, failingSince, nextAttemptAt: now + backoffDelayMs(failures, attempt.retryAfterMs), disabledReason: reason }
  }

  async #settle (stored: StoredWebhook, state: WebhookDeliveryState, deliveries: WebhookDeliveryRecord[], leaseUntil: number | null): Promise<boolean> {
    const kept = await this.#store.webhooks.settle(stored.subscription.id, this.#owner, { state, deliveries, leaseUntil })
    if (!kept) this.#log.info({ subscription: stored.subscription.id }, 'webhook delivery: the lease was lost (deleted, or taken over after it expired)')
    return kept
  }
}
