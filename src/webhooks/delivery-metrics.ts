// The webhook metrics on /metrics. Delivery attempts are counted by outcome wherever they
// are made: by the delivery worker, and by a redelivery a client asked for.
import client from 'prom-client'
import type { AttemptResult } from './webhook-sender.js'
import { outcomeOf } from './entry-deliveries.js'

// One registry per process; an app built again (tests) finds its metrics there, or makes
// them anew once the metrics plugin has cleared it.
export function metric<T extends client.Metric> (name: string, make: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? make()
}

export function deliveryAttempts (): client.Counter<'outcome'> {
  return metric('taskd_webhook_deliveries_total', () => new client.Counter({
    name: 'taskd_webhook_deliveries_total',
    help: 'Webhook delivery attempts, the worker\'s and redeliveries\', by outcome: delivered (2xx), failed (another status), refused (no answer: refused address, timeout, connection error)',
    labelNames: ['outcome'] as const
  }))
}

/** Counts one attempt of a redelivery, as the worker counts its own. */
export function countRedelivery (attempt: AttemptResult): void {
  deliveryAttempts().inc({ outcome: outcomeOf(attempt) })
}
