// Two taskd processes over the PostgreSQL cluster of scripts/ha-cluster.sh (through
// HAProxy) under a mixed load while the primary is lost: its PostgreSQL killed, or a
// planned switchover. The oracle: no acknowledged write lost, none applied twice,
// every refusal a 503 in its family's shape, both instances serving again by
// themselves within a bound; writes retried with an Idempotency-Key applied exactly
// once; a watcher per instance per family hearing every change exactly once, in order,
// resuming from its cursor; a webhook receiver getting every change at least once,
// verified. `npm run test:failover` starts the cluster first; the window of refusals,
// what clients saw, and what the watchers, the receiver and the keyed clients got go to
// test-results/failover-*.json.
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server-process.js'
import { startReceiver } from '../helpers/webhook-receiver.js'
import { runFailoverLoad, type Answer, type FailoverLoadResult } from './failover-workload.js'
import { HAPROXY_URL, killPrimaryPostgres, switchover, waitHealthy } from './ha-cluster.js'

const durationMs = Number(process.env.FAILOVER_LOAD_MS ?? 20_000)
const faultAfterMs = Math.min(5000, Math.floor(durationMs / 4))
const clients = Number(process.env.FAILOVER_CLIENTS ?? 16)
const keyedClients = Number(process.env.FAILOVER_KEYED_CLIENTS ?? Math.floor(clients / 2))
// How long after the fault each instance may go on refusing: the leader key's TTL (10 s)
// bounds a failover whose primary's Patroni is gone too; these faults take less.
const RECOVERY_BOUND_MS = 30_000

const schemas: string[] = []
afterAll(async () => {
  const client = new pg.Client({ connectionString: HAPROXY_URL })
  await client.connect()
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  await client.end()
})

const seconds = (ms: number): number => Math.round(ms / 10) / 100

