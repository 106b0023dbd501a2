// @ts-check
// bare-fastify.mjs with one onRequest hook that holds the event loop for BENCH_SPIN_US
// microseconds of busy work a request: a known cost added to the ceiling, for
// bench/work-price.mjs. Prints `LISTENING <port>` once it listens.
import Fastify from 'fastify'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'
import { integer } from './settings.mjs'

const spinNs = BigInt(integer('BENCH_SPIN_US', 0) * 1000)
const app = Fastify({ logger: false })
app.addHook('onRequest', (_request, _reply, done) => {
  const until = process.hrtime.bigint() + spinNs
  while (process.hrtime.bigint() < until);
  done()
})
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${/** @type {import('node:net').AddressInfo} */ (app.server.address()).port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
