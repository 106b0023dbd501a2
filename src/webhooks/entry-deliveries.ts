// What a subscription is sent of one change-log entry, shared by the delivery worker and
// a redelivery: the events it wants (its event types, its filter), their webhook-ids
// (the same whoever sends them, however often), their bodies, and the record of an attempt.
import type { TaskStatusCondition } from '../domain/task-status-query.js'
import type { ChangeEntry } from '../store/change-log.js'
import type { TaskStore } from '../store/task-store.js'
import type { WebhookDeliveryRecord, WebhookSubscription } from '../store/webhook-repository.js'
import { conditionHolds, eventsOfEntry, filterFieldsOf, filterFieldsOfEntry, setsCompletion, type WebhookEvent } from './webhook-events.js'
import type { AttemptResult } from './webhook-sender.js'

/** The webhook-id of one event of an entry: stable across retries, replays and redeliveries. */
export function webhookIdOf (subscription: WebhookSubscription, entry: ChangeEntry, event: WebhookEvent): string {
  return `${subscription.id}_${entry.sequence}${event.suffix}`
}

/** The events of `entry` the subscription wants, by its event types and its filter (as parsed). */
export async function wantedEvents (store: TaskStore, subscription: WebhookSubscription, entry: ChangeEntry, filter: TaskStatusCondition | undefined): Promise<WebhookEvent[]> {
  const types = new Set(subscription.eventTypes)
  const family = entry.family === 'task-status' ? 'task-status.' : 'human-task.'
  if (![...types].some((type) => type.startsWith(family))) return []
  if (filter !== undefined && entry.family === 'task-status') {
    const current = entry.kind === 'delete' ? undefined : await store.taskStatuses.get(entry.id)
    if (!conditionHolds(filter, current === undefined ? filterFieldsOfEntry(entry) : filterFieldsOf(current.document))) return []
  }
  const completes = entry.family === 'task-status' && entry.kind !== 'delete' && types.has('task-status.completed')
    ? await setsCompletion(entry, async () => await previousEntry(store, entry))
    : false
  return eventsOfEntry(entry, completes).filter((event) => types.has(event.type))
}

// The entity's entry before this one: its version is one less, at that offset of its
// history unless older entries were trimmed.
async function previousEntry (store: TaskStore, entry: ChangeEntry): Promise<ChangeEntry | undefined> {
  if (entry.version < 2) return undefined
  for await (const batch of store.changeLog.history(entry.family, entry.id, entry.version - 2, 1)) {
    const before = batch[0]
    if (before !== undefined && before.version === entry.version - 1) return before
  }
  return undefined
}

/** The document as it is now (bounded by its family's document bound), or undefined once deleted. */
export async function documentJsonOf (store: TaskStore, entry: ChangeEntry): Promise<string | undefined> {
  const stored = entry.family === 'task-status' ? await store.taskStatuses.get(entry.id) : await store.humanTasks.get(entry.id)
  if (stored === undefined) return undefined
  return stored.json ?? JSON.stringify(stored.document)
}

/** What a subscription's payload setting adds to the entry's events: the document, for a full one. */
export async function payloadDocumentJson (store: TaskStore, subscription: WebhookSubscription, entry: ChangeEntry): Promise<string | undefined> {
  return subscription.payload === 'full' && entry.kind !== 'delete' ? await documentJsonOf(store, entry) : undefined
}

/** The event as sent: `{type, timestamp, data}`; a full payload's document spliced in as stored. */
export function eventBody (event: WebhookEvent, entry: ChangeEntry, documentJson: string | undefined): string {
  const data = JSON.stringify({ id: entry.id, family: entry.family, kind: entry.kind, version: entry.version, sequence: entry.sequence, principal: entry.principal })
  const withDocument = documentJson === undefined ? data : `${data.slice(0, -1)},"document":${documentJson}}`
  return `{"type":${JSON.stringify(event.type)},"timestamp":${JSON.stringify(entry.time)},"data":${withDocument}}`
}

/** Whether an attempt delivered the event: a 2xx. */
export function delivered (result: AttemptResult): boolean {
  return result.status !== null && result.status >= 200 && result.status < 300
}

/** An attempt's outcome, as the metrics count it: refused when there was no answer. */
export function outcomeOf (result: AttemptResult): 'delivered' | 'failed' | 'refused' {
  return delivered(result) ? 'delivered' : result.status === null ? 'refused' : 'failed'
}

/** The delivery-log record of one attempt. */
export function deliveryRecord (webhookId: string, event: WebhookEvent, entry: ChangeEntry, attempt: number, result: AttemptResult): WebhookDeliveryRecord {
  return {
    webhookId,
    eventType: event.type,
    sequence: entry.sequence,
    attempt,
    time: new Date().toISOString(),
    status: result.status,
    outcome: delivered(result) ? 'delivered' : 'failed',
    latencyMs: result.latencyMs,
    error: result.error ?? null
  }
}
