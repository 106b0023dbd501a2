// Starts the retention sweeper (src/retention) when the app is ready and stops it when
// the app closes, before the store is closed under it; counts what it deletes in /metrics.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import client from 'prom-client'
import type { RetentionConfig } from '../config.js'
import { RetentionSweeper } from '../retention/retention-sweeper.js'

export interface RetentionOptions {
  retention: RetentionConfig
}

// The counters are on prom-client's default registry, which the metrics plugin clears
// when it starts; the store plugin comes after it.
async function retention (app: FastifyInstance, { retention }: RetentionOptions): Promise<void> {
  if (retention.sweepIntervalMs === 0) return
  const deleted = new client.Counter({
    name: 'taskd_retention_deleted_total',
    help: 'What the retention sweeper deleted: human tasks, task statuses and change-log entries',
    labelNames: ['kind'] as const
  })
  const failures = new client.Counter({ name: 'taskd_retention_sweep_failures_total', help: 'Retention sweeps that failed (retried at the next interval)' })
  const sweeper = new RetentionSweeper({
    store: app.store,
    intervalMs: retention.sweepIntervalMs,
    changeLogRetention: retention.changeLogRetention,
    taskStatusRetention: retention.taskStatusRetention,
    onSwept: (counts) => {
      deleted.inc({ kind: 'human-task' }, counts.humanTasks)
      deleted.inc({ kind: 'task-status' }, counts.taskStatuses)
      deleted.inc({ kind: 'change-log-entry' }, counts.changeLogEntries)
      if (counts.humanTasks + counts.taskStatuses + counts.changeLogEntries > 0) app.log.info({ retention: counts }, 'retention sweep deleted')
    },
    onError: (error) => {
      failures.inc()
      app.log.warn({ err: error }, 'retention sweep failed; retrying at the next interval')
    }
  })
  app.addHook('onReady', async () => { sweeper.start() })
  // preClose runs before every onClose hook, the store's close among them.
  app.addHook('preClose', async () => { await sweeper.stop() })
}

export default fp(retention, { name: 'taskd-retention', fastify: '5.x', dependencies: ['taskd-task-store'] })
