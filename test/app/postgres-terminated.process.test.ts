// PostgreSQL ends the connections a running taskd holds — a failover, a restart,
// pg_terminate_backend — while requests are in flight: the process stays up, each
// request that meets the fault answers 503 in its family's shape, taskd recovers by
// itself once the terminations stop, and nothing it acknowledged is lost.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../helpers/postgres.js'
import { processStores } from '../helpers/process-stores.js'
import { exited, startServer, type Exited } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

const storeFor = processStores()
afterAll(async () => { await storeFor.remove() })

const UNAVAILABLE_TEXT = 'The service is unavailable for a moment; retry later'
const TASK_STATUSES = 6
const HUMAN_TASKS = 24
const IN_FLIGHT = 32
const REQUEST_TIMEOUT_MS = 15_000

// Ends every connection of one taskd process: its pool names them after its schema.
const TERMINATE = `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`

/** One request of the load: what it asked for, and what the store must then hold if it was acknowledged. */
interface Request {
  family: 'task-status' | 'human-task'
  method: string
  path: string
  body?: unknown
  contentType?: string
  /** What this request adds to the stored state, for the final check. */
  writes?: { kind: 'append', id: string, value: string } | { kind: 'property', tkiids: string[], key: string }
}

interface Outcome { request: Request, status?: number, body?: unknown, failure?: string }

async function send (base: string, request: Request): Promise<Outcome> {
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(request.body !== undefined && { headers: { 'content-type': request.contentType ?? 'application/json' }, body: JSON.stringify(request.body) })
    })
    const text = await response.text()
    return { request, status: response.status, body: text === '' ? undefined : JSON.parse(text) }
  } catch (error) {
    return { request, failure: `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}` }
  }
}

// Runs `work` over `items` with at most `limit` in flight.
async function inParallel<T, R> (items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }))
  return results
}

function isUnavailableInFamilyShape (outcome: Outcome): boolean {
  if (outcome.status !== 503) return false
  if (outcome.request.family === 'human-task') {
    return JSON.stringify(outcome.body) === JSON.stringify({ errorNumber: 'TASKD0007E', errorMessage: UNAVAILABLE_TEXT })
  }
  const body = outcome.body as { detailCode?: unknown, trackingId?: unknown, messages?: Array<{ text?: unknown }> }
  return body?.detailCode === '503 Service Unavailable' && typeof body.trackingId === 'string' && /^[0-9a-f]{32}$/.test(body.trackingId) &&
    body.messages?.length === 1 && body.messages[0]?.text === UNAVAILABLE_TEXT
}

// The exit code and the error it names, rather than the whole log.
function describeExit (exit: Exited): string {
  const closing = `${exit.stdout}${exit.stderr}`.split('\n').find((line) => line.includes('closing after an uncaught error'))
  const error = closing === undefined ? { stderr: exit.stderr.slice(-300) } : (JSON.parse(closing) as { err: { message: string, code?: string } }).err
  return `exited with ${String(exit.code ?? exit.signal)} after "${'message' in error ? error.message : error.stderr}" (${'code' in error ? String(error.code) : 'no code'})`
}

const succeeded = (outcome: Outcome): boolean => outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300

function describeOutcome (outcome: Outcome): string {
  return `${outcome.request.method} ${outcome.request.path}: ${outcome.failure ?? `${String(outcome.status)} ${JSON.stringify(outcome.body)}`}`
}

function loadRequests (taskStatusIds: string[], tkiids: string[], round: string, count: number): Request[] {
  return Array.from({ length: count }, (_, index): Request => {
    const id = taskStatusIds[index % taskStatusIds.length] as string
    const tkiid = tkiids[index % tkiids.length] as string
    switch (index % 8) {
      case 0: case 1: case 2:
        return {
          family: 'task-status',
          method: 'PATCH',
          path: `/task-status/${id}`,
          contentType: 'application/json-patch+json',
          body: [{ op: 'add', path: '/messages/-', value: { type: 'INFO', localizedText: null, key: 'append', parameters: [`${round}${index}`] } }],
          writes: { kind: 'append', id, value: `${round}${index}` }
        }
      case 3:
        return { family: 'task-status', method: 'GET', path: `/task-status/${id}` }
      case 4: case 5:
        return {
          family: 'human-task',
          method: 'PUT',
          path: `/v1/task/${tkiid}?action=update`,
          body: { customProperties: { [`${round}s${index}`]: 'y' } },
          writes: { kind: 'property', tkiids: [tkiid], key: `${round}s${index}` }
        }
      case 6:
        return { family: 'human-task', method: 'GET', path: `/v1/task/${tkiid}` }
      default:
        return {
          family: 'human-task',
          method: 'PUT',
          path: '/v1/task?action=update',
          body: { updatedTaskIDs: tkiids, updatedPropertyValues: { customProperties: { [`${round}b${index}`]: 'x' } } },
          writes: { kind: 'property', tkiids, key: `${round}b${index}` }
        }
    }
  })
}

