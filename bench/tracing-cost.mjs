// @ts-check
// What tracing costs (issue 19: off by default at no measurable cost). Three taskd
// processes over one store: tracing off (the default, no OTEL endpoint), tracing on
// (exporting over OTLP/HTTP to a sink in this process on loopback, which reads each post
// and answers 200, with the SDK's default batching), and tracing's code not loaded at all
// (bench/without-tracing.mjs). Their GET and PATCH run in alternating rounds (off, on,
// not loaded, off, …), each side reported as its median.
import { createServer } from 'node:http'
import { join } from 'node:path'
import { BENCH_DIR } from './lib.mjs'
import { getAndPatch } from './load.mjs'
import { BenchError, startTaskd, stopServer } from './processes.mjs'
import { results } from './results.mjs'
import { alternately, combinedRounds } from './rounds.mjs'
import { fmt, log } from './settings.mjs'
import { NOT_LOADED_LINE } from './tracing-not-loaded.mjs'

/** @typedef {'off' | 'on' | 'not loaded'} TracingSide */

/**
 * An OTLP/HTTP receiver that counts what it is sent and answers 200 to every post.
 * @returns {Promise<{ url: string, received: { posts: number, spans: number, bytes: number }, close: () => Promise<void> }>}
 */
async function otlpSink () {
  const received = { posts: 0, spans: 0, bytes: 0 }
  const server = createServer((request, response) => {
    /** @type {Buffer[]} */
    const chunks = []
    request.on('data', (/** @type {Buffer} */ chunk) => { chunks.push(chunk) })
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      received.posts++
      received.bytes += body.length
      // The exporter's JSON encoding: one traceId per span.
      received.spans += body.split('"traceId"').length - 1
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => { server.closeAllConnections(); await new Promise((resolve) => server.close(resolve)) }
  }
}

/**
 * GET and PATCH at `stored` with tracing off, on and not loaded, in alternating rounds;
 * the combined entries go to results.tracing.
 * @param {string} store
 * @param {import('./seeding.mjs').Location} location
 * @param {number} stored
 */
export async function tracingCase (store, location, stored) {
  const sink = await otlpSink()
  /** @type {Array<{ side: TracingSide, server: import('./processes.mjs').Server }>} */
  const sides = []
  try {
    sides.push({ side: 'off', server: await startTaskd(location) })
    sides.push({ side: 'on', server: await startTaskd({ ...location, env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'taskd-bench' } }) })
    sides.push({ side: 'not loaded', server: await startTaskd({ ...location, nodeArgs: ['--import', join(BENCH_DIR, 'without-tracing.mjs')] }) })
    const [off, on, notLoaded] = /** @type {[typeof sides[0], typeof sides[0], typeof sides[0]]} */ (sides)
    if (!notLoaded.server.child.output.includes(NOT_LOADED_LINE)) throw new BenchError(`taskd under bench/without-tracing.mjs did not load the stand-in for dist/tracing.js:\n${notLoaded.server.child.output}`)
    const side = async (/** @type {typeof sides[0]} */ { side, server }) => {
      log(`  tracing ${side}:`)
      return await getAndPatch(server, `${store}, tracing ${side}`, stored)
    }
    const { a, b } = await alternately(async () => await side(off), async () => [await side(on), await side(notLoaded)])
    const roundsOf = /** @type {Record<TracingSide, Array<import('./results.mjs').CaseEntry[]>>} */ ({ off: a, on: b.map((pair) => pair[0]), 'not loaded': b.map((pair) => pair[1]) })
    for (const [name, rounds] of Object.entries(roundsOf)) {
      for (const index of [0, 1]) {
        const combined = combinedRounds(rounds.map((round) => /** @type {import('./results.mjs').CaseEntry} */ (round[index])))
        const server = sides.find((entry) => entry.side === name)?.server
        results.tracing.push({ ...combined, store, side: /** @type {TracingSide} */ (name), startRssMb: server?.startRssMb })
      }
    }
  } finally {
    for (const { side, server } of sides) {
      const highWaterMb = await stopServer(server)
      results.servers.push({ store: `${store}, tracing ${side}`, stored, startRssMb: server.startRssMb, highWaterMb })
    }
    // After the stop: taskd sends the spans it still holds as it shuts down.
    await sink.close()
  }
  results.tracingExport.push({ store, ...sink.received })
  log(`  ${store.padEnd(10)} tracing on exported ${fmt.int(sink.received.spans)} spans in ${fmt.int(sink.received.posts)} posts (${fmt.mb(sink.received.bytes / 2 ** 20)} MB)`)
  if (sink.received.spans === 0) results.failures.push(`${store}: taskd with tracing on exported no spans to the sink`)
}
