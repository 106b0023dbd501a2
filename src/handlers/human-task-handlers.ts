// The Human Task family's operations, by operationId. Each takes the validated
// request, calls the domain and the store, and maps the outcome to the response.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { format } from 'node:util'
import type { Config } from '../config.js'
import { humanTaskQuery } from '../domain/human-task-query.js'
import { actOnHumanTask, checkedCustomProperties, createHumanTask, newTkiid, updateHumanTask, type HumanTask } from '../domain/human-task.js'
import { BodyRequiredError, HumanTaskNotFoundError, QueryParameterError, TooManyIdsError } from '../errors.js'
import { htmErrorNumber } from '../http/htm-error-numbers.js'
import { toHttpProblem } from '../http/http-problem.js'
import { htmHistoryItemJson } from '../http/htm-history.js'
import { pageBody, peekedBatches } from '../http/page-body.js'
import { principalOf } from '../http/principal.js'
import { idempotentWrite, sendKept } from '../plugins/idempotency.js'
import type { KeptResponse } from '../store/idempotency.js'
import type { BulkUpdateOutcome, Stored, TaskStore } from '../store/task-store.js'
import { watchCursor } from '../watch/watch-cursor.js'
import { humanTaskWatchFilter } from '../watch/watch-filters.js'
import { lastEventIdOf, type OperationHandlers } from './operation-types.js'

export type HumanTaskOperationId =
  'createHumanTask' | 'bulkUpdateHumanTasks' | 'getHumanTask' | 'actOnHumanTask' | 'deleteHumanTask' | 'queryHumanTasks' | 'getHumanTaskHistory' | 'watchHumanTasks'

function storedText (stored: Stored<HumanTask>): string {
  return stored.json ?? JSON.stringify(stored.document)
}

const JSON_TYPE = 'application/json; charset=utf-8'

// The responses of the writes a key may make idempotent: sent, and kept with the write.
const created = (url: string) => (stored: Stored<HumanTask>): KeptResponse =>
  ({ status: 201, headers: { location: `${url}/${stored.document.tkiid}`, 'content-type': JSON_TYPE }, body: storedText(stored) })

const actedOn = (stored: Stored<HumanTask> | undefined): KeptResponse | undefined =>
  stored === undefined ? undefined : { status: 200, headers: { 'content-type': JSON_TYPE }, body: storedText(stored) }

// A missing task's failure is the catalog's message with its id, made without an Error
// (and its stack trace) per id: 50,000 unknown ids made 50,000 of them in one turn.
const notFound = toHttpProblem(new HumanTaskNotFoundError('%s'))
const NOT_FOUND_NUMBER = htmErrorNumber(notFound)

function failedUpdateJson (outcome: BulkUpdateOutcome): string | undefined {
  if (outcome.outcome === 'updated') return undefined
  if (outcome.outcome === 'missing') return JSON.stringify({ tkiid: outcome.id, errorNumber: NOT_FOUND_NUMBER, errorMessage: format(notFound.message, outcome.id) })
  const problem = toHttpProblem(outcome.error)
  return JSON.stringify({ tkiid: outcome.id, errorNumber: htmErrorNumber(problem), errorMessage: problem.message })
}

function bulkUpdatedResponse (failedUpdates: readonly string[]): KeptResponse {
  return failedUpdates.length === 0
    ? { status: 200, headers: {}, body: null }
    : { status: 200, headers: { 'content-type': JSON_TYPE }, body: `{"failedUpdates":[${failedUpdates.join(',')}]}` }
}

// The failures among outcomes[start, end), appended to failedUpdates.
function collectFailures (outcomes: readonly BulkUpdateOutcome[], start: number, end: number, failedUpdates: string[]): void {
  for (let index = start; index < end; index++) {
    const json = failedUpdateJson(outcomes[index] as BulkUpdateOutcome)
    if (json !== undefined) failedUpdates.push(json)
  }
}

function bulkUpdated (outcomes: readonly BulkUpdateOutcome[]): KeptResponse {
  const failedUpdates: string[] = []
  collectFailures(outcomes, 0, outcomes.length, failedUpdates)
  return bulkUpdatedResponse(failedUpdates)
}

// The outcomes of a bulk without an Idempotency-Key, a slice at a time with a turn of the
// event loop between: a failure per id of 50,000 is megabytes of JSON.
const FAILURES_SLICE = 2000

async function bulkUpdatedInSlices (outcomes: readonly BulkUpdateOutcome[]): Promise<KeptResponse> {
  const failedUpdates: string[] = []
  for (let start = 0; start < outcomes.length; start += FAILURES_SLICE) {
    if (start > 0) await nextTurn()
    collectFailures(outcomes, start, Math.min(start + FAILURES_SLICE, outcomes.length), failedUpdates)
  }
  return bulkUpdatedResponse(failedUpdates)
}

