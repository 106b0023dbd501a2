// What a webhook subscription may be, and how it changes: the checks a create, a
// replace and a patch share (the spec checks the shape; these check the meaning), the
// signing secrets and their rotation, and what a client is shown of a subscription.
import { randomBytes, randomUUID } from 'node:crypto'
import { parseTaskStatusFilter } from '../domain/task-status-query.js'
import { WebhookInvalidError } from '../errors.js'
import type { components } from '../generated/openapi.js'
import type { StoredWebhook, WebhookDeliveryState, WebhookPayload, WebhookSecret, WebhookSubscription } from '../store/webhook-repository.js'

export type WebhookEventType = components['schemas']['WebhookEventType']
type SubscriptionSettings = components['schemas']['WebhookSubscriptionCreate']
type SubscriptionChange = components['schemas']['WebhookSubscriptionPatch']
type PresentedSubscription = components['schemas']['WebhookSubscription']

/** The most secrets that sign at once: a rotation past it drops the oldest. */
export const MAX_SIGNING_SECRETS = 5

/** Standard Webhooks' form: `whsec_` and the base64 of the key (32 random bytes here). */
export function newWebhookSecret (): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

function checkedUrl (text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new WebhookInvalidError(`url '${text}' is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookInvalidError(`url '${text}' is not http or https`)
  // Credentials in the URL would be stored and shown back with it.
  if (url.username !== '' || url.password !== '') throw new WebhookInvalidError('url may not carry a user name or password')
  return url.toString()
}

// The list endpoint's parser and checks: a filter it would refuse is refused here with
// the same message.
function checkedFilter (filter: string | null | undefined): string | null {
  if (filter === undefined || filter === null || filter.trim() === '') return null
  parseTaskStatusFilter(filter)
  return filter
}

function settled (settings: Required<Pick<SubscriptionChange, 'url' | 'eventTypes'>> & SubscriptionChange): Pick<WebhookSubscription, 'url' | 'eventTypes' | 'filter' | 'payload'> {
  if (settings.enabled === false) throw new WebhookInvalidError('enabled may only be set to true (a subscription stops by being deleted)')
  return {
    url: checkedUrl(settings.url),
    eventTypes: [...settings.eventTypes],
    filter: checkedFilter(settings.filter),
    payload: (settings.payload ?? 'thin') as WebhookPayload
  }
}

/** A new subscription and its first secret. */
export function createSubscription (settings: SubscriptionSettings, now: Date): WebhookSubscription {
  const time = now.toISOString()
  return {
    id: randomUUID().replaceAll('-', ''),
    ...settled(settings),
    secrets: [{ secret: newWebhookSecret(), created: time, expires: null }],
    created: time,
    modified: time
  }
}

/** What a PUT makes of the subscription (absent optional settings take their defaults). */
export function replaceSubscription (current: StoredWebhook, settings: SubscriptionSettings, now: Date): { subscription: WebhookSubscription, state?: WebhookDeliveryState } {
  return changed(current, { ...current.subscription, ...settled(settings), modified: now.toISOString() }, settings.enabled === true)
}

/** What a PATCH makes of it: the members given, checked as a create checks them. */
export function patchSubscription (current: StoredWebhook, change: SubscriptionChange, now: Date): { subscription: WebhookSubscription, state?: WebhookDeliveryState } {
  const subscription = current.subscription
  const next = settled({
    url: change.url ?? subscription.url,
    eventTypes: (change.eventTypes ?? subscription.eventTypes) as WebhookEventType[],
    filter: change.filter === undefined ? subscription.filter : change.filter,
    payload: change.payload ?? subscription.payload,
    ...(change.enabled !== undefined && { enabled: change.enabled })
  })
  return changed(current, { ...subscription, ...next, modified: now.toISOString() }, change.enabled === true)
}

function changed (current: StoredWebhook, subscription: WebhookSubscription, enable: boolean): { subscription: WebhookSubscription, state?: WebhookDeliveryState } {
  if (!enable || current.state.disabledReason === null) return { subscription }
  return { subscription, state: { ...current.state, failures: 0, failingSince: null, nextAttemptAt: 0, disabledReason: null } }
}

/** The secrets that sign at `now`, newest first. */
export function signingSecrets (subscription: WebhookSubscription, now: Date): WebhookSecret[] {
  return subscription.secrets.filter((secret) => secret.expires === null || Date.parse(secret.expires) > now.getTime())
}

/**
 * A new secret first; the ones still signing keep signing until `overlapMs` from now
 * (or their own earlier expiry); expired ones go, and past MAX_SIGNING_SECRETS the oldest.
 */
export function rotateSecret (subscription: WebhookSubscription, now: Date, overlapMs: number): WebhookSubscription {
  const time = now.toISOString()
  const until = new Date(now.getTime() + overlapMs).toISOString()
  const kept = signingSecrets(subscription, now).map((secret) => ({ ...secret, expires: secret.expires === null || secret.expires > until ? until : secret.expires }))
    .filter((secret) => Date.parse(secret.expires) > now.getTime())
  return {
    ...subscription,
    secrets: [{ secret: newWebhookSecret(), created: time, expires: null }, ...kept].slice(0, MAX_SIGNING_SECRETS),
    modified: time
  }
}

/** What a client sees: the settings and the delivery state, never a secret. */
export function presentSubscription ({ subscription, state }: StoredWebhook): PresentedSubscription {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes as WebhookEventType[],
    filter: subscription.filter,
    payload: subscription.payload,
    enabled: state.disabledReason === null,
    disabledReason: state.disabledReason,
    position: state.cursor,
    failures: state.failures,
    ...(state.failures > 0 && state.disabledReason === null && { nextAttempt: new Date(state.nextAttemptAt).toISOString() }),
    created: subscription.created,
    modified: subscription.modified
  }
}
