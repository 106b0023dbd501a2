// A TaskStore that times every repository call into a Prometheus histogram, by
// repository and method, and with tracing on makes each call a span, a child of the
// request's: without the adapters knowing about metrics or traces.
import { SpanStatusCode, type Tracer } from '@opentelemetry/api'
import type { Histogram } from 'prom-client'
import type { TaskStore } from './task-store.js'

type StoreHistogram = Histogram<'repository' | 'operation' | 'outcome'>
type Ending = (labels: { outcome: string }) => void

/** The timer's end, and the span's when there is a tracer: called once with the outcome. */
function startObserving (histogram: StoreHistogram, tracer: Tracer | undefined, repository: string, operation: string): Ending {
  const end = histogram.startTimer({ repository, operation })
  if (tracer === undefined) return end
  const span = tracer.startSpan(`store ${repository}.${operation}`, { attributes: { 'db.operation.name': operation, 'taskd.repository': repository } })
  return (labels) => {
    end(labels)
    if (labels.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR })
    span.end()
  }
}

function isAsyncIterable (value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}

// A page read in batches is timed from the call until its last batch is read.
async function * timedBatches (batches: AsyncIterable<unknown>, end: Ending): AsyncGenerator<unknown> {
  try {
    yield * batches
    end({ outcome: 'ok' })
  } catch (error) {
    end({ outcome: 'error' })
    throw error
  }
}

// Each method is wrapped once, when the store is made, not on every call; the wrapper
// looks the method up when called, so it follows the repository as it is then.
function timed<T extends object> (repository: T, name: string, histogram: StoreHistogram, tracer: Tracer | undefined): T {
  const methods = repository as Record<string, unknown>
  const wrapped: Record<string, unknown> = {}
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[property] = value
      continue
    }
    wrapped[property] = (...args: unknown[]) => {
      const end = startObserving(histogram, tracer, name, property)
      let result: unknown
      try {
        result = (methods[property] as (...args: unknown[]) => unknown).apply(repository, args)
      } catch (error) {
        end({ outcome: 'error' })
        throw error
      }
      if (isAsyncIterable(result)) return timedBatches(result, end)
      return Promise.resolve(result).then((settled) => {
        end({ outcome: 'ok' })
        return settled
      }, (error: unknown) => {
        end({ outcome: 'error' })
        throw error
      })
    }
  }
  return wrapped as T
}

export function instrumentedStore (store: TaskStore, histogram: StoreHistogram, tracer?: Tracer): TaskStore {
  return {
    taskStatuses: timed(store.taskStatuses, 'taskStatuses', histogram, tracer),
    humanTasks: timed(store.humanTasks, 'humanTasks', histogram, tracer),
    changeLog: timed(store.changeLog, 'changeLog', histogram, tracer),
    ping: async () => { await store.ping() },
    close: async () => { await store.close() }
  }
}
