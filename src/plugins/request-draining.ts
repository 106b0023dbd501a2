// The requests being answered, for a shutdown that lets them finish against an open
// store. Registered before every other plugin, so that its onRequest hook is the first
// a request meets: a request counted here has run none of the asynchronous hooks that
// would let a shutdown see "nothing in flight" while it is on its way to the store.
// Once draining, each new request (one on a keep-alive connection, or one that reached
// the listener before it closed) is refused with a 503 in its family's shape and its
// connection closed, instead of Fastify's own return503OnClosing body.
// A client's keep-alive connections can outlive its last request in a state Node's
// server.close() does not count as idle (seen under sustained load from undici's pool),
// so the shutdown closes every connection left once the requests have drained.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ShuttingDownError } from '../errors.js'

export interface RequestDraining {
  /** From now on, every new request is refused with a 503 and Connection: close. */
  refuseNew: () => void
  /** Resolves once no request is being answered (at once when none is). */
  drained: () => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    requestDraining: RequestDraining
  }
}

async function requestDraining (app: FastifyInstance): Promise<void> {
  // The requests themselves, not a count: a request that is aborted and then
  // answered anyway must end only once.
  const answering = new Set<FastifyRequest>()
  let refusing = false
  let waiters: Array<() => void> = []
  const end = (request: FastifyRequest): void => {
    if (!answering.delete(request) || answering.size > 0) return
    const ready = waiters
    waiters = []
    for (const resolve of ready) resolve()
  }
  app.decorate('requestDraining', {
    refuseNew: () => { refusing = true },
    drained: async () => {
      if (answering.size === 0) return
      await new Promise<void>((resolve) => { waiters.push(resolve) })
    }
  })
  app.addHook('onRequest', (request, reply, done) => {
    answering.add(request)
    // A client that goes away after sending its whole request gets neither hook below:
    // onRequestAbort is for a request cut short, and onResponse waits for a 'finish' that
    // a response written to a closed socket never has. Its response's 'close' still comes.
    reply.raw.once('close', () => { end(request) })
    if (!refusing) {
      done()
      return
    }
    reply.header('connection', 'close')
    done(new ShuttingDownError())
  })
  app.addHook('onResponse', (request, _reply, done) => {
    end(request)
    done()
  })
  app.addHook('onRequestAbort', (request, done) => {
    end(request)
    done()
  })
}

export default fp(requestDraining, { name: 'taskd-request-draining', fastify: '5.x' })
