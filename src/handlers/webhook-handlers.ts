// The webhook subscription operations, by operationId, served with the Task Status
// family (its error shape, its mount points). The rules are in webhooks/subscription-rules.ts.
import type { Config } from '../config.js'
import { WebhookLimitError, WebhookNotFoundError, WebhookReplayTrimmedError } from '../errors.js'
import type { TaskStore } from '../store/task-store.js'
import { MAX_WEBHOOK_SUBSCRIPTIONS, type StoredWebhook } from '../store/webhook-repository.js'
import { redeliver } from '../webhooks/redelivery.js'
import { createSubscription, patchSubscription, presentSubscription, replaceSubscription, rotateSecret } from '../webhooks/subscription-rules.js'
import type { OperationHandlers } from './operation-types.js'

export type WebhookOperationId =
  'listWebhookSubscriptions' | 'createWebhookSubscription' | 'getWebhookSubscription' | 'replaceWebhookSubscription' |
  'updateWebhookSubscription' | 'deleteWebhookSubscription' | 'rotateWebhookSecret' | 'getWebhookDeliveries' | 'replayWebhookEvents' | 'redeliverWebhookEvent'

export function createWebhookHandlers (store: TaskStore, config: Pick<Config, 'webhooks'>): OperationHandlers<WebhookOperationId> {
  const repository = store.webhooks

  async function get (id: string): Promise<StoredWebhook> {
    const stored = await repository.get(id)
    if (stored === undefined) throw new WebhookNotFoundError(id)
    return stored
  }

  function found (id: string, stored: StoredWebhook | undefined): StoredWebhook {
    if (stored === undefined) throw new WebhookNotFoundError(id)
    return stored
  }

  const withSecret = (stored: StoredWebhook): ReturnType<typeof presentSubscription> & { secret: string } =>
    ({ ...presentSubscription(stored), secret: stored.subscription.secrets[0]?.secret ?? '' })

  return {
    async listWebhookSubscriptions () {
      return (await repository.list()).map(presentSubscription)
    },

    async createWebhookSubscription (request, reply) {
      const subscription = createSubscription(request.body, new Date())
      // From the change log's head: what happens from now on.
      const cursor = await store.changeLog.head()
      if (!await repository.insert(subscription, cursor)) throw new WebhookLimitError(MAX_WEBHOOK_SUBSCRIPTIONS)
      reply.code(201).header('location', `${request.routeOptions.url ?? ''}/${subscription.id}`)
      return withSecret({ subscription, state: { cursor, failures: 0, failingSince: null, nextAttemptAt: 0, disabledReason: null } })
    },

    async getWebhookSubscription (request) {
      return presentSubscription(await get(request.params.id))
    },

    async replaceWebhookSubscription (request) {
      const now = new Date()
      return presentSubscription(found(request.params.id, await repository.update(request.params.id, (current) => replaceSubscription(current, request.body, now))))
    },

    async updateWebhookSubscription (request) {
      const now = new Date()
      return presentSubscription(found(request.params.id, await repository.update(request.params.id, (current) => patchSubscription(current, request.body, now))))
    },

    async deleteWebhookSubscription (request, reply) {
      if (!await repository.delete(request.params.id)) throw new WebhookNotFoundError(request.params.id)
      return await reply.code(204).send()
    },

    async rotateWebhookSecret (request) {
      const now = new Date()
      const stored = await repository.update(request.params.id, (current) => ({ subscription: rotateSecret(current.subscription, now, config.webhooks.secretOverlapMs) }))
      return withSecret(found(request.params.id, stored))
    },

    async getWebhookDeliveries (request) {
      await get(request.params.id)
      return await repository.deliveries(request.params.id, request.query?.limit ?? 50)
    },

    async replayWebhookEvents (request) {
      const { fromSequence } = request.body
      const trimmed = await store.changeLog.trimmedThrough()
      if (fromSequence <= trimmed) throw new WebhookReplayTrimmedError(fromSequence, trimmed)
      const stored = await repository.update(request.params.id, (current) => ({
        subscription: current.subscription,
        state: { cursor: fromSequence - 1, failures: 0, failingSince: null, nextAttemptAt: 0, disabledReason: null }
      }))
      return presentSubscription(found(request.params.id, stored))
    },

    async redeliverWebhookEvent (request) {
      const { subscription } = await get(request.params.id)
      return await redeliver(store, config.webhooks, subscription, request.body.sequence)
    }
  }
}
