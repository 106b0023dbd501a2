// @ts-check
// One taskd server process for the standalone side-by-side scripts: the build in `dist`
// on a random loopback port, as in production (NODE_ENV, the heap budget), its rate
// limit out of reach; resolves once /health answers.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

/**
 * @param {string} dist the build directory whose server.js runs
 * @param {NodeJS.ProcessEnv} env added to the server's environment
 * @param {string[]} [nodeArgs] Node's options before the script (--cpu-prof, say)
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startServer (dist, env, nodeArgs = []) {
  const port = 40_000 + Math.floor(Math.random() * 20_000)
  const child = spawn(process.execPath, ['--max-old-space-size=256', ...nodeArgs, join(dist, 'server.js')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), RATE_LIMIT_MAX: '1000000000', ...env },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {}
    if (attempt > 200) throw new Error('the server did not start')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { url, stop: async () => { child.kill('SIGTERM'); await new Promise((resolve) => { child.on('exit', resolve) }) } }
}
