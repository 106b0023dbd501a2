// The process: configuration, store, listen. SIGTERM and SIGINT stop accepting
// connections, let in-flight requests finish within SHUTDOWN_GRACE_MS, close the
// store and exit 0 (1 if the grace period runs out).
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openStore } from './store/open-store.js'
import { startTracing } from './tracing.js'

async function start (config: Config): Promise<void> {
  // Before the store and the app, so that both are traced from their first call.
  const tracing = startTracing()
  const store = await openStore(config)
  const app = await buildApp({ config, store, tracing })
  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'closing: finishing in-flight requests')
    // Refuse what arrives from now on, stop accepting, let the requests being answered
    // finish, then close the connections that remain: none of them carries a request
    // any more. The store is closed last, by app.close(), once they are gone.
    app.requestDraining.refuseNew()
    const closed = app.close()
    await app.requestDraining.drained()
    app.server.closeAllConnections()
    await closed
    // The spans of the last requests, sent before the process ends.
    await tracing?.shutdown().catch((error: unknown) => { app.log.warn({ err: error }, 'cannot send the last spans') })
  })
  await app.listen({ port: config.port, host: config.host })
}

let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`taskd: invalid configuration: ${error.message}\n`)
  process.exit(1)
}
start(config).catch((error: unknown) => {
  // What the credentials files say is configuration too, read as the app is built.
  if (error instanceof ConfigError) {
    process.stderr.write(`taskd: invalid configuration: ${error.message}\n`)
    process.exit(1)
  }
  process.stderr.write(`taskd: cannot start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
