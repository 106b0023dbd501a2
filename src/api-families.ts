// The API families taskd serves, each the spec's operations under one tag: where it is
// mounted, its handlers and its error shape. Adding a family is one entry here (and
// its tag in the spec). Known from the configuration alone, before the app is made, so
// that even what the router refuses answers in the right family's shape.
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import { createSecurityHandlers } from './auth/security-handlers.js'
import type { Config } from './config.js'
import { createHumanTaskHandlers } from './handlers/human-task-handlers.js'
import { createOAuthHandlers } from './handlers/oauth-handlers.js'
import { createTaskStatusHandlers } from './handlers/task-status-handlers.js'
import { createWebhookHandlers } from './handlers/webhook-handlers.js'
import type { ApiFamily, FamilyServices } from './http/api-family.js'
import { htmErrorBody } from './http/htm-error-body.js'
import { readMultipartFields } from './http/multipart-fields.js'
import { oauthErrorBody } from './http/oauth-error-body.js'
import { taskStatusErrorBody } from './http/task-status-error-body.js'
import { createStreamTokens } from './watch/stream-tokens.js'

export const TASK_STATUS_TAG = 'Task Status'
export const HUMAN_TASK_TAG = 'Human Tasks'
export const OAUTH_TAG = 'OAuth'
/** The official clients append a version segment to their base URL. */
export const VERSION_SEGMENTS = ['', '/beta', '/v2024', '/v2025', '/v2026'] as const

export interface ApiFamilies {
  all: readonly ApiFamily[]
  /** The family mounted at the root: its shape answers URLs under no family's paths. */
  root: ApiFamily
}

export function apiFamilies (config: Config): ApiFamilies {
  const streamTokens = createStreamTokens(config.watch.tokenSecret ?? config.auth.jwtSecret, config.watch.tokenTtlSeconds)
  const securedBy = ({ authenticator, limiter }: FamilyServices): object => createSecurityHandlers(authenticator, limiter, streamTokens)
  const taskStatus: ApiFamily = {
    tag: TASK_STATUS_TAG,
    prefix: config.apiPrefix,
    segments: VERSION_SEGMENTS,
    handlers: ({ store }) => ({ ...createTaskStatusHandlers(store, config, streamTokens), ...createWebhookHandlers(store, config) }),
    errorBody: taskStatusErrorBody,
    securityHandlers: securedBy
  }
  const humanTask: ApiFamily = {
    tag: HUMAN_TASK_TAG,
    prefix: config.apiPrefix + config.htmPrefix,
    segments: [''],
    handlers: ({ store }) => createHumanTaskHandlers(store, config),
    errorBody: (problem, trackingId) => htmErrorBody(problem, trackingId, config.htmProgrammersDetails),
    securityHandlers: securedBy,
    // A bulk update of the most ids allowed must fit, at about 100 bytes an id.
    routeOptions: { bulkUpdateHumanTasks: { bodyLimit: config.bodyLimit + config.bulkMaxIds * 100 } }
  }
  const oauth: ApiFamily = {
    tag: OAUTH_TAG,
    prefix: config.apiPrefix,
    segments: [''],
    handlers: ({ authenticator, limiter }) => createOAuthHandlers(authenticator, limiter),
    errorBody: oauthErrorBody,
    // The official client posts its token request as multipart form data.
    setup: async (context) => {
      await context.register(formbody, { bodyLimit: 16 * 1024 })
      await context.register(multipart, { limits: { fields: 10, fieldSize: 4096, files: 0, parts: 10 } })
      context.addHook('preValidation', readMultipartFields)
    }
  }
  return { all: [taskStatus, humanTask, oauth], root: taskStatus }
}
