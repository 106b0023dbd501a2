// A mixed load of both API families against several taskd instances while the database
// fails over, with a record of every answer (when, from which instance, what it said),
// and the oracle: every acknowledged write is stored, each once; nothing is stored that
// was not asked for; every refusal is a 503 in its family's shape.
//
// Unlike the soak's ledger, a write refused with 503 here is "maybe": its commit may
// have reached the server just before the connection ended (README, "Running many
// instances"), so it may be stored, but at most once.
import { randomInt } from 'node:crypto'
import { specResponseProblems } from '../helpers/spec-responses.js'

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
  durationMs: number
  /** Called once, `faultAfterMs` into the load. */
  fault: () => Promise<void>
  faultAfterMs: number
}

export interface FailoverLoadResult {
  answers: Answer[]
  faultAt: number
  /** What the oracle found wrong; empty when the store holds what it must and may. */
  violations: string[]
  acknowledgedWrites: number
  maybeWrites: number
}

interface Write { item: string, value: string }

interface Ledger {
  must: Map<string, Set<string>>
  may: Map<string, Set<string>>
  created: { acknowledged: Set<string> }
}

function note (ledger: Ledger, acknowledged: boolean, { item, value }: Write): void {
  const add = (map: Map<string, Set<string>>): void => {
    let values = map.get(item)
    if (values === undefined) map.set(item, values = new Set())
    values.add(value)
  }
  add(ledger.may)
  if (acknowledged) add(ledger.must)
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
}

/** The items every client writes to, seeded before the load. */
interface SharedItems {
  taskStatuses: string[]
  humanTasks: string[]
  /** Writes sent to each human task so far, acknowledged or not. */
  humanTaskWrites: Map<string, number>
}

