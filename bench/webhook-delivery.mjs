// @ts-check
// Webhook delivery latency and throughput against a receiver on loopback: taskd in
// process (dist/, over a SQLite file), one subscription, N task statuses created as fast
// as inject allows; latency is from each create's answer to its webhook's arrival.
// Usage: npm run build && node bench/webhook-delivery.mjs [events]
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { built } from './dist.mjs'

const { buildApp } = /** @type {typeof import('../src/app.js')} */ (await built('app.js'))
const { loadConfig } = /** @type {typeof import('../src/config.js')} */ (await built('config.js'))
const { openStore } = /** @type {typeof import('../src/store/open-store.js')} */ (await built('store/open-store.js'))

const events = Number(process.argv[2] ?? 2000)
const directory = mkdtempSync(join(tmpdir(), 'taskd-webhook-bench-'))
/** @type {Map<string, number>} */
const arrivals = new Map()
const receiver = http.createServer((request, response) => {
  /** @type {Buffer[]} */
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    arrivals.set(JSON.parse(Buffer.concat(chunks).toString()).data.id, performance.now())
    response.writeHead(204).end()
  })
})
await new Promise((resolve) => { receiver.listen(0, '127.0.0.1', () => { resolve(undefined) }) })
const receiverPort = /** @type {import('node:net').AddressInfo} */ (receiver.address()).port
const config = loadConfig({ STORE_URL: `sqlite:${join(directory, 'bench.db')}`, LOG_LEVEL: 'silent', WEBHOOKS_ENABLED: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '20' })
const app = await buildApp({ config, store: await openStore(config), logger: false })
await app.ready()
await app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: `http://127.0.0.1:${receiverPort}/`, eventTypes: ['task-status.created'] } })
/** @type {Map<string, number>} */
const created = new Map()
const started = performance.now()
for (let index = 0; index < events; index++) {
  const response = await app.inject({ method: 'POST', url: '/task-status', payload: { type: 'QUARTZ', uniqueName: `bench ${index}`, description: 'bench', launcher: 'bench' } })
  created.set(response.json().id, performance.now())
}
const writtenIn = performance.now() - started
while (arrivals.size < events) await new Promise((resolve) => setTimeout(resolve, 5))
const deliveredIn = performance.now() - started
const latencies = [...created].map(([id, at]) => (arrivals.get(id) ?? Number.NaN) - at).sort((x, y) => x - y)
const at = (/** @type {number} */ q) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN).toFixed(1)
console.log(JSON.stringify({ events, writesPerSecond: Math.round(events / writtenIn * 1000), deliveredPerSecond: Math.round(events / deliveredIn * 1000), latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) } }))
await app.close()
receiver.close()
rmSync(directory, { recursive: true, force: true })
