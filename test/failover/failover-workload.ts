// A mixed load of both API families against several taskd instances while the database
// fails over, with a record of every answer (when, from which instance, what it said),
// and the oracle: every acknowledged write is stored, each once; nothing is stored that
// was not asked for; every refusal is a 503 in its family's shape.
//
// Unlike the soak's ledger, a write refused with 503 here is "maybe": its commit may
// have reached the server just before the connection ended (README, "Running many
// instances"), so it may be stored, but at most once.
//
// Some clients send each create, append and human task update with an Idempotency-Key
// and a short timeout, and send it again with the same key after a 503, a 409 (the key's
// first request still running) or a timeout, until it is acknowledged: such a write is
// stored exactly once however many attempts it took. And the store's changes must reach
// a watcher per instance per family (the soak's, trying refused resumes again; one per
// family drops its connection during the outage) exactly once, in order, and a webhook
// subscription's receiver at least once (failover-webhooks.ts). What the store holds at
// the end, checked against the ledger, is what they are held to: every version of every
// entity written during the load.
import { randomInt, randomUUID } from 'node:crypto'
import { specResponseProblems } from '../helpers/spec-responses.js'
import type { Receiver } from '../helpers/webhook-receiver.js'
import { hasAllExpected, SoakWatcher, watcherViolations, type WatchedFamily, type WatcherReport, type WatchExpectation } from '../soak/soak-watchers.js'
import { ALL_EVENT_TYPES, hasAllChanges, webhookViolations, type Subscription, type WebhookReport } from './failover-webhooks.js'

const UNAVAILABLE_TEXT = 'The service is unavailable for a moment; retry later'

export type Family = 'task-status' | 'human-task'

/** One answer a client got. */
export interface Answer {
  at: number
  url: string
  family: Family
  operation: string
  status: number
  body: string
}

export interface FailoverLoadOptions {
  urls: string[]
  clients: number
  /** How many of the clients send their writes with an Idempotency-Key, retrying until acknowledged. */
  keyedClients: number
  durationMs: number
  /** Called once, `faultAfterMs` into the load. */
  fault: () => Promise<void>
  faultAfterMs: number
  /** Where the webhook subscription delivers (WEBHOOK_ALLOWED_NETWORKS must allow it). */
  receiver: Receiver
}

/** What the clients that retried with an Idempotency-Key did. */
export interface KeyedReport {
  /** Logical writes sent with a key. */
  writes: number
  /** Requests sent for them, first attempts included. */
  attempts: number
  /** Writes that took more than one attempt. */
  retried: number
  /** Of those, acknowledged in the end. */
  retriedAcknowledged: number
  /** Attempts given up on by the client after KEYED_TIMEOUT_MS, then sent again. */
  timeouts: number
  refused503: number
  /** Attempts answered 409: the key's first request was still running. */
  inUse409: number
  /** Acknowledgements that were a kept response (Idempotency-Replayed: true). */
  replayed: number
  /** Writes never acknowledged by the retry deadline: "maybe", as an unkeyed 503 is. */
  neverAcknowledged: number
}

export interface FailoverLoadResult {
  answers: Answer[]
  faultAt: number
  /** What the oracle found wrong; empty when the store holds what it must and may. */
  violations: string[]
  acknowledgedWrites: number
  maybeWrites: number
  keyed: KeyedReport
  watchers: WatcherReport[]
  /** Store changes each watcher was held to, summed over the watchers. */
  watchedChanges: number
  /** What a watcher's refused resume was answered, the first one. */
  watchRefusal: string | null
  webhooks: WebhookReport
}

/** A write of `value` (its tag) to `item`; for a human task, the value the custom property named by the tag is set to. */
interface Write { item: string, value: string, sets?: string }

interface Ledger {
  must: Map<string, Set<string>>
  may: Map<string, Set<string>>
  /** A human task write's tag → the value it sets the custom property to. */
  values: Map<string, string>
  /** The tags of task statuses created during the load: sent, and acknowledged with the id they got. */
  created: { may: Set<string>, acknowledged: Map<string, string> }
}

