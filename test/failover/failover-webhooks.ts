// The failover's webhook oracle: a subscription to every event type, delivered to a
// receiver on loopback, must get an event of every change the store holds at least
// once, each verified with the subscription's secret; an event sent again keeps its
// webhook-id and says the same, and no change arrives under two webhook-ids.
import { verify, type ReceivedWebhook } from '../helpers/webhook-receiver.js'

export const ALL_EVENT_TYPES = [
  'task-status.created', 'task-status.updated', 'task-status.completed', 'task-status.deleted',
  'human-task.created', 'human-task.updated', 'human-task.claimed', 'human-task.claim-cancelled', 'human-task.completed',
  'human-task.suspended', 'human-task.resumed', 'human-task.terminated', 'human-task.deleted'
]

export interface Subscription { id: string, secret: string }

export interface WebhookReport {
  /** Changes the store holds that the subscription had to be sent. */
  expected: number
  /** Requests the receiver got, duplicates included. */
  received: number
  verified: number
  /** Distinct webhook-ids received. */
  distinct: number
  /** Requests that carried a webhook-id received before. */
  duplicates: number
  /** How long after the load the receiver had every expected change; null when it never did. */
  caughtUpMs: number | null
}

/** `family id version` of the change a webhook tells of. */
function changeOf (webhook: ReceivedWebhook): string {
  const { family, id, version } = webhook.payload.data
  return `${String(family)} ${String(id)} ${String(version)}`
}

/** Whether the receiver has an event of every expected change (`family id version`). */
export function hasAllChanges (received: readonly ReceivedWebhook[], expected: ReadonlySet<string>): boolean {
  if (received.length < expected.size) return false
  const heard = new Set(received.map(changeOf))
  for (const key of expected) if (!heard.has(key)) return false
  return true
}

/** What is wrong with what the receiver got, against the changes the store holds. */
export function webhookViolations (subscription: Subscription, received: readonly ReceivedWebhook[], expected: ReadonlySet<string>): { violations: string[], verified: number, distinct: number } {
  const violations: string[] = []
  let verified = 0
  // webhook-id → what its first request said; change → its webhook-id.
  const said = new Map<string, string>()
  const idOfChange = new Map<string, string>()
  for (const webhook of received) {
    try {
      verify(subscription.secret, webhook)
      verified++
    } catch (error) {
      violations.push(`webhook ${webhook.id} does not verify: ${(error as Error).message}`)
    }
    const { type, data } = webhook.payload
    const what = JSON.stringify({ type, data })
    const before = said.get(webhook.id)
    if (before === undefined) said.set(webhook.id, what)
    else if (before !== what) violations.push(`webhook ${webhook.id} was sent again saying ${what}, first ${before}`)
    if (webhook.id !== `${subscription.id}_${String(data.sequence)}`) violations.push(`webhook ${webhook.id} tells of sequence ${String(data.sequence)}`)
    const change = changeOf(webhook)
    if (!expected.has(change)) violations.push(`webhook ${webhook.id} tells of ${change}, which the store does not hold`)
    const other = idOfChange.get(change)
    if (other === undefined) idOfChange.set(change, webhook.id)
    else if (other !== webhook.id) violations.push(`${change} was sent as ${other} and as ${webhook.id}`)
  }
  const missing = [...expected].filter((change) => !idOfChange.has(change))
  if (missing.length > 0) violations.push(`the receiver never got ${missing.length} changes, e.g. ${missing.slice(0, 5).join(', ')}`)
  return { violations, verified, distinct: said.size }
}
