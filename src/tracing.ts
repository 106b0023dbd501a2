// OpenTelemetry tracing, off unless an OTLP endpoint is configured by the standard
// variables (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; the
// exporter reads its headers, protocol and timeouts from OTEL_* itself, and
// OTEL_SDK_DISABLED=true turns it off). Off, nothing of it runs on a request.
// On: a span per request named by its route template (@fastify/otel, which honours an
// incoming traceparent), the store's operations as its children, and the trace and span
// ids in the request's log lines.
import { FastifyOtelInstrumentation } from '@fastify/otel'
import { trace, type Tracer } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import type { FastifyPluginCallback } from 'fastify'

export interface Tracing {
  /** Registered on the app: the request spans. */
  plugin: FastifyPluginCallback
  /** For the store's spans. */
  tracer: Tracer
  /** For pino: the ids of the span active when a line is logged. */
  logFields: () => Record<string, string>
  /** Sends the spans still buffered and stops. */
  shutdown: () => Promise<void>
}

type Env = Record<string, string | undefined>

export function tracingConfigured (env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false
  return (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? '') !== ''
}

/** Starts tracing when it is configured; undefined otherwise. */
export function startTracing (env: Env = process.env): Tracing | undefined {
  if (!tracingConfigured(env)) return undefined
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'taskd' })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())]
  })
  // The global provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register()
  const instrumentation = new FastifyOtelInstrumentation({
    // The operator routes would only add noise to traces.
    ignorePaths: (route) => route.url === '/health' || route.url === '/ready' || route.url === '/metrics',
    requestHook: (span, request) => { span.updateName(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`) }
  })
  instrumentation.setTracerProvider(provider)
  return {
    plugin: instrumentation.plugin(),
    tracer: trace.getTracer('taskd'),
    logFields (): Record<string, string> {
      const context = trace.getActiveSpan()?.spanContext()
      if (context === undefined) return {}
      return { trace_id: context.traceId, span_id: context.spanId }
    },
    shutdown: async () => { await provider.shutdown() }
  }
}
