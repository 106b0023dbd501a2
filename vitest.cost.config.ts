import { defineConfig } from 'vitest/config'

// The heavy cost-bound tests (hundreds of megabytes stored): `npm run test:cost`.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/cost/**/*.cost.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000
  }
})
