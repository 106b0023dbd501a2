import { configDefaults, defineConfig } from 'vitest/config'

// Three projects, all run by `npm test`: `unit` and `http` need no build, so a
// developer's inner loop is `npm run test:fast`; `process` starts the built server
// (dist/, which `npm test` builds first) as real processes.
const PROCESS_TESTS = ['test/**/*.process.test.ts']
// The browser test needs Chromium, which `npm run test:browser` installs first
// (vitest.browser.config.ts); the heavy cost-bound tests are `npm run test:cost`; the
// failover test needs the cluster `npm run test:failover` starts.
const ELSEWHERE = [...configDefaults.exclude, 'test/browser/**', 'test/cost/**', 'test/failover/**']

export default defineConfig({
  test: {
    // better-sqlite3 is a native module: keep the default process pool, not threads.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/domain/**/*.test.ts', 'test/store/**/*.test.ts', 'test/bench/**/*.test.ts'], exclude: [...ELSEWHERE, ...PROCESS_TESTS] }
      },
      {
        extends: true,
        test: {
          name: 'http',
          include: ['test/**/*.test.ts'],
          exclude: [...ELSEWHERE, ...PROCESS_TESTS, 'test/domain/**', 'test/store/**', 'test/bench/**']
        }
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS_TESTS, exclude: ELSEWHERE }
      }
    ]
  }
})
