// @ts-check
// The peer: json-server 0.17.4 over a db.json file, as `json-server --quiet db.json`
// runs it (its default middlewares, no request log), but on a free port of loopback.
// It persists the whole file on every write: that is its normal mode.
// `node bench/json-server.mjs <db.json>`; prints `LISTENING <port>` once it listens.
import jsonServer from 'json-server'

const server = jsonServer.create()
server.use(jsonServer.defaults({ logger: false }))
server.use(jsonServer.router(process.argv[2]))
const listener = server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${listener.address().port}\n`)
})
process.on('SIGTERM', () => { listener.close(() => process.exit(0)) })
