// @ts-check
// Module resolution hooks: dist/tracing.js, the module that imports the OpenTelemetry SDK,
// its exporter and @fastify/otel (only dist/server.js imports it), resolves to
// bench/tracing-not-loaded.mjs.
const TRACING = new URL('../dist/tracing.js', import.meta.url).href
const STAND_IN = new URL('./tracing-not-loaded.mjs', import.meta.url).href

/** @type {import('node:module').ResolveHook} */
export async function resolve (specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  return resolved.url === TRACING ? { url: STAND_IN, shortCircuit: true } : resolved
}
