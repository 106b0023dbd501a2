// Runs the webhook delivery worker (webhooks/delivery-worker.ts) in this instance, when
// WEBHOOKS_ENABLED: started once the app is ready, stopped when it closes (attempts in
// flight are abandoned, their leases released, their events sent again later), with its
// metrics on /metrics.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import client from 'prom-client'
import type { Config } from '../config.js'
import { deliveryAttempts, metric } from '../webhooks/delivery-metrics.js'
import { DeliveryWorker, type DeliveryObserver } from '../webhooks/delivery-worker.js'

export interface WebhookDeliveryOptions {
  config: Config['webhooks']
}

// The subscriptions of every running app in this process (one in production; tests build
// several), each read from its store, and the ones this process gave a lag label to.
const subscriptionReaders = new Set<() => Promise<string[]>>()
const labelled = new Set<string>()

// At each scrape, a subscription deleted since (by any instance) loses its lag label,
// instead of showing its last lag for ever. One bounded read: at most MAX_WEBHOOK_SUBSCRIPTIONS.
async function forgetDeleted (gauge: client.Gauge<'subscription'>): Promise<void> {
  if (labelled.size === 0 || subscriptionReaders.size === 0) return
  let live: Set<string>
  try {
    live = new Set((await Promise.all([...subscriptionReaders].map(async (read) => await read()))).flat())
  } catch {
    return // the store is unavailable: the labels stay until a scrape can tell
  }
  for (const subscription of labelled) {
    if (live.has(subscription)) continue
    gauge.remove({ subscription })
    labelled.delete(subscription)
  }
}

function metricsObserver (): DeliveryObserver {
  const attempts = deliveryAttempts()
  const lag = metric('taskd_webhook_lag_entries', () => new client.Gauge({
    name: 'taskd_webhook_lag_entries',
    help: 'Change-log entries between a subscription\'s position and the head, when this instance last delivered to it',
    labelNames: ['subscription'] as const,
    collect: async function () { await forgetDeleted(this) }
  }))
  return {
    attempted: (outcome) => { attempts.inc({ outcome }) },
    lag: (subscription, entries) => {
      lag.set({ subscription }, entries)
      labelled.add(subscription)
    }
  }
}

async function webhookDelivery (app: FastifyInstance, { config }: WebhookDeliveryOptions): Promise<void> {
  const worker = new DeliveryWorker(app.store, config, app.log.child({ component: 'webhooks' }), metricsObserver())
  const readSubscriptions = async (): Promise<string[]> => (await app.store.webhooks.list()).map((stored) => stored.subscription.id)
  app.addHook('onReady', async () => {
    subscriptionReaders.add(readSubscriptions)
    worker.start()
  })
  // preClose, before any onClose: the store is closed in one, and onClose hooks run last-registered first.
  app.addHook('preClose', async () => {
    subscriptionReaders.delete(readSubscriptions)
    await worker.stop()
  })
}

export default fp(webhookDelivery, { fastify: '5.x', name: 'taskd-webhook-delivery', dependencies: ['taskd-task-store'] })
