// The watch streams of both families (GET /task-status/watch, GET /v1/tasks/watch):
// text/event-stream through @fastify/sse, whose heartbeat comments keep idle streams
// (and the proxies between) open. The routes come from the spec like every other; this
// plugin marks them as SSE routes before @fastify/sse sees them, decorates the instance
// with the open streams, counts them in /metrics, and ends them when the server closes,
// so that a shutdown is not held by clients that never hang up.
import sseModule, { type SSEPluginOptions } from '@fastify/sse'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import client from 'prom-client'
import type { WatchConfig } from '../config.js'
import { WatchStreams } from '../watch/watch-streams.js'
import { operationIdOf } from '../http/route-options.js'

declare module 'fastify' {
  interface FastifyInstance {
    watchStreams: WatchStreams
  }
}

// @fastify/sse is CommonJS: the default import is its module.exports, the plugin wrapped by
// fastify-plugin (its `default` property is the bare function, which would be encapsulated).
const sse = sseModule as unknown as FastifyPluginAsync<SSEPluginOptions>

export const WATCH_OPERATIONS: ReadonlySet<string> = new Set(['watchTaskStatuses', 'watchHumanTasks'])

export interface WatchPluginOptions {
  config: WatchConfig
}

async function watch (app: FastifyInstance, { config }: WatchPluginOptions): Promise<void> {
  // Before @fastify/sse's own onRoute hook, which reads the option. 'manual': the handler
  // may still refuse the request (a bad cursor, too many streams) with a plain error body.
  app.addHook('onRoute', (route) => {
    if (WATCH_OPERATIONS.has(operationIdOf(route.schema) ?? '')) route.sse = { kind: 'manual' }
  })
  await app.register(sse, { heartbeatInterval: config.heartbeatMs })
  const metrics = {
    streams: new client.Gauge({ name: 'taskd_watch_streams', help: 'Watch streams open', labelNames: ['family'] as const }),
    lag: new client.Histogram({
      name: 'taskd_watch_lag_seconds',
      help: 'Time from a change to its event being written to a watch stream',
      labelNames: ['family'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60]
    }),
    events: new client.Counter({ name: 'taskd_watch_events_total', help: 'Events written to watch streams', labelNames: ['family'] as const }),
    slowClosed: new client.Counter({ name: 'taskd_watch_slow_closed_total', help: 'Watch streams closed because their client read too slowly', labelNames: ['family'] as const })
  }
  const streams = new WatchStreams({
    changeLog: app.store.changeLog,
    commits: app.store.commits,
    maxStreams: config.maxStreams,
    bufferBytes: config.bufferBytes,
    drainTimeoutMs: Math.max(config.heartbeatMs * 2, 5000),
    metrics
  })
  // Registered for /metrics, which samples it when read.
  new client.Gauge({ // eslint-disable-line no-new
    name: 'taskd_watch_buffered_bytes',
    help: 'Bytes written to watch streams that their sockets have not sent yet',
    collect () { this.set(streams.bufferedBytes()) }
  })
  app.decorate('watchStreams', streams)
  app.addHook('preClose', async () => { streams.closeAll() })
}

export default fp(watch, { name: 'taskd-watch', fastify: '5.x', dependencies: ['taskd-task-store'] })
