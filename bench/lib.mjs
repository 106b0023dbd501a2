// @ts-check
// Shared by the benchmark's processes: the documents (taken from the spec's own
// examples), the deterministic ids every process can compute, and small helpers.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { built } from './dist.mjs'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const BENCH_DIR = join(ROOT, 'bench')

/** @type {{ components: { schemas: Record<string, { example: any }> } }} */
const spec = parse(readFileSync(join(ROOT, 'spec/openapi.yaml'), 'utf8'))

/** The spec's example TaskStatus: the bare-Fastify ceiling serves exactly this. */
export const EXAMPLE_TASK_STATUS = spec.components.schemas.TaskStatus?.example
/** The spec's example JSON Patch (replace /percentComplete, add /messages/-, replace /progress). */
export const EXAMPLE_PATCH = spec.components.schemas.JsonPatch?.example
/** The spec's example HumanTaskCreate. */
export const EXAMPLE_HUMAN_TASK_CREATE = spec.components.schemas.HumanTaskCreate?.example

// Ids are a function of an index 1..N, so the seeder, the Lua scripts, autocannon and
// pgbench agree without passing lists around. Multiplying by an odd constant modulo
// 2^32 is a bijection, so ids are distinct and scattered (not in insertion order), and
// they stay 32 lowercase hexadecimal characters, as the spec's TaskStatusId requires.
// bench/wrk/spread.lua and bench/pgbench-rmw.sql compute the same function.
export const TASK_STATUS_ID_SUFFIX = 'b3c4d5e6f708192a3b4c5d6e'
export const HUMAN_TASK_ID_SUFFIX = '7c4e1f0c2d3a4b5c8d9e0f1a'
const scatter = (/** @type {number} */ i) => (i * 2654435761) % 4294967296
export const taskStatusId = (/** @type {number} */ i) => scatter(i).toString(16).padStart(8, '0') + TASK_STATUS_ID_SUFFIX
export const humanTaskId = (/** @type {number} */ i) => scatter(i).toString(16).padStart(8, '0') + HUMAN_TASK_ID_SUFFIX

/** @type {ReadonlyArray<'QUARTZ' | 'QPOC' | 'QUEUED_TASK'>} */
const TYPES = ['QUARTZ', 'QPOC', 'QUEUED_TASK']
const BASE_MS = Date.parse('2025-01-01T00:00:00.000Z')

/**
 * The i-th stored task status: the spec's example in stored form (`template`, built
 * by the app's own createTaskStatus) with its own id, type and times; one in four is
 * still running (no completed, no completionStatus).
 * @param {import('../src/domain/task-status.js').TaskStatus} template
 * @param {number} i
 * @returns {import('../src/domain/task-status.js').TaskStatus}
 */
export function taskStatusDocument (template, i) {
  const created = new Date(BASE_MS + i * 1000).toISOString()
  const running = i % 4 === 0
  return {
    ...template,
    id: taskStatusId(i),
    type: TYPES[i % 3] ?? 'QUARTZ',
    created,
    modified: created,
    launched: created,
    completed: running ? null : new Date(BASE_MS + i * 1000 + 161_000).toISOString(),
    completionStatus: running ? null : 'Success',
    progress: running ? 'Aggregating accounts' : 'Completed',
    percentComplete: running ? 40 : 100
  }
}

/**
 * The three-operation patch of the PATCH cases (the spec's JsonPatch example, values varied).
 * @param {number} n
 */
export function progressPatch (n) {
  return [
    { op: 'replace', path: '/percentComplete', value: n % 101 },
    {
      op: 'add',
      path: '/messages/-',
      value: { type: 'INFO', localizedText: { locale: 'en-US', message: `Aggregated ${n % 1000} of 1,000 accounts` }, key: 'aggregation.progress', parameters: [n % 1000, 1000] }
    },
    { op: 'replace', path: '/progress', value: 'Aggregating accounts' }
  ]
}

/**
 * The same three changes as a JSON merge body (for json-server; arrays are replaced whole).
 * @param {number} n
 */
export function progressMerge (n) {
  const [percent, message, progress] = progressPatch(n)
  return { percentComplete: percent?.value, messages: [message?.value], progress: progress?.value }
}

/** @param {number} ms */
export function sleep (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The spec's example TaskStatus in stored form, built by taskd's own createTaskStatus (needs `npm run build`). */
export async function taskStatusTemplate () {
  const { createTaskStatus } = /** @type {typeof import('../src/domain/task-status.js')} */ (await built('domain/task-status.js'))
  const { id: _id, created: _created, modified: _modified, ...input } = EXAMPLE_TASK_STATUS
  return createTaskStatus(input, taskStatusId(0), new Date('2025-01-01T00:00:00.000Z'))
}
