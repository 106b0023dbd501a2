// The taskd application: a Fastify instance with both API families and their
// cross-cutting plugins, ready to inject into or listen with. It never listens itself.
import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import { createHumanTaskHandlers } from './handlers/human-task-handlers.js'
import { createTaskStatusHandlers } from './handlers/task-status-handlers.js'
import { htmErrorBody } from './http/htm-error-body.js'
import { taskStatusErrorBody } from './http/task-status-error-body.js'
import { registerApiFamily, setNotFoundByFamily, type ApiFamily } from './plugins/api-family.js'
import { setFamilyErrorHandler } from './plugins/error-handler.js'
import jsonPatchParser from './plugins/json-patch-parser.js'
import validatorCompiler from './plugins/validator-compiler.js'
import type { TaskStore } from './store/task-store.js'

export const TASK_STATUS_TAG = 'Task Status'
export const HUMAN_TASK_TAG = 'Human Tasks'
/** The official clients append a version segment to their base URL. */
export const VERSION_SEGMENTS = ['', '/beta', '/v2024', '/v2025', '/v2026'] as const

const BODY_LIMIT = 1024 * 1024

export interface AppOptions {
  config: Config
  store: TaskStore
  /** Fastify's logger option; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger']
}

export function apiFamilies (config: Config, store: TaskStore): { taskStatus: ApiFamily, humanTask: ApiFamily } {
  return {
    taskStatus: {
      tag: TASK_STATUS_TAG,
      prefix: config.apiPrefix,
      segments: VERSION_SEGMENTS,
      handlers: createTaskStatusHandlers(store, config),
      errorBody: taskStatusErrorBody
    },
    humanTask: {
      tag: HUMAN_TASK_TAG,
      prefix: config.apiPrefix + config.htmPrefix,
      segments: [''],
      handlers: createHumanTaskHandlers(store, config),
      errorBody: (problem, trackingId) => htmErrorBody(problem, trackingId, config.htmProgrammersDetails),
      // A bulk update of the most ids allowed must fit, at about 100 bytes an id.
      routeOptions: { bulkUpdateHumanTasks: { bodyLimit: BODY_LIMIT + config.bulkMaxIds * 100 } }
    }
  }
}

export async function buildApp ({ config, store, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // Request ids are ours (the ErrorResponseDto trackingId form), never a client's.
    genReqId: () => randomBytes(16).toString('hex'),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    // HEAD is answered only where the spec declares it.
    exposeHeadRoutes: false
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  await app.register(jsonPatchParser)
  await app.register(validatorCompiler)
  const { taskStatus, humanTask } = apiFamilies(config, store)
  // Errors outside any family's routes take the Task Status shape, the family
  // mounted at the root; unknown paths take the shape of the family they fall under.
  setFamilyErrorHandler(app, taskStatusErrorBody)
  setNotFoundByFamily(app, [humanTask, taskStatus], taskStatus)
  await registerApiFamily(app, taskStatus)
  await registerApiFamily(app, humanTask)
  app.addHook('onClose', async () => { await store.close() })
  return app
}
