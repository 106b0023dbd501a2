// The requests being answered, for a shutdown that waits for them and then closes
// every connection left. A client's keep-alive connections can outlive its last
// request in a state Node's server.close() does not count as idle (seen under
// sustained load from undici's pool: thousands of connections still open after close),
// and they would hold the shutdown until the grace period ran out. So would a request
// whose client went away while it was being answered, were it not ended by its close.
import type { FastifyInstance, FastifyRequest } from 'fastify'

export interface InFlightRequests {
  /** Resolves once no request is being answered (at once when none is). */
  drained: () => Promise<void>
}

export function trackInFlightRequests (app: FastifyInstance): InFlightRequests {
  // The requests themselves, not a count: a request that is aborted and then
  // answered anyway must end only once.
  const answering = new Set<FastifyRequest>()
  let waiters: Array<() => void> = []
  const end = (request: FastifyRequest): void => {
    if (!answering.delete(request) || answering.size > 0) return
    const ready = waiters
    waiters = []
    for (const resolve of ready) resolve()
  }
  app.addHook('onRequest', async (request, reply) => {
    answering.add(request)
    // A client that goes away after sending its whole request gets neither hook below:
    // onRequestAbort is for a request cut short, and onResponse waits for a 'finish' that a
    // response written to a closed socket never has. Its response's 'close' still comes.
    reply.raw.once('close', () => { end(request) })
  })
  app.addHook('onResponse', async (request) => { end(request) })
  app.addHook('onRequestAbort', async (request) => { end(request) })
  return {
    drained: async () => {
      if (answering.size === 0) return
      await new Promise<void>((resolve) => { waiters.push(resolve) })
    }
  }
}
