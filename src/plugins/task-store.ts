// The store every route uses, decorated as `store`: the adapter the process opened,
// with each call timed on the taskd_store_operation_duration_seconds histogram and,
// with tracing on, made a span. Closed when the app closes.
import type { Tracer } from '@opentelemetry/api'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import client from 'prom-client'
import { instrumentedStore } from '../store/instrumented-store.js'
import type { TaskStore } from '../store/task-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: TaskStore
  }
}

export interface TaskStoreOptions {
  store: TaskStore
  tracer?: Tracer
}

async function taskStore (app: FastifyInstance, { store, tracer }: TaskStoreOptions): Promise<void> {
  const histogram = new client.Histogram({
    name: 'taskd_store_operation_duration_seconds',
    help: 'Duration of store operations',
    labelNames: ['repository', 'operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
  })
  app.decorate('store', instrumentedStore(store, histogram, tracer))
  app.addHook('onClose', async () => { await store.close() })
}

// After the metrics plugin, which clears the registry the histogram is on.
export default fp(taskStore, { name: 'taskd-task-store', fastify: '5.x', dependencies: ['taskd-metrics'] })
