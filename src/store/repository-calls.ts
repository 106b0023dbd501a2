// Something done around every call of a repository's methods, without the adapters
// knowing: timing and tracing them (instrumented-store.ts), translating an adapter's
// faults (sqlite-faults.ts). A call settles when its promise does, or, for a page read
// in batches, when its last batch has been read.

/** What happens when one call ends: `failed` returns what to throw in the error's place. */
export interface CallEnding {
  succeeded: () => void
  failed: (error: unknown) => unknown
}

function isAsyncIterable (value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}

async function * endedBatches (batches: AsyncIterable<unknown>, ending: CallEnding): AsyncGenerator<unknown> {
  try {
    yield * batches
  } catch (error) {
    throw ending.failed(error)
  }
  ending.succeeded()
}

/**
 * The repository with each method wrapped: `begin` is called as a call starts, and its
 * ending when the call settles. Each method is wrapped once, when the store is made;
 * the wrapper looks the method up when called, so it follows the repository as it is then.
 */
export function aroundRepositoryCalls<R extends object> (repository: R, begin: (method: string) => CallEnding): R {
  const methods = repository as Record<string, unknown>
  const wrapped: Record<string, unknown> = {}
  for (const [property, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[property] = value
      continue
    }
    wrapped[property] = (...args: unknown[]) => {
      const ending = begin(property)
      let result: unknown
      try {
        result = (methods[property] as (...args: unknown[]) => unknown).apply(repository, args)
      } catch (error) {
        throw ending.failed(error)
      }
      if (isAsyncIterable(result)) return endedBatches(result, ending)
      return Promise.resolve(result).then((settled) => {
        ending.succeeded()
        return settled
      }, (error: unknown) => { throw ending.failed(error) })
    }
  }
  return wrapped as R
}
