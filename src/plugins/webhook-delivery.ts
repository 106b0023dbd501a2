// Runs the webhook delivery worker (webhooks/delivery-worker.ts) in this instance, when
// WEBHOOKS_ENABLED: started once the app is ready, stopped when it closes (attempts in
// flight are abandoned, their leases released, their events sent again later), with its
// metrics on /metrics.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import client from 'prom-client'
import type { Config } from '../config.js'
import { DeliveryWorker, type DeliveryObserver } from '../webhooks/delivery-worker.js'

export interface WebhookDeliveryOptions {
  config: Config['webhooks']
}

// One registry per process; an app built again (tests) finds its metrics there.
function metric<T extends client.Metric> (name: string, make: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? make()
}

function metricsObserver (): DeliveryObserver {
  const attempts = metric('taskd_webhook_deliveries_total', () => new client.Counter({
    name: 'taskd_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome: delivered (2xx), failed (another status), refused (no answer: refused address, timeout, connection error)',
    labelNames: ['outcome'] as const
  }))
  const lag = metric('taskd_webhook_lag_entries', () => new client.Gauge({
    name: 'taskd_webhook_lag_entries',
    help: 'Change-log entries between a subscription\'s position and the head, when this instance last delivered to it',
    labelNames: ['subscription'] as const
  }))
  return {
    attempted: (outcome) => { attempts.inc({ outcome }) },
    lag: (subscription, entries) => { lag.set({ subscription }, entries) }
  }
}

async function webhookDelivery (app: FastifyInstance, { config }: WebhookDeliveryOptions): Promise<void> {
  const worker = new DeliveryWorker(app.store, config, app.log.child({ component: 'webhooks' }), metricsObserver())
  app.addHook('onReady', async () => { worker.start() })
  // preClose, before any onClose: the store is closed in one, and onClose hooks run last-registered first.
  app.addHook('preClose', async () => { await worker.stop() })
}

export default fp(webhookDelivery, { fastify: '5.x', name: 'taskd-webhook-delivery', dependencies: ['taskd-task-store'] })
