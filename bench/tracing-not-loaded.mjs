// @ts-check
// Stands in for dist/tracing.js under bench/without-tracing.mjs: the same exports, and
// neither the OpenTelemetry SDK, its exporter nor @fastify/otel imported (the instrumented
// store still imports @opentelemetry/api, for a constant). The line startTracing prints as
// taskd starts tells the bench that this is the module taskd loaded.
export const NOT_LOADED_LINE = 'taskd-bench: dist/tracing.js replaced, tracing not loaded'

/** @returns {false} */
export function tracingConfigured () {
  return false
}

/** @returns {undefined} */
export function startTracing () {
  process.stderr.write(`${NOT_LOADED_LINE}\n`)
  return undefined
}
