// A TaskStore that times every repository call into a Prometheus histogram, by
// repository and method, without the adapters knowing about metrics.
import type { Histogram } from 'prom-client'
import type { TaskStore } from './task-store.js'

function timed<T extends object> (repository: T, name: string, histogram: Histogram<'repository' | 'operation' | 'outcome'>): T {
  return new Proxy(repository, {
    get (target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return async (...args: unknown[]) => {
        const end = histogram.startTimer({ repository: name, operation: String(property) })
        try {
          const result = await value.apply(target, args)
          end({ outcome: 'ok' })
          return result
        } catch (error) {
          end({ outcome: 'error' })
          throw error
        }
      }
    }
  })
}

export function instrumentedStore (store: TaskStore, histogram: Histogram<'repository' | 'operation' | 'outcome'>): TaskStore {
  return {
    taskStatuses: timed(store.taskStatuses, 'taskStatuses', histogram),
    humanTasks: timed(store.humanTasks, 'humanTasks', histogram),
    ping: async () => { await store.ping() },
    close: async () => { await store.close() }
  }
}
