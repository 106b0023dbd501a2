// The container's HEALTHCHECK: exits 0 when this machine's taskd answers /health,
// 1 otherwise. The slim Node image has no curl, and asking the server through the
// same parsing of PORT and HOST keeps them in one place. Only those two are read:
// the check must not fail over settings the running server has already accepted.
import { loadListenAddress } from './config.js'
import { localAddress } from './healthcheck-address.js'

const TIMEOUT_MS = 2_000

async function check (): Promise<boolean> {
  const { host, port } = loadListenAddress()
  try {
    const response = await fetch(`http://${localAddress(host)}:${port}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    return response.status === 200
  } catch {
    return false
  }
}

check().then((healthy) => {
  if (!healthy) process.stderr.write('taskd: /health did not answer 200\n')
  process.exit(healthy ? 0 : 1)
}, (error: unknown) => {
  process.stderr.write(`taskd: health check failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
