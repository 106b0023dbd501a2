// A mixed write workload from many concurrent clients against one or more taskd
// base URLs over one store, with a client-side record of every acknowledged write,
// and the oracle that checks the store against that record at the end: every
// acknowledged write is there, nothing else is, and no request got a 5xx; and a watcher
// per instance per family, opened before the load, heard each of them exactly once.
import { randomInt } from 'node:crypto'
import { specResponseProblems } from '../helpers/spec-responses.js'
import { hasAllExpected, SoakWatcher, watcherViolations, type WatchedFamily, type WatcherReport, type WatchExpectation } from './soak-watchers.js'

export interface SoakOptions {
  /** Base URLs of the server processes; each request picks one at random. */
  urls: string[]
  clients: number
  durationMs: number
  /** Task statuses every client patches (appends and test-guarded replaces). */
  sharedTaskStatuses?: number
  /** Human tasks every client bulk-updates. */
  sharedHumanTasks?: number
}

export interface SoakReport {
  durationMs: number
  requests: number
  byOperation: Record<string, { sent: number, acknowledged: number, refused: number }>
  statuses: Record<string, number>
  serverErrors: number
  acknowledgedWrites: number
  checkedWrites: number
  /** The watchers, one per instance per family, and what each received. */
  watchers: WatcherReport[]
  /** Acknowledged writes each watcher of a family was held to, summed over the watchers. */
  watchedWrites: number
  /** Per instance, the streams it closed because their client read too slowly (its /metrics). */
  slowClosed: Array<Record<string, number>>
  /** What the oracle found wrong; empty when the store holds exactly what was acknowledged. */
  violations: string[]
}

type Operation = 'create' | 'append' | 'guardedReplace' | 'bulkUpdate' | 'delete' | 'invalidPatch'

// The spec's operation each request of the mix is, so every answer is checked against it.
const OPERATION_IDS: Record<Operation | 'read', string> = {
  create: 'createTaskStatus',
  append: 'updateTaskStatus',
  guardedReplace: 'updateTaskStatus',
  invalidPatch: 'updateTaskStatus',
  bulkUpdate: 'bulkUpdateHumanTasks',
  delete: 'deleteTaskStatus',
  read: 'getTaskStatus'
}

/** A response as read once: status, body text and the version its ETag names. */
interface Answer { status: number, text: string, version: number | undefined }

// Weights of the operations in the mix (out of 100).
const MIX: Array<[Operation, number]> = [
  ['create', 10], ['append', 35], ['guardedReplace', 20], ['bulkUpdate', 15], ['delete', 12], ['invalidPatch', 8]
]

const UNKNOWN_TASK = 'ffffffffffffffffffffffffffffffff'

interface Ledger {
  /** Task status id → message texts acknowledged as appended to it. */
  appended: Map<string, Set<string>>
  /** Task status id → acknowledged progress changes, from → to. */
  progress: Map<string, Array<{ from: string | null, to: string }>>
  created: Set<string>
  deleted: Set<string>
  /** Human task id → client key → the last acknowledged value that client set. */
  customProperties: Map<string, Map<string, string>>
  /** Acknowledged task status writes as `id version`: what every task status watcher must hear. */
  taskStatusVersions: Set<string>
  /** Human task id → the `client=value` each acknowledged update set, for its watchers. */
  humanTaskTags: Map<string, string[]>
}

class SoakClient {
  readonly #name: string
  readonly #options: Required<SoakOptions>
  readonly #ledger: Ledger
  readonly #report: SoakReport
  readonly #shared: string[]
  readonly #humanTasks: string[]
  readonly #own: string[] = []
  /** The version of each of its own task statuses, which no other client writes: a delete's entry is one past it. */
  readonly #ownVersions = new Map<string, number>()
  #sequence = 0

  constructor (name: string, options: Required<SoakOptions>, ledger: Ledger, report: SoakReport, shared: string[], humanTasks: string[]) {
    this.#name = name
    this.#options = options
    this.#ledger = ledger
    this.#report = report
    this.#shared = shared
    this.#humanTasks = humanTasks
  }

