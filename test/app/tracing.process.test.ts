// OpenTelemetry tracing against a real OTLP/HTTP receiver on loopback: two server
// processes answer requests that carry one W3C traceparent, and every span they export
// belongs to that trace.
import { createServer, type Server } from 'node:http'
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server-process.js'
import { CREATE_BODY } from '../helpers/task-status-fixtures.js'

interface ExportedSpan { traceId: string, spanId: string, parentSpanId?: string, name: string, service: string }

/** An OTLP/HTTP trace receiver (JSON encoding, as the exporter sends it): every span received. */
async function otlpReceiver (): Promise<{ url: string, spans: ExportedSpan[], server: Server }> {
  const spans: ExportedSpan[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => { body += chunk.toString() })
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const exported = JSON.parse(body) as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string, value: { stringValue?: string } }> }, scopeSpans: Array<{ spans: ExportedSpan[] }> }> }
        for (const resourceSpans of exported.resourceSpans) {
          const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? ''
          for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service })
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}`, spans, server }
}

let receiver: Awaited<ReturnType<typeof otlpReceiver>> | undefined
afterEach(async () => { await new Promise((resolve) => receiver?.server.close(resolve)) })

describe('tracing', () => {
  it('exports spans named by their route from two instances into the trace the caller started, the store\'s calls as children, and logs the trace id', async () => {
    receiver = await otlpReceiver()
    const env = (service: string): Record<string, string> => ({ STORE_URL: 'sqlite::memory:', OTEL_EXPORTER_OTLP_ENDPOINT: receiver?.url ?? '', OTEL_SERVICE_NAME: service, OTEL_BSP_SCHEDULE_DELAY: '100' })
    const [first, second] = [await startServer(env('taskd-a')), await startServer(env('taskd-b'))]
    const traceId = randomBytes(16).toString('hex')
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`
    let logs = ''
    second.child.stdout.on('data', (chunk: Buffer) => { logs += chunk.toString() })
    try {
      const created = await fetch(`${first.url}/task-status`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: JSON.stringify(CREATE_BODY) })
      expect(created.status).toBe(201)
      expect((await fetch(`${second.url}/task-status/${randomBytes(16).toString('hex')}`, { headers: { traceparent } })).status).toBe(404)
    } finally {
      await Promise.all([first.stop(), second.stop()])
    }
    const inTrace = receiver.spans.filter((span) => span.traceId === traceId)
    const requests = inTrace.filter((span) => /^(GET|POST) /.test(span.name))
    expect(requests.map((span) => `${span.service} ${span.name}`).sort()).toEqual(['taskd-a POST /task-status', 'taskd-b GET /task-status/:id'])
    // The store's call is below the request's span (through the handler's span).
    const byId = new Map(inTrace.map((span) => [span.spanId, span]))
    const storeSpan = inTrace.find((span) => span.name === 'store taskStatuses.insert')
    let ancestor = storeSpan
    while (ancestor !== undefined && !/^POST /.test(ancestor.name)) ancestor = byId.get(ancestor.parentSpanId ?? '')
    expect(ancestor?.service).toBe('taskd-a')
    expect(logs).toContain(`"trace_id":"${traceId}"`)
  })

  it('is off with OTEL_SDK_DISABLED=true, even with an endpoint: nothing is exported', async () => {
    receiver = await otlpReceiver()
    const server = await startServer({ STORE_URL: 'sqlite::memory:', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true', OTEL_BSP_SCHEDULE_DELAY: '100' })
    try {
      expect((await fetch(`${server.url}/task-status`)).status).toBe(200)
    } finally {
      await server.stop()
    }
    expect(receiver.spans).toEqual([])
  })
})