function note (ledger: Ledger, acknowledged: boolean, { item, value, sets }: Write): void {
  const add = (map: Map<string, Set<string>>): void => {
    let values = map.get(item)
    if (values === undefined) map.set(item, values = new Set())
    values.add(value)
  }
  add(ledger.may)
  if (acknowledged) add(ledger.must)
  if (sets !== undefined) ledger.values.set(value, sets)
}

/** Whether an answer is the 409 of a key whose first request is still being processed, in its family's shape. */
function isKeyInUse (answer: Pick<Answer, 'family' | 'status' | 'body'>): boolean {
  if (answer.status !== 409) return false
  let body: unknown
  try { body = JSON.parse(answer.body) } catch { return false }
  if (answer.family === 'human-task') return (body as { errorNumber?: unknown }).errorNumber === 'TASKD0010E'
  const problem = body as { detailCode?: unknown, messages?: Array<{ text?: unknown }> }
  return problem.detailCode === '409 Conflict' && String(problem.messages?.[0]?.text).startsWith('A request with this Idempotency-Key is being processed')
}

/** Whether an answer is a 503 in its family's error shape, and nothing else. */
export function isUnavailableInFamilyShape (answer: Pick<Answer, 'family' | 'status' | 'body'>): boolean {
  if (answer.status !== 503) return false
  let body: unknown
  try { body = JSON.parse(answer.body) } catch { return false }
  if (answer.family === 'human-task') return JSON.stringify(body) === JSON.stringify({ errorNumber: 'TASKD0007E', errorMessage: UNAVAILABLE_TEXT })
  const problem = body as { detailCode?: unknown, trackingId?: unknown, messages?: Array<{ text?: unknown }> }
  return problem.detailCode === '503 Service Unavailable' && typeof problem.trackingId === 'string' && /^[0-9a-f]{32}$/.test(problem.trackingId) &&
    problem.messages?.length === 1 && problem.messages[0]?.text === UNAVAILABLE_TEXT
}

interface Request {
  family: Family
  operation: string
  method: string
  path: string
  body?: unknown
  contentType?: string
  writes?: Write[]
  /** The tag of a task status create. */
  creates?: string
  /** Sent with an Idempotency-Key by a keyed client. */
  keyable?: boolean
}

/** The items every client writes to, seeded before the load. */
interface SharedItems {
  taskStatuses: string[]
  humanTasks: string[]
  /** Writes sent to each human task so far, acknowledged or not. */
  humanTaskWrites: Map<string, number>
}

const WRITES_PER_HUMAN_TASK = 90

// A keyed client gives up on an attempt after KEYED_TIMEOUT_MS (shorter than the 5 s a
// request may wait for a connection while there is no primary) and sends it again after
// a pause, until it is acknowledged or KEYED_RETRY_MS past the load's end.
const KEYED_TIMEOUT_MS = 2000
const KEYED_PAUSE_MS = 200
const KEYED_RETRY_MS = 15_000

class Client {
  #sequence = 0
  constructor (readonly name: string, readonly options: FailoverLoadOptions, readonly shared: SharedItems, readonly ledger: Ledger, readonly result: FailoverLoadResult) {}

