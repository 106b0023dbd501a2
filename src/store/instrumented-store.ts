// A TaskStore that times every repository call into a Prometheus histogram, by
// repository and method, without the adapters knowing about metrics.
import type { Histogram } from 'prom-client'
import type { TaskStore } from './task-store.js'

// Each method is wrapped once, when the store is made, not on every call; the wrapper
// looks the method up when called, so it follows the repository as it is then.
function timed<T extends object> (repository: T, name: string, histogram: Histogram<'repository' | 'operation' | 'outcome'>): T {
  const methods = repository as Record<string, unknown>
  const wrapped: Record<string, unknown> = {}
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[property] = value
      continue
    }
    wrapped[property] = async (...args: unknown[]) => {
      const end = histogram.startTimer({ repository: name, operation: property })
      try {
        const result: unknown = await (methods[property] as (...args: unknown[]) => unknown).apply(repository, args)
        end({ outcome: 'ok' })
        return result
      } catch (error) {
        end({ outcome: 'error' })
        throw error
      }
    }
  }
  return wrapped as T
}

export function instrumentedStore (store: TaskStore, histogram: Histogram<'repository' | 'operation' | 'outcome'>): TaskStore {
  return {
    taskStatuses: timed(store.taskStatuses, 'taskStatuses', histogram),
    humanTasks: timed(store.humanTasks, 'humanTasks', histogram),
    ping: async () => { await store.ping() },
    close: async () => { await store.close() }
  }
}
