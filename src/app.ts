// The taskd application: a Fastify instance with both API families and their
// cross-cutting plugins, ready to inject into or listen with. It never listens itself.
import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import { taskStatusErrorBody } from './http/task-status-error-body.js'
import { setFamilyErrorHandler, setFamilyNotFoundHandler } from './plugins/error-handler.js'
import jsonPatchParser from './plugins/json-patch-parser.js'
import { taskStatusApi } from './plugins/task-status-api.js'
import validatorCompiler from './plugins/validator-compiler.js'
import type { TaskStore } from './store/task-store.js'

export interface AppOptions {
  config: Config
  store: TaskStore
  /** Fastify's logger option; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger']
}

export async function buildApp ({ config, store, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // Request ids are ours (the ErrorResponseDto trackingId form), never a client's.
    genReqId: () => randomBytes(16).toString('hex'),
    requestIdHeader: false,
    // HEAD is answered only where the spec declares it.
    exposeHeadRoutes: false
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  await app.register(jsonPatchParser)
  await app.register(validatorCompiler)
  // Errors outside any family's routes (unknown paths, say) take the Task Status
  // shape, the family mounted at the root.
  setFamilyErrorHandler(app, taskStatusErrorBody)
  setFamilyNotFoundHandler(app, taskStatusErrorBody)
  await app.register(async (family) => {
    setFamilyErrorHandler(family, taskStatusErrorBody)
    await taskStatusApi(family, { store, config })
  })
  app.addHook('onClose', async () => { await store.close() })
  return app
}
