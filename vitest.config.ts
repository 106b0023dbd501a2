import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // better-sqlite3 is a native module: keep the default process pool, not threads.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
