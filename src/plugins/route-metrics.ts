// Request latency by route, method and status, as the Prometheus histogram
// `http_request_duration_seconds` (the name and labels fastify-metrics gives it).
//
// fastify-metrics still serves /metrics and the process metrics, but its route metrics
// cost several times more a request (a timer closure and a WeakMap entry per request,
// then the labels hashed again for every observation; the figures are in this file's
// history). Here Fastify's own clock (reply.elapsedTime, from routing to the response's
// end) is observed on a histogram child kept per route, method and status.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
// Its route option `disableMetrics` is honoured here too.
import type {} from 'fastify-metrics'
import client from 'prom-client'

// prom-client's default buckets, as fastify-metrics used.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

// On prom-client's default registry, where fastify-metrics serves from; it clears that
// registry when it starts, so this is registered after it.
async function routeMetrics (app: FastifyInstance): Promise<void> {
  const histogram = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'request duration in seconds',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS
  })
  // Bounded: the registered routes, their methods and the statuses taskd answers with.
  const children = new Map<string, { observe: (seconds: number) => void }>()
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url
    // Unknown paths have no route: counting them by URL would let clients grow the series.
    if (route === undefined || request.routeOptions.config.disableMetrics === true) {
      done()
      return
    }
    const key = `${request.method} ${reply.statusCode} ${route}`
    let child = children.get(key)
    if (child === undefined) {
      child = histogram.labels(request.method, route, String(reply.statusCode))
      children.set(key, child)
    }
    child.observe(reply.elapsedTime / 1000)
    done()
  })
}

export default fp(routeMetrics, { name: 'taskd-route-metrics', fastify: '5.x' })