/** What each written item must hold (acknowledged) and may hold (acknowledged, or refused with a 503 whose commit may have landed). */
function expectations (outcomes: Outcome[]): Map<string, { must: Set<string>, may: Set<string> }> {
  const items = new Map<string, { must: Set<string>, may: Set<string> }>()
  const entry = (item: string): { must: Set<string>, may: Set<string> } => {
    let found = items.get(item)
    if (found === undefined) items.set(item, found = { must: new Set(), may: new Set() })
    return found
  }
  for (const outcome of outcomes) {
    const writes = outcome.request.writes
    if (writes === undefined) continue
    const acknowledged = succeeded(outcome)
    const targets: Array<[string, string]> = writes.kind === 'append'
      ? [[`task-status/${writes.id}`, writes.value]]
      : writes.tkiids.map((tkiid) => [`v1/task/${tkiid}`, writes.key])
    for (const [item, value] of targets) {
      const expected = entry(item)
      expected.may.add(value)
      if (acknowledged) expected.must.add(value)
    }
  }
  return items
}

describe.skipIf(postgresUrl === null)('PostgreSQL ends the connections of a running server', () => {
  it('keeps the process up, answers 503 in each family\'s shape, recovers by itself and loses nothing acknowledged', async () => {
    const env = await storeFor.postgres()
    // A name of its own on every connection, so that this test ends only its server's.
    const applicationName = env.PG_SCHEMA as string
    const storeUrl = new URL(env.STORE_URL as string)
    storeUrl.searchParams.set('application_name', applicationName)
    const server = await startServer({ ...env, STORE_URL: storeUrl.toString(), PG_POOL_SIZE: '6', RATE_LIMIT_MAX: '1000000' })
    let exit: Exited | undefined
    let exitedAt = 0
    exited(server.child).then((result) => { exit = result; exitedAt = Date.now() }, () => {})
    const admin = new pg.Client({ connectionString: postgresUrl as string })
    await admin.connect()
    try {
      const taskStatusIds: string[] = []
      for (let index = 0; index < TASK_STATUSES; index++) {
        const response = await send(server.url, { family: 'task-status', method: 'POST', path: '/task-status', body: CREATE_BODY })
        taskStatusIds.push((response.body as { id: string }).id)
      }
      const tkiids: string[] = []
      for (let index = 0; index < HUMAN_TASKS; index++) {
        const response = await send(server.url, { family: 'human-task', method: 'POST', path: '/v1/task', body: { name: `t${index}` } })
        tkiids.push((response.body as { tkiid: string }).tkiid)
      }

      const load = { running: true }
      let terminated = 0
      let firstTerminationAt = 0
      const terminations = (async () => {
        while (load.running) {
          const result = await admin.query<{ terminated: boolean }>(TERMINATE, [applicationName])
          terminated += result.rows.filter((row) => row.terminated).length
          if (terminated > 0 && firstTerminationAt === 0) firstTerminationAt = Date.now()
          await sleep(20)
        }
      })()
      const duringFaults = await inParallel(loadRequests(taskStatusIds, tkiids, 'f', 400), IN_FLIGHT, async (request) => await send(server.url, request))
      load.running = false
      await terminations

      expect(exit === undefined ? 'running' : `${describeExit(exit)}, ${exitedAt - firstTerminationAt} ms after the first termination`).toBe('running')
      expect(terminated).toBeGreaterThan(0)
      const refused = duringFaults.filter((outcome) => !succeeded(outcome))
      expect(refused.filter((outcome) => !isUnavailableInFamilyShape(outcome)).map(describeOutcome).slice(0, 10)).toEqual([])
      expect(refused.length).toBeGreaterThan(0)

      const stopped = Date.now()
      for (;;) {
        const ready = await fetch(`${server.url}/ready`)
        if (ready.status === 200) break
        expect(Date.now() - stopped, '/ready did not answer 200 again').toBeLessThan(10_000)
        await sleep(50)
      }
      const afterFaults = await inParallel(loadRequests(taskStatusIds, tkiids, 'a', 80), IN_FLIGHT, async (request) => await send(server.url, request))
      expect(afterFaults.filter((outcome) => !succeeded(outcome)).map(describeOutcome)).toEqual([])

      const lost: string[] = []
      const unrequested: string[] = []
      for (const [item, { must, may }] of expectations([...duringFaults, ...afterFaults])) {
        const response = await send(server.url, { family: item.startsWith('task-status') ? 'task-status' : 'human-task', method: 'GET', path: `/${item}` })
        expect(response.status, item).toBe(200)
        const stored = item.startsWith('task-status')
          ? (response.body as { messages: Array<{ key: string, parameters: string[] }> }).messages.filter((message) => message.key === 'append').map((message) => message.parameters[0] as string)
          : Object.keys((response.body as { customProperties: Record<string, string> }).customProperties)
        for (const value of must) if (!stored.includes(value)) lost.push(`${item} ${value}`)
        for (const value of stored) if (!may.has(value)) unrequested.push(`${item} ${value}`)
      }
      expect(lost).toEqual([])
      expect(unrequested).toEqual([])
      expect(exit === undefined ? 'running' : describeExit(exit)).toBe('running')
    } finally {
      await admin.end()
      if (exit === undefined) await server.stop()
    }
  }, 90_000)
})
