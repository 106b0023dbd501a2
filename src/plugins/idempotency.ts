// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) on the operations whose
// spec declares the IdempotencyKey parameter. Before the handler runs, a key that has a
// record answers from it: the same request gets the recorded response again, marked
// Idempotency-Replayed, another request with the key a 422. Otherwise the request goes
// on with request.idempotency set, and its write records the response in its own
// transaction (store/idempotency.ts); the store refuses a key recorded meanwhile, so this
// lookup only saves a retry the work. A record still in progress (a bulk update between
// its transactions) answers 409 while its owner's lease holds; past it, the request goes
// on and the store takes the bulk update over where it stopped. Lapsed records are
// purged a bounded batch at a time.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { IdempotencyConfig } from '../config.js'
import { IdempotencyKeyInUseError, IdempotencyKeyMalformedError, IdempotencyKeyReusedError } from '../errors.js'
import { mediaTypeOf } from '../http/media-type.js'
import { principalOf } from '../http/principal.js'
import { loadSpec, operationsWithParameter } from '../spec.js'
import { PURGE_BATCH, type IdempotencyScope, type IdempotentWrite, type KeptResponse } from '../store/idempotency.js'
import type { TaskStore } from '../store/task-store.js'
import { operationIdOf } from '../http/route-options.js'

/** A keyed request's claim, before its handler says what response its write makes. */
export type IdempotencyClaim = Omit<IdempotentWrite, 'response'>

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on a request that carries an Idempotency-Key with no record yet. */
    idempotency: IdempotencyClaim | undefined
  }
}

export interface IdempotencyOptions {
  config: IdempotencyConfig
  /** How often lapsed records are purged, in ms. */
  purgeIntervalMs?: number
}

const KEYED_OPERATIONS = new Set(operationsWithParameter('IdempotencyKey'))
// Batches one purge may delete, each a short write of its own: a backlog is worked off
// over several intervals rather than in one long run.
const PURGE_BATCHES = 20
export const REPLAYED_HEADER = 'idempotency-replayed'

// The spec's own pattern and bound for the header, checked here: the header is read
// before anything of the request is looked up.
const KEY_SCHEMA = (loadSpec().components?.parameters?.IdempotencyKey as { schema: { pattern: string, maxLength: number } }).schema
const KEY_PATTERN = new RegExp(KEY_SCHEMA.pattern, 'u')
const KEY_MAX_CHARACTERS = 255

/** The key of an Idempotency-Key value: a structured-field string ("…") or the bare value, as the spec's pattern allows. */
export function idempotencyKeyOf (value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value
}

/** What makes two requests with one key the same request: method, route, path parameters, query, media type and body. */
export function requestFingerprint (request: FastifyRequest): string {
  const body = createHash('sha256').update(request.body === undefined ? '' : JSON.stringify(request.body)).digest('hex')
  const parts = [request.method, request.routeOptions.url ?? '', request.params ?? {}, request.query ?? {}, mediaTypeOf(request.headers['content-type']) ?? '', body]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

/** Sends a kept response: the write's own, or a replay of it. */
export async function sendKept (reply: FastifyReply, response: KeptResponse): Promise<FastifyReply> {
  reply.code(response.status).headers(response.headers)
  return await (response.body === null ? reply.send() : reply.send(response.body))
}

/** What the write of a keyed request records with it: the response its result makes. */
export function idempotentWrite<R> (request: FastifyRequest, response: (result: R) => KeptResponse | undefined): IdempotentWrite | undefined {
  const claim = request.idempotency
  return claim === undefined ? undefined : { ...claim, response: (result) => response(result as R) }
}

async function purgeLapsed (app: FastifyInstance, store: TaskStore): Promise<void> {
  for (let batch = 0; batch < PURGE_BATCHES; batch++) {
    if (await store.idempotency.purgeExpired(Date.now(), PURGE_BATCH) < PURGE_BATCH) return
    await nextTurn()
  }
  app.log.info({ purged: PURGE_BATCHES * PURGE_BATCH }, 'idempotency records: purge stopped at its bound, the rest goes next time')
}

async function idempotency (app: FastifyInstance, { config, purgeIntervalMs = 60_000 }: IdempotencyOptions): Promise<void> {
  const store = app.store
  app.decorateRequest('idempotency', undefined)
  app.addHook('preHandler', async (request, reply) => {
    const operation = operationIdOf(request.routeOptions.schema)
    const header = request.headers['idempotency-key']
    if (operation === undefined || header === undefined || !KEYED_OPERATIONS.has(operation)) return
    // Repeated header lines arrive joined by a comma and a space, which the pattern refuses.
    if (typeof header !== 'string' || header.length > KEY_SCHEMA.maxLength || !KEY_PATTERN.test(header)) throw new IdempotencyKeyMalformedError(KEY_MAX_CHARACTERS)
    const scope: IdempotencyScope = { principal: principalOf(request), operation, key: idempotencyKeyOf(header) }
    const fingerprint = requestFingerprint(request)
    const record = await store.idempotency.get(scope)
    if (record !== undefined && record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError()
    if (record?.response === undefined) {
      if (record?.progress !== undefined && record.progress.leaseExpiresAt > Date.now()) throw new IdempotencyKeyInUseError()
      request.idempotency = { ...scope, fingerprint, expiresAt: Date.now() + config.ttlSeconds * 1000, maxBodyBytes: config.maxResponseBytes, leaseMs: config.leaseMs }
      return
    }
    reply.header(REPLAYED_HEADER, 'true')
    return await sendKept(reply, record.response)
  })
  let purging: Promise<void> | undefined
  const timer = setInterval(() => {
    purging ??= purgeLapsed(app, store)
      .catch((error: unknown) => { app.log.warn({ err: error }, 'idempotency records: purge failed, tried again next time') })
      .finally(() => { purging = undefined })
  }, purgeIntervalMs)
  timer.unref()
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await purging
  })
}

export default fp(idempotency, { name: 'taskd-idempotency', dependencies: ['taskd-json-body-parsers', 'taskd-task-store'] })
