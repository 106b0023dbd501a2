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
import type { FastifyInstance } from 'fastify'
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
  let answering = 0
  let refusing = false
  let waiters: Array<() => void> = []
  // A response's 'close' comes once, whether it was sent, cut short, or written to a
  // client that had gone away after sending its whole request (which gets neither
  // onResponse, whose 'finish' never comes, nor onRequestAbort, which is for a request
  // cut short). So it alone ends a request, and one function serves every response.
  function ended (): void {
    if (--answering > 0) return
    const ready = waiters
    waiters = []
    for (const resolve of ready) resolve()
  }
  app.decorate('requestDraining', {
    refuseNew: () => { refusing = true },
    drained: async () => {
      if (answering === 0) return
      await new Promise<void>((resolve) => { waiters.push(resolve) })
    }
  })
  app.addHook('onRequest', (_request, reply, done) => {
    answering++
    reply.raw.on('close', ended)
    if (!refusing) {
      done()
      return
    }
    reply.header('connection', 'close')
    done(new ShuttingDownError())
  })
}

export default fp(requestDraining, { name: 'taskd-request-draining', fastify: '5.x' })
