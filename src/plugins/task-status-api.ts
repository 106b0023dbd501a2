// The Task Status family: its operations from the spec, mounted at the API prefix and
// under each version segment the official clients append to their base URL. One
// spec, one set of handlers, a route per operation and mount point.
import type { FastifyInstance } from 'fastify'
import openapiGlue from 'fastify-openapi-glue'
import type { Config } from '../config.js'
import { createTaskStatusHandlers } from '../handlers/task-status-handlers.js'
import { specForTag } from '../spec.js'
import type { TaskStore } from '../store/task-store.js'
import declaredContentTypes from './declared-content-types.js'

export const TASK_STATUS_TAG = 'Task Status'
export const VERSION_SEGMENTS = ['', '/beta', '/v2024', '/v2025', '/v2026'] as const

export interface TaskStatusApiOptions {
  store: TaskStore
  config: Config
}

export async function taskStatusApi (app: FastifyInstance, { store, config }: TaskStatusApiOptions): Promise<void> {
  await app.register(declaredContentTypes)
  await app.register(openapiGlue, {
    specification: specForTag(TASK_STATUS_TAG, VERSION_SEGMENTS),
    serviceHandlers: createTaskStatusHandlers(store, config),
    prefix: config.apiPrefix
  })
}
