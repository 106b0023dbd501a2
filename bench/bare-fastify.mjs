// @ts-check
// The ceiling: a bare Fastify server with one route that answers the spec's example
// TaskStatus (the same size as the documents taskd serves in the benchmark), with no
// validation, store, hooks or plugins. Prints `LISTENING <port>` once it listens.
import Fastify from 'fastify'
import { EXAMPLE_TASK_STATUS } from './lib.mjs'

const app = Fastify({ logger: false })
app.get('/task-status/:id', async () => EXAMPLE_TASK_STATUS)
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`LISTENING ${/** @type {import('node:net').AddressInfo} */ (app.server.address()).port}\n`)
process.on('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
