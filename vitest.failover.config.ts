import { defineConfig } from 'vitest/config'

// PostgreSQL failover under load, against the cluster of scripts/ha-cluster.sh:
// `npm run test:failover` starts it first. One case at a time: each takes the cluster's
// primary away.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/failover/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000
  }
})
