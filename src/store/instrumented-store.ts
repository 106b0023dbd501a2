// A TaskStore that times every repository call into a Prometheus histogram, by
// repository and method, without the adapters knowing about metrics.
import type { Histogram } from 'prom-client'
import type { TaskStore } from './task-store.js'

type StoreHistogram = Histogram<'repository' | 'operation' | 'outcome'>

function isAsyncIterable (value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}

// A page read in batches is timed from the call until its last batch is read.
async function * timedBatches (batches: AsyncIterable<unknown>, end: (labels: { outcome: string }) => void): AsyncGenerator<unknown> {
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
function timed<T extends object> (repository: T, name: string, histogram: StoreHistogram): T {
  const methods = repository as Record<string, unknown>
  const wrapped: Record<string, unknown> = {}
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[property] = value
      continue
    }
    wrapped[property] = (...args: unknown[]) => {
      const end = histogram.startTimer({ repository: name, operation: property })
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

export function instrumentedStore (store: TaskStore, histogram: StoreHistogram): TaskStore {
  return {
    taskStatuses: timed(store.taskStatuses, 'taskStatuses', histogram),
    humanTasks: timed(store.humanTasks, 'humanTasks', histogram),
    changeLog: timed(store.changeLog, 'changeLog', histogram),
    ping: async () => { await store.ping() },
    close: async () => { await store.close() }
  }
}
