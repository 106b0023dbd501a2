// The Task Status family's operations, by operationId. Each takes the validated
// request, calls the domain and the store, and maps the outcome to the response.
import type { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { Config } from '../config.js'
import { entityTag, ifMatchAllows } from '../domain/entity-tag.js'
import { isEmptyMergePatch } from '../domain/json-merge-patch.js'
import { applyTaskStatusMergePatch, applyTaskStatusPatch, taskStatusPatchLimits } from '../domain/task-status-patch.js'
import { parseTaskStatusFilter, parseTaskStatusSorters, type TaskStatusCondition } from '../domain/task-status-query.js'
import { createTaskStatus, newTaskStatusId, presentTaskStatus, type TaskStatus } from '../domain/task-status.js'
import { PreconditionFailedError, TaskStatusNotFoundError } from '../errors.js'
import type { components } from '../generated/openapi.js'
import { mediaTypeOf } from '../http/media-type.js'
import { pageBody, peekedBatches } from '../http/page-body.js'
import { principalOf } from '../http/principal.js'
import { idempotentWrite, sendKept } from '../plugins/idempotency.js'
import { requestBodyOf, specOperations } from '../spec.js'
import { changeEntryJson } from '../store/change-log.js'
import type { KeptResponse } from '../store/idempotency.js'
import type { Stored, TaskStore } from '../store/task-store.js'
import type { StreamTokens } from '../watch/stream-tokens.js'
import { watchCursor } from '../watch/watch-cursor.js'
import { taskStatusWatchFilter } from '../watch/watch-filters.js'
import { lastEventIdOf, type OperationHandlers } from './operation-types.js'

export type TaskStatusOperationId =
  'getTaskStatusList' | 'createTaskStatus' | 'getPendingTasks' | 'getPendingTaskHeaders' |
  'getTaskStatus' | 'updateTaskStatus' | 'deleteTaskStatus' | 'optionsTaskStatus' | 'getTaskStatusHistory' | 'watchTaskStatuses' | 'createWatchToken'

interface Paging { limit?: number, offset?: number, count?: boolean }

const PENDING: TaskStatusCondition = { type: 'isnull', field: 'completed' }
const ALLOW = specOperations()
  .filter((operation) => operation.path === '/task-status/{id}')
  .map((operation) => operation.method.toUpperCase())
  .join(', ')
const ACCEPT_PATCH = requestBodyOf('updateTaskStatus').mediaTypes.join(', ')
const JSON_TYPE = 'application/json; charset=utf-8'
const MERGE_PATCH_TYPE = 'application/merge-patch+json'

type JsonPatch = components['schemas']['JsonPatch']

export function createTaskStatusHandlers (store: TaskStore, config: Pick<Config, 'completionStatusCase' | 'storeLimits'>, streamTokens: StreamTokens): OperationHandlers<TaskStatusOperationId> {
  const repository = store.taskStatuses
  const patchLimits = taskStatusPatchLimits(config.storeLimits.taskStatusMaxBytes)

  // Documents are stored in the response's form when completionStatus keeps its stored
  // spelling: then the stored text goes out as it is, neither parsed nor serialized.
  const sendsStoredText = config.completionStatusCase === 'title'

  function send (reply: FastifyReply, stored: Stored<TaskStatus>): TaskStatus | string {
    reply.header('etag', entityTag(stored.version))
    if (sendsStoredText && stored.json !== undefined) {
      reply.type(JSON_TYPE)
      return stored.json
    }
    return presentTaskStatus(stored.document, config.completionStatusCase)
  }

  const text = (stored: Stored<TaskStatus>): string => sendsStoredText && stored.json !== undefined
    ? stored.json
    : JSON.stringify(presentTaskStatus(stored.document, config.completionStatusCase))

  // The responses of the writes a key may make idempotent: sent, and kept with the write.
  const created = (url: string) => (stored: Stored<TaskStatus>): KeptResponse => ({
    status: 201,
    headers: { location: `${url}/${stored.document.id}`, etag: entityTag(stored.version), 'content-type': JSON_TYPE },
    body: text(stored)
  })
  const updated = (stored: Stored<TaskStatus> | undefined): KeptResponse | undefined => stored === undefined
    ? undefined
    : { status: 200, headers: { etag: entityTag(stored.version), 'content-type': JSON_TYPE }, body: text(stored) }

  async function page (reply: FastifyReply, filter: TaskStatusCondition | undefined, sorters: string | undefined, paging: Paging): Promise<string | Readable> {
    const sort = parseTaskStatusSorters(sorters)
    // Read before the list, so that a watch from it misses no change the list does not show.
    reply.header('x-change-sequence', await store.changeLog.head())
    const body = await pageBody(repository.list({ filter, sort, offset: paging.offset ?? 0, limit: paging.limit ?? 250 }), text, '[', ']')
    if (paging.count === true) reply.header('x-total-count', await repository.count(filter))
    reply.type(JSON_TYPE)
    return body
  }

  async function get (id: string): Promise<Stored<TaskStatus>> {
    const stored = await repository.get(id)
    if (stored === undefined) throw new TaskStatusNotFoundError(id)
    return stored
  }

  return {
    async getTaskStatusList (request, reply) {
      const { filters, sorters, ...paging } = request.query ?? {}
      return await page(reply, parseTaskStatusFilter(filters), sorters, paging)
    },

    async createTaskStatus (request, reply) {
      const now = new Date()
      // The route's own URL, so the Location keeps the version segment the client used.
      const response = created(request.routeOptions.url ?? '')
      const stored = await repository.insert(createTaskStatus(request.body, newTaskStatusId(), now), { principal: principalOf(request), time: now, idempotency: idempotentWrite(request, response) })
      return await sendKept(reply, response(stored))
    },

    async getPendingTasks (request, reply) {
      return await page(reply, PENDING, undefined, request.query ?? {})
    },

    async getPendingTaskHeaders (_request, reply) {
      reply.header('x-total-count', await repository.count(PENDING))
      return await reply.send()
    },

    async getTaskStatus (request, reply) {
      return send(reply, await get(request.params.id))
    },

    async updateTaskStatus (request, reply) {
      const ifMatch = request.headers['if-match']
      const body = request.body
      const merge = mediaTypeOf(request.headers['content-type']) === MERGE_PATCH_TYPE
      // An empty patch ([] or the merge patch {}) is valid and changes nothing: nothing is
      // written, so neither `modified` nor the version moves, and the answer is the
      // document as it is.
      if (Array.isArray(body) ? body.length === 0 : isEmptyMergePatch(body)) {
        const current = await get(request.params.id)
        if (!ifMatchAllows(ifMatch, current.version)) throw new PreconditionFailedError(ifMatch ?? '')
        return send(reply, current)
      }
      const now = new Date()
      const stored = await repository.update(request.params.id, (current) => {
        if (!ifMatchAllows(ifMatch, current.version)) throw new PreconditionFailedError(ifMatch ?? '')
        return merge
          ? applyTaskStatusMergePatch(current.document, body, now)
          : applyTaskStatusPatch(current.document, body as JsonPatch, now, patchLimits)
      // A merge patch is logged as the document it made (see change-recorders.ts).
      }, { principal: principalOf(request), ...(!merge && { patch: body as JsonPatch }), time: now, idempotency: idempotentWrite(request, updated) })
      const response = updated(stored)
      if (response === undefined) throw new TaskStatusNotFoundError(request.params.id)
      return await sendKept(reply, response)
    },

    async deleteTaskStatus (request, reply) {
      if (!await repository.delete(request.params.id, { principal: principalOf(request) })) throw new TaskStatusNotFoundError(request.params.id)
      return await reply.code(204).send()
    },

    async getTaskStatusHistory (request, reply) {
      const { id } = request.params
      const { limit = 250, offset = 0 } = request.query ?? {}
      const { empty, batches } = await peekedBatches(store.changeLog.history('task-status', id, offset, limit))
      if (empty && offset === 0) throw new TaskStatusNotFoundError(id)
      return await reply.type(JSON_TYPE).send(await pageBody(batches, changeEntryJson, '[', ']'))
    },

    async watchTaskStatuses (request, reply) {
      const filter = taskStatusWatchFilter(request.query ?? {})
      const cursor = await watchCursor(store.changeLog, lastEventIdOf(request), request.query?.since)
      await request.server.watchStreams.serve(request, reply, 'task-status', filter, cursor)
    },

    async createWatchToken (request, reply) {
      return await reply.code(201).send(streamTokens.issue(principalOf(request), request.grantedScopes ?? undefined))
    },

    async optionsTaskStatus (_request, reply) {
      return await reply.code(204).header('allow', ALLOW).header('accept-patch', ACCEPT_PATCH).send()
    }
  }
}