const WRITES_PER_HUMAN_TASK = 90

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
    while (Date.now() < until) await this.#step()
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
        writes: [{ item: `task-status/${taskStatus}`, value: tag }]
      }
    }
    if (roll < 50) return { family: 'task-status', operation: 'getTaskStatus', method: 'GET', path: `/task-status/${taskStatus}` }
    if (roll < 60) {
      return { family: 'task-status', operation: 'createTaskStatus', method: 'POST', path: '/task-status', body: { type: 'QUEUED_TASK', uniqueName: `Failover ${tag}`, description: 'failover', launcher: this.name } }
    }
    if (roll < 85 && writable !== undefined) {
      this.#written(writable)
      return {
        family: 'human-task',
        operation: 'actOnHumanTask',
        method: 'PUT',
        path: `/v1/task/${writable}?action=update`,
        body: { customProperties: { [tag]: 'y' } },
        writes: [{ item: `v1/task/${writable}`, value: tag }]
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
      writes: ids.map((id) => ({ item: `v1/task/${id}`, value: tag }))
    }
  }

  async #step (): Promise<void> {
    const request = this.#request()
    const url = this.options.urls[randomInt(this.options.urls.length)] as string
    let answer: Answer
    try {
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        signal: AbortSignal.timeout(60_000),
        ...(request.body !== undefined && { headers: { 'content-type': request.contentType ?? 'application/json' }, body: JSON.stringify(request.body) })
      })
      answer = { at: Date.now(), url, family: request.family, operation: request.operation, status: response.status, body: await response.text() }
      const problems = specResponseProblems(request.operation, answer.status, Object.fromEntries(response.headers), answer.body)
      if (problems.length > 0) this.result.violations.push(`${request.method} ${request.path} answered what the spec does not describe: ${problems.join('; ')}`)
    } catch (error) {
      // No HTTP answer at all: an instance that stopped serving, which no fault of the database excuses.
      this.result.violations.push(`${request.method} ${url}${request.path}: no answer (${(error as Error).message})`)
      return
    }
    this.result.answers.push(answer)
    const acknowledged = answer.status >= 200 && answer.status < 300
    if (!acknowledged && !isUnavailableInFamilyShape(answer)) {
      this.result.violations.push(`${request.method} ${request.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
      return
    }
    if (request.operation === 'createTaskStatus' && acknowledged) this.ledger.created.acknowledged.add((JSON.parse(answer.body) as { id: string }).id)
    if (request.operation === 'bulkUpdateHumanTasks' && acknowledged && answer.body !== '') {
      const failed = (JSON.parse(answer.body) as { failedUpdates?: unknown[] }).failedUpdates ?? []
      if (failed.length > 0) this.result.violations.push(`bulk update ${request.path} reported failures ${JSON.stringify(failed).slice(0, 300)}`)
    }
    for (const write of request.writes ?? []) {
      note(this.ledger, acknowledged, write)
      if (acknowledged) this.result.acknowledgedWrites++
      else this.result.maybeWrites++
    }
  }
}

async function created (url: string, path: string, body: object, idField: string): Promise<string> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (response.status !== 201) throw new Error(`seeding ${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json() as Record<string, string>)[idField] as string
}

/** What each item holds now: a task status's appended tags, a human task's custom property names. */
async function stored (url: string, item: string): Promise<string[] | string> {
  const response = await fetch(`${url}/${item}`)
  if (response.status !== 200) return `answers ${response.status}`
  if (item.startsWith('task-status/')) {
    const document = await response.json() as { messages: Array<{ key: string, parameters: string[] }> }
    return document.messages.filter((message) => message.key === 'failover.append').map((message) => message.parameters[0] as string)
  }
  return Object.keys((await response.json() as { customProperties?: Record<string, string> }).customProperties ?? {})
}

async function check (url: string, ledger: Ledger, result: FailoverLoadResult): Promise<void> {
  for (const [item, may] of ledger.may) {
    const values = await stored(url, item)
    if (typeof values === 'string') {
      result.violations.push(`${item} ${values}`)
      continue
    }
    const must = ledger.must.get(item) ?? new Set()
    const lost = [...must].filter((value) => !values.includes(value))
    const unrequested = values.filter((value) => !may.has(value))
    if (lost.length > 0) result.violations.push(`${item} lost acknowledged writes: ${lost.slice(0, 5).join(', ')}`)
    if (unrequested.length > 0) result.violations.push(`${item} holds writes never asked for: ${unrequested.slice(0, 5).join(', ')}`)
    if (new Set(values).size !== values.length) result.violations.push(`${item} holds a write twice`)
  }
  for (const id of ledger.created.acknowledged) {
    const response = await fetch(`${url}/task-status/${id}`)
    if (response.status !== 200) result.violations.push(`acknowledged task status ${id} answers ${response.status}`)
  }
}

export async function runFailoverLoad (options: FailoverLoadOptions): Promise<FailoverLoadResult> {
  const [first] = options.urls
  if (first === undefined) throw new Error('runFailoverLoad needs at least one URL')
  const shared = {
    taskStatuses: await Promise.all(Array.from({ length: 16 }, async (_, index) => await created(first, '/task-status', { type: 'QUARTZ', uniqueName: `Shared ${index}`, description: 'failover', launcher: 'failover' }, 'id'))),
    humanTasks: await Promise.all(Array.from({ length: 96 }, async (_, index) => await created(first, '/v1/task', { name: `FailoverTask${index}`, priority: 3 }, 'tkiid'))),
    humanTaskWrites: new Map()
  }
  const ledger: Ledger = { must: new Map(), may: new Map(), created: { acknowledged: new Set() } }
  const result: FailoverLoadResult = { answers: [], faultAt: 0, violations: [], acknowledgedWrites: 0, maybeWrites: 0 }
  const started = Date.now()
  const faulting = (async () => {
    await new Promise((resolve) => setTimeout(resolve, options.faultAfterMs))
    result.faultAt = Date.now()
    await options.fault()
  })()
  const clients = Array.from({ length: options.clients }, (_, index) => new Client(`c${index}`, options, shared, ledger, result))
  await Promise.all([faulting, ...clients.map(async (client) => { await client.run(started + options.durationMs) })])
  await check(first, ledger, result)
  return result
}
