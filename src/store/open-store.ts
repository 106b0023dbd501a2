// Chooses the adapter from STORE_URL.
import type { Config } from '../config.js'
import { openPostgresStore } from './postgres/postgres-store.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { TaskStore } from './task-store.js'

export async function openStore (config: Pick<Config, 'storeUrl' | 'pgPoolSize' | 'pgSchema' | 'pgStatementTimeoutMs' | 'pgLockTimeoutMs' | 'pgConnectTimeoutMs' | 'storeLimits'>): Promise<TaskStore> {
  if (config.storeUrl.startsWith('sqlite:')) {
    return openSqliteStore({ filename: config.storeUrl.slice('sqlite:'.length), limits: config.storeLimits })
  }
  return await openPostgresStore({
    connectionString: config.storeUrl,
    poolSize: config.pgPoolSize,
    schema: config.pgSchema,
    limits: config.storeLimits,
    statementTimeoutMs: config.pgStatementTimeoutMs,
    lockTimeoutMs: config.pgLockTimeoutMs,
    connectTimeoutMs: config.pgConnectTimeoutMs
  })
}