  async run (until: number): Promise<void> {
    while (Date.now() < until) {
      await this.#step(pick())
    }
  }

  async #step (operation: Operation): Promise<void> {
    const tag = `${this.#name}-${++this.#sequence}`
    switch (operation) {
      case 'create': {
        const response = await this.#send(operation, 'POST', '/task-status', { type: 'QUEUED_TASK', uniqueName: `Soak ${tag}`, description: 'soak', launcher: this.#name }, 'application/json', [201])
        if (response?.status === 201) {
          const { id } = JSON.parse(response.text) as { id: string }
          this.#ledger.created.add(id)
          this.#own.push(id)
          this.#acknowledgeVersion(id, response)
        }
        return
      }
      case 'append': {
        const id = this.#someTaskStatus()
        const message = { key: 'soak.append', type: 'INFO', parameters: [tag], localizedText: { locale: 'en-US', message: tag } }
        const response = await this.#send(operation, 'PATCH', `/task-status/${id}`, [{ op: 'add', path: '/messages/-', value: message }], 'application/json-patch+json', [200])
        if (response?.status === 200) {
          setOf(this.#ledger.appended, id).add(tag)
          this.#acknowledgeVersion(id, response)
        }
        return
      }
      case 'guardedReplace': {
        const id = this.#shared[randomInt(this.#shared.length)] as string
        const current = await this.#request(OPERATION_IDS.read, 'GET', `/task-status/${id}`)
        if (current.status !== 200) {
          this.#report.violations.push(`GET /task-status/${id} answered ${current.status}`)
          return
        }
        const { progress } = JSON.parse(current.text) as { progress: string | null }
        const patch = [{ op: 'test', path: '/progress', value: progress }, { op: 'replace', path: '/progress', value: tag }]
        // 409: another client changed the progress since the read; the test op saw it.
        const response = await this.#send(operation, 'PATCH', `/task-status/${id}`, patch, 'application/json-patch+json', [200, 409])
        if (response?.status === 200) {
          listOf(this.#ledger.progress, id).push({ from: progress, to: tag })
          this.#acknowledgeVersion(id, response)
        }
        return
      }
      case 'bulkUpdate': {
        const ids = new Set<string>()
        const size = 1 + randomInt(40)
        while (ids.size < size) ids.add(this.#humanTasks[randomInt(this.#humanTasks.length)] as string)
        const withUnknown = randomInt(4) === 0
        const body = { updatedTaskIDs: [...ids, ...(withUnknown ? [UNKNOWN_TASK] : [])], updatedPropertyValues: { customProperties: { [this.#name]: tag } } }
        const response = await this.#send(operation, 'PUT', '/v1/task?action=update', body, 'application/json', [200])
        if (response?.status !== 200) return
        const text = response.text
        const failed = text === '' ? [] : (JSON.parse(text) as { failedUpdates: Array<{ tkiid: string, errorNumber: string }> }).failedUpdates
        const expected = withUnknown ? [`${UNKNOWN_TASK} CWTKA0024E`] : []
        const reported = failed.map((failure) => `${failure.tkiid} ${failure.errorNumber}`)
        if (JSON.stringify(reported) !== JSON.stringify(expected)) {
          this.#report.violations.push(`bulk update ${tag} reported ${JSON.stringify(reported)}, expected ${JSON.stringify(expected)}`)
        }
        for (const id of ids) {
          mapOf(this.#ledger.customProperties, id).set(this.#name, tag)
          listOf(this.#ledger.humanTaskTags, id).push(`${this.#name}=${tag}`)
          this.#report.acknowledgedWrites++
        }
        return
      }
      case 'delete': {
        const id = this.#own.pop()
        if (id === undefined) return await this.#step('create')
        const response = await this.#send(operation, 'DELETE', `/task-status/${id}`, undefined, undefined, [204])
        if (response?.status === 204) {
          this.#ledger.deleted.add(id)
          this.#ledger.taskStatusVersions.add(`${id} ${(this.#ownVersions.get(id) ?? NaN) + 1}`)
          this.#ownVersions.delete(id)
          this.#report.acknowledgedWrites++
        }
        return
      }
      case 'invalidPatch': {
        // A patch the server must refuse whole: the first op is fine, the second is not.
        const id = this.#shared[randomInt(this.#shared.length)] as string
        const patch = [{ op: 'add', path: '/messages/-', value: { key: 'soak.never', type: 'INFO', parameters: [], localizedText: { locale: 'en-US', message: `never-${tag}` } } }, { op: 'replace', path: '/percentComplete', value: 'all of it' }]
        await this.#send(operation, 'PATCH', `/task-status/${id}`, patch, 'application/json-patch+json', [400])
      }
    }
  }

  #acknowledgeVersion (id: string, response: Answer): void {
    if (response.version === undefined) this.#report.violations.push(`the acknowledged write of task status ${id} has no ETag`)
    this.#ledger.taskStatusVersions.add(`${id} ${String(response.version)}`)
    if (this.#ownVersions.has(id) || this.#own.includes(id)) this.#ownVersions.set(id, response.version ?? NaN)
    this.#report.acknowledgedWrites++
  }

  #someTaskStatus (): string {
    // Mostly the shared documents, where clients contend; sometimes one's own.
    if (this.#own.length > 0 && randomInt(4) === 0) return this.#own[randomInt(this.#own.length)] as string
    return this.#shared[randomInt(this.#shared.length)] as string
  }

  #url (): string {
    return this.#options.urls[randomInt(this.#options.urls.length)] as string
  }

  #count (status: number): void {
    this.#report.statuses[status] = (this.#report.statuses[status] ?? 0) + 1
    if (status >= 500) this.#report.serverErrors++
  }

  async #send (operation: Operation, method: string, path: string, body: unknown, contentType: string | undefined, expected: number[]): Promise<Answer | undefined> {
    const stats = this.#report.byOperation[operation] ??= { sent: 0, acknowledged: 0, refused: 0 }
    stats.sent++
    const answer = await this.#request(OPERATION_IDS[operation], method, path, body, contentType)
    if (!expected.includes(answer.status)) {
      this.#report.violations.push(`${method} ${path} (${operation}) answered ${answer.status}: ${answer.text.slice(0, 300)}`)
      return undefined
    }
    if (answer.status < 300) stats.acknowledged++
    else stats.refused++
    return answer
  }

  // Every answer is counted and checked against the spec's description of its operation.
  async #request (operationId: string, method: string, path: string, body?: unknown, contentType?: string): Promise<Answer> {
    this.#report.requests++
    const response = await fetch(`${this.#url()}${path}`, {
      method,
      ...(contentType !== undefined && { headers: { 'content-type': contentType } }),
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const etag = response.headers.get('etag')
    const answer = { status: response.status, text: await response.text(), version: etag === null ? undefined : Number(etag.replaceAll('"', '')) }
    this.#count(answer.status)
    const problems = specResponseProblems(operationId, answer.status, Object.fromEntries(response.headers), method === 'HEAD' ? '' : answer.text)
    if (problems.length > 0) this.#report.violations.push(`${method} ${path} answered what the spec does not describe: ${problems.join('; ')}`)
    return answer
  }
}

function pick (): Operation {
  let roll = randomInt(100)
  for (const [operation, weight] of MIX) {
    if (roll < weight) return operation
    roll -= weight
  }
  return 'append'
}

function setOf<K, V> (map: Map<K, Set<V>>, key: K): Set<V> {
  let value = map.get(key)
  if (value === undefined) map.set(key, value = new Set())
  return value
}

function listOf<K, V> (map: Map<K, V[]>, key: K): V[] {
  let value = map.get(key)
  if (value === undefined) map.set(key, value = [])
  return value
}

function mapOf<K, K2, V> (map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let value = map.get(key)
  if (value === undefined) map.set(key, value = new Map())
  return value
}

async function createAll (url: string, count: number, path: string, body: (index: number) => object, idField: string): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(index)) })
    if (response.status !== 201) throw new Error(`seeding ${path} answered ${response.status}: ${await response.text()}`)
    ids.push((await response.json() as Record<string, string>)[idField] as string)
  }
  return ids
}

export async function runSoak (options: SoakOptions): Promise<SoakReport> {
  const settings: Required<SoakOptions> = { sharedTaskStatuses: 32, sharedHumanTasks: 200, ...options }
  const [firstUrl] = settings.urls
  if (firstUrl === undefined) throw new Error('runSoak needs at least one URL')
  const shared = await createAll(firstUrl, settings.sharedTaskStatuses, '/task-status', (index) => ({ type: 'QUARTZ', uniqueName: `Shared ${index}`, description: 'soak', launcher: 'soak' }), 'id')
  const humanTasks = await createAll(firstUrl, settings.sharedHumanTasks, '/v1/task', (index) => ({ name: `SoakTask${index}`, priority: 3 }), 'tkiid')
  const ledger: Ledger = { appended: new Map(), progress: new Map(), created: new Set(), deleted: new Set(), customProperties: new Map(), taskStatusVersions: new Set(), humanTaskTags: new Map() }
  const report: SoakReport = { durationMs: settings.durationMs, requests: 0, byOperation: {}, statuses: {}, serverErrors: 0, acknowledgedWrites: 0, checkedWrites: 0, watchers: [], watchedWrites: 0, slowClosed: [], violations: [] }

  // After the seeding, so that they are held to the load's writes only.
  const families: WatchedFamily[] = ['task-status', 'human-task']
  const watchers = await Promise.all(settings.urls.flatMap((url, instance) => families.map(async (family) => await SoakWatcher.open(url, instance, family))))
  try {
    const until = Date.now() + settings.durationMs
    // One slow reader per family (on different instances), disconnected by the server as it falls behind.
    for (const [index, watcher] of watchers.entries()) if (index % 3 === 0) watcher.slowUntil(until, until - settings.durationMs / 2)
    const clients = Array.from({ length: settings.clients }, (_, index) => new SoakClient(`c${index}`, settings, ledger, report, shared, humanTasks))
    await Promise.all(clients.map(async (client) => { await client.run(until) }))

    await checkWatchers(watchers, ledger, report)
    report.slowClosed = await Promise.all(settings.urls.map(slowClosedStreams))
    await checkTaskStatuses(firstUrl, shared, ledger, report)
    await checkHumanTasks(firstUrl, humanTasks, ledger, report)
  } finally {
    for (const watcher of watchers) watcher.close()
  }
  return report
}

// Each watcher must hear every acknowledged write of its family exactly once; it has
// until WATCH_CATCH_UP_MS after the load to catch up (a slow one resumes first).
const WATCH_CATCH_UP_MS = 30_000

async function checkWatchers (watchers: SoakWatcher[], ledger: Ledger, report: SoakReport): Promise<void> {
  const expected: WatchExpectation = { 'task-status': ledger.taskStatusVersions, 'human-task': new Set(), humanTaskTags: ledger.humanTaskTags }
  // Seeded at version 1 before the watchers opened, each human task's acknowledged updates are versions 2 to n + 1.
  for (const [id, tags] of ledger.humanTaskTags) {
    for (let version = 2; version <= tags.length + 1; version++) expected['human-task'].add(`${id} ${version}`)
  }
  const loadEnded = Date.now()
  const caughtUpMs = await Promise.all(watchers.map(async (watcher) => {
    const caughtUp = await watcher.until(() => hasAllExpected(watcher, expected), WATCH_CATCH_UP_MS)
    return caughtUp ? Date.now() - loadEnded : null
  }))
  for (const [index, watcher] of watchers.entries()) {
    report.violations.push(...watcherViolations(watcher, expected))
    report.watchers.push({ ...watcher.report(), caughtUpMs: caughtUpMs[index] ?? null })
    report.watchedWrites += expected[watcher.family].size
  }
}

async function slowClosedStreams (url: string): Promise<Record<string, number>> {
  const metrics = await (await fetch(`${url}/metrics`)).text()
  const counts: Record<string, number> = {}
  for (const [, family, count] of metrics.matchAll(/^taskd_watch_slow_closed_total\{family="([^"]+)"\} (\d+)$/gm)) counts[family as string] = Number(count)
  return counts
}

async function checkTaskStatuses (url: string, shared: string[], ledger: Ledger, report: SoakReport): Promise<void> {
  const live = [...shared, ...[...ledger.created].filter((id) => !ledger.deleted.has(id))]
  for (const id of live) {
    const response = await fetch(`${url}/task-status/${id}`)
    if (response.status !== 200) {
      report.violations.push(`acknowledged task status ${id} answers ${response.status}`)
      continue
    }
    const document = await response.json() as { messages: Array<{ localizedText: { message: string } | null }>, progress: string | null }
    const messages = document.messages.map((message) => message.localizedText?.message ?? '')
    const expected = ledger.appended.get(id) ?? new Set()
    const unexpected = messages.filter((message) => !expected.has(message))
    const missing = [...expected].filter((message) => !messages.includes(message))
    if (unexpected.length > 0) report.violations.push(`task status ${id} holds messages never acknowledged: ${unexpected.slice(0, 5).join(', ')}`)
    if (missing.length > 0) report.violations.push(`task status ${id} lost acknowledged appends: ${missing.slice(0, 5).join(', ')}`)
    if (new Set(messages).size !== messages.length) report.violations.push(`task status ${id} holds a message twice`)
    report.checkedWrites += expected.size
    checkProgressChain(id, document.progress, ledger.progress.get(id) ?? [], report)
  }
  for (const id of ledger.deleted) {
    const response = await fetch(`${url}/task-status/${id}`)
    if (response.status !== 404) report.violations.push(`deleted task status ${id} answers ${response.status}`)
    report.checkedWrites++
  }
  report.checkedWrites += ledger.created.size
  const counted = await fetch(`${url}/task-status?count=true&limit=1`)
  const total = Number(counted.headers.get('x-total-count'))
  if (total !== live.length) report.violations.push(`the store holds ${total} task statuses; ${live.length} were acknowledged and not deleted`)
}

// Test-guarded replaces must form one chain from the initial value: two acknowledged
// replaces from the same value would mean one overwrote the other unseen (a lost update).
function checkProgressChain (id: string, final: string | null, changes: Array<{ from: string | null, to: string }>, report: SoakReport): void {
  const next = new Map<string | null, string>()
  for (const change of changes) {
    if (next.has(change.from)) report.violations.push(`task status ${id}: two acknowledged replaces from ${String(change.from)} (a lost update)`)
    next.set(change.from, change.to)
  }
  let value: string | null = null
  let steps = 0
  while (next.has(value) && steps <= changes.length) {
    value = next.get(value) as string
    steps++
  }
  if (steps !== changes.length) report.violations.push(`task status ${id}: ${changes.length} acknowledged replaces do not form one chain (${steps} linked)`)
  if (value !== final) report.violations.push(`task status ${id}: progress is ${String(final)}, the last acknowledged replace set ${String(value)}`)
  report.checkedWrites += changes.length
}

async function checkHumanTasks (url: string, humanTasks: string[], ledger: Ledger, report: SoakReport): Promise<void> {
  for (const id of humanTasks) {
    const response = await fetch(`${url}/v1/task/${id}`)
    if (response.status !== 200) {
      report.violations.push(`human task ${id} answers ${response.status}`)
      continue
    }
    const { customProperties = {} } = await response.json() as { customProperties?: Record<string, string> }
    const expected = ledger.customProperties.get(id) ?? new Map<string, string>()
    const written = Object.entries(customProperties).filter(([name]) => /^c\d+$/.test(name))
    if (written.length !== expected.size) report.violations.push(`human task ${id} has ${written.length} client properties; ${expected.size} clients were acknowledged`)
    for (const [client, value] of expected) {
      if (customProperties[client] !== value) report.violations.push(`human task ${id}: ${client} is ${String(customProperties[client])}, last acknowledged ${value}`)
    }
    report.checkedWrites += expected.size
  }
}