  // Each write gives a human task one more custom property, and a task holds 100 at most
  // (MAX_CUSTOM_PROPERTIES): a task that has been sent WRITES_PER_HUMAN_TASK writes is
  // written no more, however long the load runs. Undefined when every task is full.
  #writableHumanTask (): string | undefined {
    for (let attempt = 0; attempt < 32; attempt++) {
      const tkiid = this.shared.humanTasks[randomInt(this.shared.humanTasks.length)] as string
      if ((this.shared.humanTaskWrites.get(tkiid) ?? 0) < WRITES_PER_HUMAN_TASK) return tkiid
    }
    return this.shared.humanTasks.find((tkiid) => (this.shared.humanTaskWrites.get(tkiid) ?? 0) < WRITES_PER_HUMAN_TASK)
  }

  #written (tkiid: string): string {
    this.shared.humanTaskWrites.set(tkiid, (this.shared.humanTaskWrites.get(tkiid) ?? 0) + 1)
    return tkiid
  }

  async run (until: number): Promise<void> {
    while (Date.now() < until) await this.#step(until + KEYED_RETRY_MS)
  }

  get #keyed (): boolean {
    return Number(this.name.slice(1)) < this.options.keyedClients
  }

  #request (): Request {
    const tag = `${this.name}-${++this.#sequence}`
    const taskStatus = this.shared.taskStatuses[randomInt(this.shared.taskStatuses.length)] as string
    const humanTask = this.shared.humanTasks[randomInt(this.shared.humanTasks.length)] as string
    const writable = this.#writableHumanTask()
    // With every human task full, its writes become reads.
    const roll = writable === undefined && randomInt(100) >= 60 ? 85 : randomInt(100)
    if (roll < 35) {
      return {
        family: 'task-status',
        operation: 'updateTaskStatus',
        method: 'PATCH',
        path: `/task-status/${taskStatus}`,
        contentType: 'application/json-patch+json',
        body: [{ op: 'add', path: '/messages/-', value: { key: 'failover.append', type: 'INFO', parameters: [tag], localizedText: { locale: 'en-US', message: tag } } }],
        writes: [{ item: `task-status/${taskStatus}`, value: tag }],
        keyable: true
      }
    }
    if (roll < 50) return { family: 'task-status', operation: 'getTaskStatus', method: 'GET', path: `/task-status/${taskStatus}` }
    if (roll < 60) {
      return { family: 'task-status', operation: 'createTaskStatus', method: 'POST', path: '/task-status', body: { type: 'QUEUED_TASK', uniqueName: `Failover ${tag}`, description: 'failover', launcher: this.name }, creates: tag, keyable: true }
    }
    if (roll < 85 && writable !== undefined) {
      this.#written(writable)
      return {
        family: 'human-task',
        operation: 'actOnHumanTask',
        method: 'PUT',
        path: `/v1/task/${writable}?action=update`,
        body: { customProperties: { [tag]: 'y' } },
        writes: [{ item: `v1/task/${writable}`, value: tag, sets: 'y' }],
        keyable: true
      }
    }
    if (roll < 92 || writable === undefined) return { family: 'human-task', operation: 'getHumanTask', method: 'GET', path: `/v1/task/${humanTask}` }
    const picked = Array.from({ length: 1 + randomInt(10) }, () => this.#writableHumanTask()).filter((tkiid): tkiid is string => tkiid !== undefined)
    const ids = [...new Set(picked)].map((tkiid) => this.#written(tkiid))
    return {
      family: 'human-task',
      operation: 'bulkUpdateHumanTasks',
      method: 'PUT',
      path: '/v1/task?action=update',
      body: { updatedTaskIDs: ids, updatedPropertyValues: { customProperties: { [tag]: 'b' } } },
      writes: ids.map((id) => ({ item: `v1/task/${id}`, value: tag, sets: 'b' }))
    }
  }

  async #step (retryUntil: number): Promise<void> {
    const request = this.#request()
    const keyed = this.#keyed && request.keyable === true
    const key = keyed ? randomUUID() : undefined
    const stats = this.result.keyed
    if (keyed) stats.writes++
    let attempts = 0
    let answer: Answer | undefined
    let replayed = false
    for (;;) {
      attempts++
      const sent = await this.#send(request, key)
      if (sent === 'no answer') return
      if (sent === 'timed out') {
        stats.timeouts++
      } else {
        answer = sent.answer
        replayed = sent.replayed
        const acknowledged = answer.status >= 200 && answer.status < 300
        const unavailable = isUnavailableInFamilyShape(answer)
        const inUse = keyed && isKeyInUse(answer)
        if (!acknowledged && !unavailable && !inUse) {
          this.result.violations.push(`${request.method} ${request.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
          return
        }
        if (keyed && unavailable) stats.refused503++
        if (inUse) stats.inUse409++
        if (acknowledged || !keyed) break
      }
      if (Date.now() >= retryUntil) break
      await new Promise((resolve) => setTimeout(resolve, KEYED_PAUSE_MS))
    }
    const acknowledged = answer !== undefined && answer.status >= 200 && answer.status < 300
    if (keyed) {
      stats.attempts += attempts
      if (attempts > 1) stats.retried++
      if (attempts > 1 && acknowledged) stats.retriedAcknowledged++
      if (acknowledged && replayed) stats.replayed++
      if (!acknowledged) stats.neverAcknowledged++
    }
    if (request.creates !== undefined) {
      this.ledger.created.may.add(request.creates)
      if (acknowledged) this.ledger.created.acknowledged.set(request.creates, (JSON.parse((answer as Answer).body) as { id: string }).id)
    }
    if (request.operation === 'bulkUpdateHumanTasks' && acknowledged && (answer as Answer).body !== '') {
      const failed = (JSON.parse((answer as Answer).body) as { failedUpdates?: unknown[] }).failedUpdates ?? []
      if (failed.length > 0) this.result.violations.push(`bulk update ${request.path} reported failures ${JSON.stringify(failed).slice(0, 300)}`)
    }
    for (const write of request.writes ?? []) {
      note(this.ledger, acknowledged, write)
      if (acknowledged) this.result.acknowledgedWrites++
      else this.result.maybeWrites++
    }
  }

  /** One attempt: its answer (recorded, checked against the spec), or why there is none. */
  async #send (request: Request, key: string | undefined): Promise<{ answer: Answer, replayed: boolean } | 'timed out' | 'no answer'> {
    const url = this.options.urls[randomInt(this.options.urls.length)] as string
    const headers: Record<string, string> = {
      ...(request.body !== undefined && { 'content-type': request.contentType ?? 'application/json' }),
      ...(key !== undefined && { 'idempotency-key': `"${key}"` })
    }
    try {
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        signal: AbortSignal.timeout(key === undefined ? 60_000 : KEYED_TIMEOUT_MS),
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) })
      })
      const answer: Answer = { at: Date.now(), url, family: request.family, operation: request.operation, status: response.status, body: await response.text() }
      const problems = specResponseProblems(request.operation, answer.status, Object.fromEntries(response.headers), answer.body)
      if (problems.length > 0) this.result.violations.push(`${request.method} ${request.path} answered what the spec does not describe: ${problems.join('; ')}`)
      this.result.answers.push(answer)
      return { answer, replayed: response.headers.get('idempotency-replayed') === 'true' }
    } catch (error) {
      if (key !== undefined && (error as Error).name === 'TimeoutError') return 'timed out'
      // No HTTP answer at all: an instance that stopped serving, which no fault of the database excuses.
      this.result.violations.push(`${request.method} ${url}${request.path}: no answer (${(error as Error).message})`)
      return 'no answer'
    }
  }
}

async function created (url: string, path: string, body: object, idField: string): Promise<string> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (response.status !== 201) throw new Error(`seeding ${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json() as Record<string, string>)[idField] as string
}

/** What the store holds at the end: every task status (its tag as a load's create, and version), every seeded human task's custom property names. */
interface FinalState {
  taskStatuses: Map<string, { uniqueName: string, version: number, appended: string[] }>
  humanTasks: Map<string, string[]>
}

async function finalState (url: string, humanTasks: string[], violations: string[]): Promise<FinalState> {
  const state: FinalState = { taskStatuses: new Map(), humanTasks: new Map() }
  const ids: string[] = []
  for (let offset = 0; ; offset += 250) {
    const page = await (await fetch(`${url}/task-status?limit=250&offset=${offset}`)).json() as Array<{ id: string }>
    ids.push(...page.map((document) => document.id))
    if (page.length < 250) break
  }
  for (const id of ids) {
    const response = await fetch(`${url}/task-status/${id}`)
    if (response.status !== 200) {
      violations.push(`task status ${id}, listed, answers ${response.status}`)
      continue
    }
    const document = await response.json() as { uniqueName: string, messages: Array<{ key: string, parameters: string[] }> }
    const appended = document.messages.filter((message) => message.key === 'failover.append').map((message) => message.parameters[0] as string)
    state.taskStatuses.set(id, { uniqueName: document.uniqueName, version: Number(response.headers.get('etag')?.replaceAll('"', '')), appended })
  }
  for (const tkiid of humanTasks) {
    const response = await fetch(`${url}/v1/task/${tkiid}`)
    if (response.status !== 200) {
      violations.push(`human task ${tkiid} answers ${response.status}`)
      continue
    }
    state.humanTasks.set(tkiid, Object.keys((await response.json() as { customProperties?: Record<string, string> }).customProperties ?? {}))
  }
  return state
}

function check (state: FinalState, ledger: Ledger, violations: string[]): void {
  for (const [item, may] of ledger.may) {
    const [kind, id] = item.startsWith('task-status/') ? ['task-status', item.slice('task-status/'.length)] : ['human-task', item.slice('v1/task/'.length)]
    const values = kind === 'task-status' ? state.taskStatuses.get(id)?.appended : state.humanTasks.get(id)
    if (values === undefined) {
      violations.push(`${item} is not in the store`)
      continue
    }
    const must = ledger.must.get(item) ?? new Set()
    const lost = [...must].filter((value) => !values.includes(value))
    const unrequested = values.filter((value) => !may.has(value))
    if (lost.length > 0) violations.push(`${item} lost acknowledged writes: ${lost.slice(0, 5).join(', ')}`)
    if (unrequested.length > 0) violations.push(`${item} holds writes never asked for: ${unrequested.slice(0, 5).join(', ')}`)
    if (new Set(values).size !== values.length) violations.push(`${item} holds a write twice`)
  }
  // A create, keyed or not, is stored at most once; acknowledged, once, as the id it was answered.
  const byTag = new Map<string, string[]>()
  for (const [id, { uniqueName }] of state.taskStatuses) {
    if (!uniqueName.startsWith('Failover ')) continue
    const tag = uniqueName.slice('Failover '.length)
    byTag.set(tag, [...byTag.get(tag) ?? [], id])
    if (!ledger.created.may.has(tag)) violations.push(`task status ${id} (${uniqueName}) was never asked for`)
  }
  for (const [tag, ids] of byTag) if (ids.length > 1) violations.push(`the create ${tag} is stored ${ids.length} times: ${ids.join(', ')}`)
  for (const [tag, id] of ledger.created.acknowledged) {
    const stored = byTag.get(tag)
    if (stored === undefined) violations.push(`the acknowledged create ${tag} (${id}) is not in the store`)
    else if (!stored.includes(id)) violations.push(`the acknowledged create ${tag} was answered ${id}, the store holds ${stored.join(', ')}`)
  }
}

/**
 * The changes every watcher and the webhook receiver must hear of: each version the store
 * holds of what the load wrote. Seeded at version 1 before they started, a shared task
 * status's load versions are 2 on, a created one's 1 on; a human task's each applied
 * update adds one custom property, so it is at version 1 + their number.
 */
function expectedChanges (state: FinalState, shared: Set<string>, ledger: Ledger): WatchExpectation {
  const expected: WatchExpectation = { 'task-status': new Set(), 'human-task': new Set(), humanTaskTags: new Map() }
  for (const [id, { version }] of state.taskStatuses) {
    for (let at = shared.has(id) ? 2 : 1; at <= version; at++) expected['task-status'].add(`${id} ${at}`)
  }
  for (const [tkiid, properties] of state.humanTasks) {
    for (let at = 2; at <= properties.length + 1; at++) expected['human-task'].add(`${tkiid} ${at}`)
  }
  // What the acknowledged human task updates set, as the watcher reads it (name=value).
  for (const [item, tags] of ledger.must) {
    if (!item.startsWith('v1/task/')) continue
    expected.humanTaskTags.set(item.slice('v1/task/'.length), [...tags].map((tag) => `${tag}=${ledger.values.get(tag) ?? ''}`))
  }
  return expected
}

// After the load, the watchers and the receiver have this long to hear of every change.
const CATCH_UP_MS = 30_000

async function until (done: () => boolean, timeoutMs: number): Promise<number | null> {
  const started = Date.now()
  while (!done()) {
    if (Date.now() - started >= timeoutMs) return null
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return Date.now() - started
}

export async function runFailoverLoad (options: FailoverLoadOptions): Promise<FailoverLoadResult> {
  const [first] = options.urls
  if (first === undefined) throw new Error('runFailoverLoad needs at least one URL')
  const shared = {
    taskStatuses: await Promise.all(Array.from({ length: 16 }, async (_, index) => await created(first, '/task-status', { type: 'QUARTZ', uniqueName: `Shared ${index}`, description: 'failover', launcher: 'failover' }, 'id'))),
    humanTasks: await Promise.all(Array.from({ length: 96 }, async (_, index) => await created(first, '/v1/task', { name: `FailoverTask${index}`, priority: 3 }, 'tkiid'))),
    humanTaskWrites: new Map()
  }
  const ledger: Ledger = { must: new Map(), may: new Map(), values: new Map(), created: { may: new Set(), acknowledged: new Map() } }
  const result: FailoverLoadResult = {
    answers: [],
    faultAt: 0,
    violations: [],
    acknowledgedWrites: 0,
    maybeWrites: 0,
    keyed: { writes: 0, attempts: 0, retried: 0, retriedAcknowledged: 0, timeouts: 0, refused503: 0, inUse409: 0, replayed: 0, neverAcknowledged: 0 },
    watchers: [],
    watchedChanges: 0,
    watchRefusal: null,
    webhooks: { expected: 0, received: 0, verified: 0, distinct: 0, duplicates: 0, caughtUpMs: null }
  }
  // After the seeding, so that they are held to the load's changes only.
  const subscribed = await fetch(`${first}/webhooks/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: options.receiver.url, eventTypes: ALL_EVENT_TYPES }) })
  if (subscribed.status !== 201) throw new Error(`subscribing answered ${subscribed.status}: ${await subscribed.text()}`)
  const subscription = await subscribed.json() as Subscription
  const families: WatchedFamily[] = ['task-status', 'human-task']
  const watchers = await Promise.all(options.urls.flatMap((url, instance) => families.map(async (family) => await SoakWatcher.open(url, instance, family, { retryRefusedResumes: true }))))
  try {
    const started = Date.now()
    // One watcher per family, on different instances, loses its connection in the
    // outage, so that each run resumes with Last-Event-ID while there is no primary.
    for (const [index, watcher] of watchers.entries()) if (index % 3 === 0) watcher.dropAt(started + options.faultAfterMs + 500)
    const faulting = (async () => {
      await new Promise((resolve) => setTimeout(resolve, options.faultAfterMs))
      result.faultAt = Date.now()
      await options.fault()
    })()
    const clients = Array.from({ length: options.clients }, (_, index) => new Client(`c${index}`, options, shared, ledger, result))
    await Promise.all([faulting, ...clients.map(async (client) => { await client.run(started + options.durationMs) })])
    const loadEnded = Date.now()

    const state = await finalState(first, shared.humanTasks, result.violations)
    check(state, ledger, result.violations)
    const expected = expectedChanges(state, new Set(shared.taskStatuses), ledger)
    const changes = new Set([...families.flatMap((family) => [...expected[family]].map((key) => `${family} ${key}`))])
    const waiting = Date.now()
    const [caughtUp, webhooksCaughtUp] = await Promise.all([
      Promise.all(watchers.map(async (watcher) => await until(() => hasAllExpected(watcher, expected), CATCH_UP_MS))),
      until(() => hasAllChanges(options.receiver.received, changes), CATCH_UP_MS)
    ])
    const sinceLoad = (ms: number | null | undefined): number | null => ms === null || ms === undefined ? null : waiting - loadEnded + ms
    for (const [index, watcher] of watchers.entries()) {
      result.violations.push(...watcherViolations(watcher, expected))
      result.watchRefusal ??= watcher.refusals[0] ?? null
      for (const body of watcher.refusals) {
        if (!isUnavailableInFamilyShape({ family: watcher.family, status: 503, body })) result.violations.push(`the ${watcher.family} watcher of instance ${watcher.instance}: a resume was refused with ${body.slice(0, 300)}`)
      }
      result.watchers.push({ ...watcher.report(), caughtUpMs: sinceLoad(caughtUp[index]) })
      result.watchedChanges += expected[watcher.family].size
    }
    // Deliveries still in flight, sent again, are part of what is checked.
    const received = [...options.receiver.received]
    const webhooks = webhookViolations(subscription, received, changes)
    result.violations.push(...webhooks.violations)
    result.webhooks = { expected: changes.size, received: received.length, verified: webhooks.verified, distinct: webhooks.distinct, duplicates: received.length - webhooks.distinct, caughtUpMs: sinceLoad(webhooksCaughtUp) }
  } finally {
    for (const watcher of watchers) watcher.close()
  }
  return result
}
