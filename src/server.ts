// The process: configuration, store, listen; a clean close on SIGTERM and SIGINT.
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openStore } from './store/open-store.js'

async function start (config: Config): Promise<void> {
  const store = await openStore(config)
  const app = await buildApp({ config, store })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'closing')
      app.close().then(() => process.exit(0), (error: unknown) => {
        app.log.error({ err: error }, 'close failed')
        process.exit(1)
      })
    })
  }
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
  process.stderr.write(`taskd: cannot start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
