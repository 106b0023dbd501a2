// Counts the requests being answered, for a shutdown that waits for them and then
// closes every connection left. A client's keep-alive connections can outlive its
// last request in a state Node's server.close() does not count as idle (seen under
// sustained load from undici's pool: thousands of connections still open after close),
// and they would hold the shutdown until the grace period ran out.
import type { FastifyInstance } from 'fastify'

export interface InFlightRequests {
  /** Resolves once no request is being answered (at once when none is). */
  drained: () => Promise<void>
}

export function trackInFlightRequests (app: FastifyInstance): InFlightRequests {
  let count = 0
  let waiters: Array<() => void> = []
  const settle = (): void => {
    if (--count > 0) return
    const ready = waiters
    waiters = []
    for (const resolve of ready) resolve()
  }
  app.addHook('onRequest', async () => { count++ })
  app.addHook('onResponse', async () => { settle() })
  app.addHook('onRequestAbort', async (_request) => { settle() })
  return {
    drained: async () => {
      if (count <= 0) return
      await new Promise<void>((resolve) => { waiters.push(resolve) })
    }
  }
}
