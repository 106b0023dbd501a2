import { defineConfig } from 'vitest/config'

// The browser test: separate from `npm test` because it needs Debian's Chromium,
// which scripts/ensure-chromium.sh installs (`npm run test:browser` runs both).
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000
  }
})
