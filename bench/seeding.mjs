// @ts-check
// A fresh store for a case (a SQLite file in a temporary directory, or a PostgreSQL
// schema of its own) and its seeding by bench/seed.mjs in a child process.
import { join } from 'node:path'
import { BENCH_DIR } from './lib.mjs'
import { dropSchema, newSchema, removeDir, run, tempDir } from './processes.mjs'
import { results } from './results.mjs'
import { fmt, log, settings } from './settings.mjs'

/**
 * Where a store lives, and how to remove it.
 * @typedef {{ storeUrl: string, schema?: string, remove: () => Promise<void> }} Location
 */

/**
 * @param {string} store
 * @param {string} label
 * @returns {Promise<Location>}
 */
export async function newLocation (store, label) {
  if (store === 'sqlite') {
    const dir = tempDir(`sqlite-${label}`)
    return { storeUrl: `sqlite:${join(dir, 'taskd.db')}`, remove: async () => removeDir(dir) }
  }
  const schema = newSchema(label)
  return { storeUrl: settings.postgresUrl, schema, remove: async () => await dropSchema(schema) }
}

/**
 * @param {string} store
 * @param {Location} location
 * @param {number} taskStatuses
 * @param {number} humanTasks
 */
export async function seed (store, location, taskStatuses, humanTasks) {
  const output = await run(process.execPath, ['--no-deprecation', join(BENCH_DIR, 'seed.mjs'), JSON.stringify({
    storeUrl: location.storeUrl,
    schema: location.schema,
    taskStatuses: { from: 1, to: taskStatuses },
    humanTasks
  })], { onLine: (line) => { if (line.startsWith('    seeded') || line.startsWith('    indexed')) log(line) } })
  const outcome = JSON.parse(output.split('\n').find((line) => line.startsWith('{')) ?? '{}')
  results.seeding.push({ store, ...outcome })
  log(`  ${store.padEnd(10)} seeded ${fmt.int(taskStatuses)} task statuses${humanTasks > 0 ? ` and ${fmt.int(humanTasks)} human tasks` : ''} in ${outcome.seconds.toFixed(1)} s`)
  return outcome
}
