// @ts-check
// taskd's built modules (dist/, which `npm run bench` builds first), imported by the
// benchmark's processes and typed by their sources in src/: the type checker reads src/,
// never the build's output.

/**
 * The module at `path` under dist/ (as under src/, with .js).
 * @param {string} path
 * @returns {Promise<unknown>}
 */
export async function built (path) {
  return await import(new URL(`../dist/${path}`, import.meta.url).href)
}