/** What the clients saw, relative to the fault: the window of refusals, and when each instance served again. */
function summary (name: string, result: FailoverLoadResult, urls: string[], fault: string) {
  const refusals = result.answers.filter((answer) => answer.status >= 500)
  const first = refusals[0]?.at
  const last = refusals.at(-1)?.at
  const instances = urls.map((url, index) => {
    const own = result.answers.filter((answer) => answer.url === url)
    const refused = own.filter((answer) => answer.status >= 500)
    const lastRefusal = refused.at(-1)?.at
    const servedAgain = own.find((answer) => answer.status < 500 && answer.at > (lastRefusal ?? result.faultAt))?.at
    return {
      instance: index + 1,
      answers: own.length,
      refused: refused.length,
      lastRefusalAfterFaultSeconds: lastRefusal === undefined ? null : seconds(lastRefusal - result.faultAt),
      servingAgainAfterFaultSeconds: servedAgain === undefined ? null : seconds(servedAgain - result.faultAt)
    }
  })
  const statuses: Record<string, number> = {}
  for (const answer of result.answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
  const sample = (family: Answer['family']): string | null => refusals.find((answer) => answer.family === family)?.body ?? null
  return {
    case: name,
    fault,
    loadSeconds: seconds(durationMs),
    clients,
    keyedClients,
    faultAfterLoadStartSeconds: seconds(faultAfterMs),
    refusalWindowSeconds: first === undefined || last === undefined ? 0 : seconds(last - first),
    firstRefusalAfterFaultSeconds: first === undefined ? null : seconds(first - result.faultAt),
    lastRefusalAfterFaultSeconds: last === undefined ? null : seconds(last - result.faultAt),
    requests: result.answers.length,
    refused: refusals.length,
    statuses,
    acknowledgedWrites: result.acknowledgedWrites,
    writesRefusedWith503: result.maybeWrites,
    instances,
    whatClientsSaw: { taskStatus: sample('task-status'), humanTask: sample('human-task'), watch: result.watchRefusal },
    keyed: result.keyed,
    watchers: result.watchers,
    watchedChanges: result.watchedChanges,
    webhooks: result.webhooks,
    violations: result.violations
  }
}

async function readyWithin (url: string, timeoutMs: number): Promise<number> {
  const started = Date.now()
  for (;;) {
    const response = await fetch(`${url}/ready`).catch(() => undefined)
    if (response?.status === 200) return Date.now() - started
    if (Date.now() - started > timeoutMs) throw new Error(`${url}/ready did not answer 200 within ${timeoutMs} ms`)
    await sleep(100)
  }
}

const cases = [
  ['the primary\'s PostgreSQL is killed (SIGKILL)', 'kill', async (leader: string): Promise<string> => `SIGKILL of ${leader}'s postmaster and backends (pids ${(await killPrimaryPostgres(leader)).join(' ')})`],
  ['a planned switchover to the synchronous standby', 'switchover', async (leader: string, candidate: string): Promise<string> => `patronictl switchover ${leader} → ${candidate}: ${(await switchover(leader, candidate)).split('\n').find((line) => /switched over|switchover/i.test(line))?.trim() ?? 'done'}`]
] as const

describe.each(cases)('two instances through HAProxy when %s', (name, label, inflict) => {
  it('lose no acknowledged write, apply none twice, refuse only with 503s in each family\'s shape, serve again by themselves, and keep watchers, webhooks and keyed retries whole', async () => {
    const { leader, syncStandby } = await waitHealthy(90_000)
    const schema = `taskd_failover_${randomBytes(6).toString('hex')}`
    schemas.push(schema)
    const env = {
      STORE_URL: HAPROXY_URL,
      PG_SCHEMA: schema,
      PG_POOL_SIZE: '8',
      RATE_LIMIT_MAX: '1000000000',
      WEBHOOKS_ENABLED: 'true',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      WEBHOOK_POLL_MS: '100'
    }
    const receiver = await startReceiver()
    const instances = [await startServer(env), await startServer(env)]
    const urls = instances.map((instance) => instance.url)
    try {
      let fault = ''
      const result = await runFailoverLoad({ urls, clients, keyedClients, durationMs, faultAfterMs, receiver, fault: async () => { fault = await inflict(leader, syncStandby) } })
      const ready = await Promise.all(urls.map(async (url) => await readyWithin(url, 10_000)))
      const report = { ...summary(name, result, urls, fault), readyAgainAfterLoadSeconds: ready.map(seconds) }
      mkdirSync('test-results', { recursive: true })
      writeFileSync(`test-results/failover-${label}.json`, `${JSON.stringify(report, null, 2)}\n`)

      expect(result.violations).toEqual([])
      expect(result.acknowledgedWrites).toBeGreaterThan(0)
      expect(result.webhooks.expected).toBeGreaterThan(0)
      expect(result.watchers.map((watcher) => watcher.events > 0)).toEqual([true, true, true, true])
      // One watcher per family dropped its connection in the outage and resumed.
      expect(result.watchers.filter((watcher) => watcher.resumes > 0).length).toBeGreaterThanOrEqual(2)
      // The outage made keyed clients send writes again, and the ledger held each to once.
      expect(result.keyed.retried).toBeGreaterThan(0)
      for (const instance of report.instances) {
        // Each instance answers 2xx again, by itself, within the bound after the fault.
        expect(instance.servingAgainAfterFaultSeconds).not.toBeNull()
        expect((instance.lastRefusalAfterFaultSeconds ?? 0) * 1000).toBeLessThan(RECOVERY_BOUND_MS)
      }
    } finally {
      const exits = await Promise.all(instances.map(async (instance) => await instance.stop()))
      // What an instance that did not stop cleanly wrote, whole, for whoever looks into it.
      mkdirSync('test-results', { recursive: true })
      for (const [index, exit] of exits.entries()) if (exit.code !== 0) writeFileSync(`test-results/failover-${label}-instance-${index + 1}.log`, `${exit.stdout}${exit.stderr}`)
      expect(exits.map((exit) => exit.code), exits.map((exit) => `${exit.stdout}${exit.stderr}`.slice(-3000)).join('\n')).toEqual([0, 0])
    }
  }, durationMs + 180_000)
})
