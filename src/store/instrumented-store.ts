// A TaskStore that times every repository call into a Prometheus histogram, by
// repository and method, and with tracing on makes each call a span, a child of the
// request's: without the adapters knowing about metrics or traces.
import { SpanStatusCode, type Tracer } from '@opentelemetry/api'
import type { Histogram } from 'prom-client'
import { aroundRepositoryCalls, type CallEnding } from './repository-calls.js'
import type { TaskStore } from './task-store.js'

type StoreHistogram = Histogram<'repository' | 'operation' | 'outcome'>

// The timer's end, and the span's when there is a tracer.
function observing (histogram: StoreHistogram, tracer: Tracer | undefined, repository: string, operation: string): CallEnding {
  const end = histogram.startTimer({ repository, operation })
  const span = tracer?.startSpan(`store ${repository}.${operation}`, { attributes: { 'db.operation.name': operation, 'taskd.repository': repository } })
  return {
    succeeded () {
      end({ outcome: 'ok' })
      span?.end()
    },
    failed (error) {
      end({ outcome: 'error' })
      span?.setStatus({ code: SpanStatusCode.ERROR })
      span?.end()
      return error
    }
  }
}

function timed<T extends object> (repository: T, name: string, histogram: StoreHistogram, tracer: Tracer | undefined): T {
  return aroundRepositoryCalls(repository, (method) => observing(histogram, tracer, name, method))
}

export function instrumentedStore (store: TaskStore, histogram: StoreHistogram, tracer?: Tracer): TaskStore {
  return {
    taskStatuses: timed(store.taskStatuses, 'taskStatuses', histogram, tracer),
    humanTasks: timed(store.humanTasks, 'humanTasks', histogram, tracer),
    changeLog: timed(store.changeLog, 'changeLog', histogram, tracer),
    commits: store.commits,
    idempotency: timed(store.idempotency, 'idempotency', histogram, tracer),
    webhooks: timed(store.webhooks, 'webhooks', histogram, tracer),
    ping: async () => { await store.ping() },
    close: async () => { await store.close() }
  }
}
