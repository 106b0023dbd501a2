// Request latency by route, method and status, as the Prometheus histogram
// `http_request_duration_seconds` (the name and labels fastify-metrics gives it).
//
// fastify-metrics still serves /metrics and the process metrics, but its route metrics
// cost several times more a request (a timer closure and a WeakMap entry per request,
// then the labels hashed again for every observation; the figures are in this file's
// history). Here Fastify's own clock (reply.elapsedTime, from routing to the response's
// end) is observed on a histogram child kept per method and status, by a hook each
// route gets as it is registered: the route's label is known then, so a request never
// asks for `request.routeOptions` (which Fastify builds afresh at every read).
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
// Its route option `disableMetrics` is honoured here too.
import type {} from 'fastify-metrics'
import client from 'prom-client'
import { appendOnResponse } from '../http/route-options.js'

// prom-client's default buckets, as fastify-metrics used.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

// Registered before fastify-metrics, so that its /metrics route is observed too; the
// histogram joins prom-client's default registry, where fastify-metrics serves from,
// once the app is ready, as fastify-metrics clears that registry when it starts.
async function routeMetrics (app: FastifyInstance): Promise<void> {
  const histogram = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'request duration in seconds',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS,
    registers: []
  })
  app.addHook('onReady', async () => {
    // One app per process in production; tests build many, the last one ready serving.
    client.register.removeSingleMetric('http_request_duration_seconds')
    client.register.registerMetric(histogram)
  })
  // Unknown paths have no route, so are not counted: by URL they would let clients grow
  // the series. Bounded: the registered routes, their methods and the statuses taskd
  // answers with.
  app.addHook('onRoute', (route) => {
    if (route.config?.disableMetrics === true) return
    const url = route.url
    const children = new Map<string, { observe: (seconds: number) => void }>()
    appendOnResponse(route, function observeLatency (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      const key = `${request.method} ${reply.statusCode}`
      let child = children.get(key)
      if (child === undefined) {
        child = histogram.labels(request.method, url, String(reply.statusCode))
        children.set(key, child)
      }
      child.observe(reply.elapsedTime / 1000)
      done()
    })
  })
}

export default fp(routeMetrics, { name: 'taskd-route-metrics', fastify: '5.x' })