export function createHumanTaskHandlers (store: TaskStore, config: Pick<Config, 'bulkMaxIds'>): OperationHandlers<HumanTaskOperationId> {
  const repository = store.humanTasks

  function found (tkiid: string, stored: Stored<HumanTask> | undefined): HumanTask {
    if (stored === undefined) throw new HumanTaskNotFoundError(tkiid)
    return stored.document
  }

  function actedOnFound (tkiid: string, stored: Stored<HumanTask> | undefined): KeptResponse {
    const response = actedOn(stored)
    if (response === undefined) throw new HumanTaskNotFoundError(tkiid)
    return response
  }

  return {
    async createHumanTask (request, reply) {
      const now = new Date()
      const principal = principalOf(request)
      const task = createHumanTask(request.body, newTkiid(), principal, now)
      // The route's own URL, so the Location keeps whatever prefix the request came through.
      const response = created(request.routeOptions.url ?? '')
      return await sendKept(reply, response(await repository.insert(task, { principal, time: now, idempotency: idempotentWrite(request, response) })))
    },

    async getHumanTask (request) {
      return found(request.params.tkiid, await repository.get(request.params.tkiid))
    },

    async actOnHumanTask (request, reply) {
      const { tkiid } = request.params
      const { action } = request.query
      const now = new Date()
      const principal = principalOf(request)
      const idempotency = idempotentWrite(request, actedOn)
      if (action === 'update') {
        const properties = request.body
        if (properties === undefined) throw new BodyRequiredError('application/json')
        return await sendKept(reply, actedOnFound(tkiid, await repository.update(tkiid, (current) => updateHumanTask(current.document, properties, now), { principal, time: now, idempotency })))
      }
      if (request.body !== undefined) throw new QueryParameterError(`The action '${action}' takes no request body`)
      return await sendKept(reply, actedOnFound(tkiid, await repository.update(tkiid, (current) => actOnHumanTask(current.document, action, principal, now), { principal, kind: action, time: now, idempotency })))
    },

    async deleteHumanTask (request, reply) {
      if (!await repository.delete(request.params.tkiid, { principal: principalOf(request) })) throw new HumanTaskNotFoundError(request.params.tkiid)
      return await reply.code(204).send()
    },

    async getHumanTaskHistory (request, reply) {
      const { tkiid } = request.params
      const { offset = 0, limit = 1000 } = request.query ?? {}
      const { empty, batches } = await peekedBatches(store.changeLog.history('human-task', tkiid, offset, limit))
      if (empty && offset === 0) throw new HumanTaskNotFoundError(tkiid)
      const body = await pageBody(batches, htmHistoryItemJson, `{"tkiid":${JSON.stringify(tkiid)},"items":[`, ']}')
      return await reply.type('application/json; charset=utf-8').send(body)
    },

    async queryHumanTasks (request, reply) {
      const query = humanTaskQuery(request.query ?? {})
      // Read before the query, so that a watch from it misses no change the page does not show.
      reply.header('x-change-sequence', await store.changeLog.head())
      const { total, items } = await repository.query(query)
      // Stored tasks are in the response's form: their text goes out as it is, a batch at a time.
      const body = await pageBody(items, storedText, `{"total":${total},"offset":${query.offset},"limit":${query.limit},"items":[`, ']}')
      return await reply.type('application/json; charset=utf-8').send(body)
    },

    async watchHumanTasks (request, reply) {
      const filter = humanTaskWatchFilter(request.query ?? {})
      const cursor = await watchCursor(store.changeLog, lastEventIdOf(request), request.query?.since)
      await request.server.watchStreams.serve(request, reply, 'human-task', filter, cursor)
    },

    async bulkUpdateHumanTasks (request, reply) {
      const { updatedTaskIDs, updatedPropertyValues } = request.body
      if (updatedTaskIDs.length > config.bulkMaxIds) throw new TooManyIdsError(updatedTaskIDs.length, config.bulkMaxIds)
      // Part of validating the whole request first: a bad name is the request's fault, not a task's.
      checkedCustomProperties(updatedPropertyValues.customProperties)
      // The body was parsed and validated in the turns before; the ids' deduplication
      // and the store's first slice get a turn of their own.
      if (updatedTaskIDs.length > FAILURES_SLICE) await nextTurn()
      const now = new Date()
      const idempotency = idempotentWrite(request, bulkUpdated)
      const outcomes = await repository.updateMany([...new Set(updatedTaskIDs)], (current) => updateHumanTask(current.document, updatedPropertyValues, now),
        { principal: principalOf(request), time: now, idempotency })
      // A keyed bulk's response is kept with its last write, so it is made there, whole.
      return await sendKept(reply, idempotency === undefined ? await bulkUpdatedInSlices(outcomes) : bulkUpdated(outcomes))
    }
  }
}
