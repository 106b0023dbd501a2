// Webhook delivery latency and throughput against a receiver on loopback: taskd in
// process (dist/, over a SQLite file), one subscription, N task statuses created as fast
// as inject allows; latency is from each create's answer to its webhook's arrival.
// Usage: npm run build && node bench/webhook-delivery.mjs [events]
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { openStore } from '../dist/store/open-store.js'

const events = Number(process.argv[2] ?? 2000)
const directory = mkdtempSync(join(tmpdir(), 'taskd-webhook-bench-'))
const arrivals = new Map()
const receiver = http.createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    arrivals.set(JSON.parse(Buffer.concat(chunks).toString()).data.id, performance.now())
    response.writeHead(204).end()
  })
})
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const config = loadConfig({ STORE_URL: `sqlite:${join(directory, 'bench.db')}`, LOG_LEVEL: 'silent', WEBHOOKS_ENABLED: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '20' })
const app = await buildApp({ config, store: await openStore(config), logger: false })
await app.ready()
await app.inject({ method: 'POST', url: '/webhooks/subscriptions', payload: { url: `http://127.0.0.1:${receiver.address().port}/`, eventTypes: ['task-status.created'] } })
const created = new Map()
const started = performance.now()
for (let index = 0; index < events; index++) {
  const response = await app.inject({ method: 'POST', url: '/task-status', payload: { type: 'QUARTZ', uniqueName: `bench ${index}`, description: 'bench', launcher: 'bench' } })
  created.set(response.json().id, performance.now())
}
const writtenIn = performance.now() - started
while (arrivals.size < events) await new Promise((resolve) => setTimeout(resolve, 5))
const deliveredIn = performance.now() - started
const latencies = [...created].map(([id, at]) => arrivals.get(id) - at).sort((x, y) => x - y)
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
console.log(JSON.stringify({ events, writesPerSecond: Math.round(events / writtenIn * 1000), deliveredPerSecond: Math.round(events / deliveredIn * 1000), latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) } }))
await app.close()
receiver.close()
rmSync(directory, { recursive: true, force: true })
