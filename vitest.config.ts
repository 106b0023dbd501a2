import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // better-sqlite3 is a native module: keep the default process pool, not threads.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    // The browser test needs Chromium, which `npm run test:browser` installs first
    // (vitest.browser.config.ts); `npm test` must pass on a machine without it. The
    // heavy cost-bound tests are `npm run test:cost` (vitest.cost.config.ts); the failover
    // test needs the cluster `npm run test:failover` starts (vitest.failover.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/cost/**', 'test/failover/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
