// The cluster scripts/ha-cluster.sh runs, as the failover test sees it: Patroni's REST
// API for who is primary, and the two faults (the primary's PostgreSQL killed, a
// planned switchover).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'

export const CLUSTER_DIR = process.env.HA_CLUSTER_DIR ?? '/tmp/taskd-ha'
export const HAPROXY_URL = 'postgres://postgres:postgres@127.0.0.1:25000/postgres'
const REST_PORTS = [8008, 8009, 8010]

export interface Member { name: string, role: string, state: string, timeline?: number, lag?: number | string }

/** The members as Patroni reports them, from the first node that answers. */
export async function members (): Promise<Member[]> {
  for (const port of REST_PORTS) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/cluster`, { signal: AbortSignal.timeout(1000) })
      if (response.ok) return (await response.json() as { members: Member[] }).members
    } catch {}
  }
  throw new Error('no Patroni REST API answers; is scripts/ha-cluster.sh up?')
}

const isRunning = (member: Member): boolean => member.state === 'running' || member.state === 'streaming'

/**
 * Waits until there is a running primary with a synchronous standby and every node runs
 * on the primary's timeline: a node lost by a previous case has rejoined.
 */
export async function waitHealthy (timeoutMs: number): Promise<{ leader: string, syncStandby: string }> {
  const deadline = Date.now() + timeoutMs
  let last: Member[] = []
  while (Date.now() < deadline) {
    try {
      last = await members()
      const leader = last.find((member) => member.role === 'leader' && isRunning(member))
      const sync = last.find((member) => member.role === 'sync_standby' && isRunning(member))
      if (leader !== undefined && sync !== undefined && last.length === 3 && last.every((member) => isRunning(member) && member.timeline === leader.timeline)) {
        return { leader: leader.name, syncStandby: sync.name }
      }
    } catch {}
    await sleep(500)
  }
  throw new Error(`the cluster is not healthy within ${timeoutMs} ms: ${JSON.stringify(last)}`)
}

/** SIGKILL of the primary's postmaster and every process it started: the server is gone at once. */
export async function killPrimaryPostgres (leader: string): Promise<number[]> {
  const postmaster = Number(readFileSync(`${CLUSTER_DIR}/${leader}/data/postmaster.pid`, 'utf8').split('\n')[0])
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=', '--ppid', String(postmaster)])
  const pids = [postmaster, ...stdout.split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0)]
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL') } catch {}
  }
  return pids
}

/** A planned switchover to the synchronous standby, as an operator runs it. */
export async function switchover (leader: string, candidate: string): Promise<string> {
  const { stdout } = await promisify(execFile)('patronictl', ['-c', `${CLUSTER_DIR}/node1/patroni.yml`, 'switchover', '--leader', leader, '--candidate', candidate, '--force'])
  return stdout
}
