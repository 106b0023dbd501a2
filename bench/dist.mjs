// @ts-check
// taskd's built modules (dist/, which `npm run bench` builds first), imported by the
// benchmark's processes and typed by their sources in src/: the type checker reads src/,
// never the build's output. BENCH_DIST names another build (a directory like dist/), so
// that two builds can be measured side by side.

import { pathToFileURL } from 'node:url'

/**
 * The module at `path` under dist/ (as under src/, with .js).
 * @param {string} path
 * @returns {Promise<unknown>}
 */
export async function built (path) {
  const dist = process.env.BENCH_DIST === undefined ? new URL('../dist/', import.meta.url) : pathToFileURL(`${process.env.BENCH_DIST.replace(/\/$/, '')}/`)
  return await import(new URL(path, dist).href)
}
