// Redelivery of one event: the events of one change-log entry that a subscription is
// sent, sent again now, out of band of its cursor (which neither moves nor resets, so the
// worker's own delivery goes on as it was), each with its webhook-id and signed with the
// secrets that sign now, each attempt recorded in the delivery log and counted on
// /metrics like the worker's. One attempt per event and per request: the client that
// asked sees the outcome and asks again if it failed.
import type { Config } from '../config.js'
import { parseTaskStatusFilter } from '../domain/task-status-query.js'
import { WebhookEventNotWantedError, WebhookEventUnavailableError, WebhookNotFoundError } from '../errors.js'
import type { ChangeEntry } from '../store/change-log.js'
import type { TaskStore } from '../store/task-store.js'
import type { WebhookDeliveryRecord, WebhookSubscription } from '../store/webhook-repository.js'
import { countRedelivery } from './delivery-metrics.js'
import { deliveryRecord, eventBody, payloadDocumentJson, wantedEvents, webhookIdOf } from './entry-deliveries.js'
import { receiverAddresses } from './receiver-addresses.js'
import { signingSecrets } from './subscription-rules.js'
import { WebhookSender } from './webhook-sender.js'

// The entry at `sequence`: refused, before anything is sent, when the log no longer holds
// it, does not hold it yet, or never held it (a sequence a rolled-back write took).
async function entryAt (store: TaskStore, sequence: number): Promise<ChangeEntry> {
  const head = await store.changeLog.head()
  if (sequence > head) throw new WebhookEventUnavailableError(sequence, `it is beyond the change log's head, ${head}`)
  const trimmed = await store.changeLog.trimmedThrough()
  if (sequence <= trimmed) throw new WebhookEventUnavailableError(sequence, `the change log is trimmed through ${trimmed}`)
  const entry = (await store.changeLog.changesSince(sequence - 1, 1)).changes[0]
  if (entry?.sequence !== sequence) throw new WebhookEventUnavailableError(sequence, 'the change log holds no entry at it')
  return entry
}

/** Sends the subscription's events of the entry at `sequence` again; the attempts, as recorded. */
export async function redeliver (store: TaskStore, config: Config['webhooks'], subscription: WebhookSubscription, sequence: number): Promise<WebhookDeliveryRecord[]> {
  const entry = await entryAt(store, sequence)
  const filter = subscription.filter === null ? undefined : parseTaskStatusFilter(subscription.filter)
  const events = await wantedEvents(store, subscription, entry, filter)
  if (events.length === 0) throw new WebhookEventNotWantedError(sequence)
  const document = await payloadDocumentJson(store, subscription, entry)
  // An agent of its own, closed when done: redeliveries are rare, and the request owns its connections.
  const sender = new WebhookSender(receiverAddresses(config.allowedNetworks), config.timeoutMs)
  const records: WebhookDeliveryRecord[] = []
  try {
    for (const event of events) {
      const id = webhookIdOf(subscription, entry, event)
      const secrets = signingSecrets(subscription, new Date()).map((secret) => secret.secret)
      const attempt = await sender.send(subscription.url, { id, body: eventBody(event, entry, document), secrets }, new AbortController().signal)
      records.push(deliveryRecord(id, event, entry, 1, attempt))
      countRedelivery(attempt)
    }
  } finally {
    sender.close()
  }
  if (!await store.webhooks.recordDeliveries(subscription.id, records)) throw new WebhookNotFoundError(subscription.id)
  return records
}
