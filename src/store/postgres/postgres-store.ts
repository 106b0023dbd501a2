// The production store: PostgreSQL through a pg pool, for several taskd instances
// over one database. Opening it sets the session's timeouts, migrates the schema under
// an advisory lock (one instance at a time) and makes the store of its parts: the
// documents (postgres-documents.ts: row-locked read-modify-write, so no lost updates),
// the change log, the idempotency records, the webhooks and the commit signal.
import pg from 'pg'
import { StoreUnavailableError } from '../../errors.js'
import { DEFAULT_STORE_LIMITS, type StoreLimits, type TaskStore } from '../task-store.js'
import { POSTGRES_MIGRATIONS } from './migrations.js'
import { WRITTEN_COLUMNS_SETTING } from './postgres-columns.js'
import { postgresIdempotency } from './postgres-idempotency.js'
import { postgresWebhookRepository } from './postgres-webhooks.js'
import { postgresChangeLog } from './postgres-change-log.js'
import { translated } from './postgres-faults.js'
import { inTransaction } from './postgres-transactions.js'
import { CommitSignals, signallingWrites } from '../commit-signal.js'
import { commitListener } from './commit-listener.js'
import { humanTaskRepository, taskStatusRepository } from './postgres-documents.js'

export interface PostgresStoreOptions {
  connectionString: string
  poolSize?: number
  /** The schema to keep taskd's tables in (created when missing); the server's default when absent. */
  schema?: string
  limits?: StoreLimits
  /** PostgreSQL's statement_timeout, in ms: a statement running longer is cancelled by the server (a 503). */
  statementTimeoutMs?: number
  /** PostgreSQL's lock_timeout, in ms: a statement waiting longer for a lock is cancelled by the server (a 503). */
  lockTimeoutMs?: number
  /** How long opening a connection, or waiting for a free one of the pool, may take, in ms. */
  connectTimeoutMs?: number
  /**
   * How long a statement may go unanswered before its request fails with a 503 and its
   * connection is closed, in ms: a server fallen silent, which cannot cancel anything.
   * By default a little longer than statementTimeoutMs, so that a slow statement is
   * cancelled by the server and its connection kept.
   */
  queryTimeoutMs?: number
}

// How much longer than statement_timeout taskd waits for an answer before it gives the
// connection up: the server's cancellation and its reply on a busy machine.
const QUERY_TIMEOUT_MARGIN_MS = 2000

const JSON_OID = 114
// json columns arrive as text (parsed later, if at all: see stored-json.ts).
const types = {
  getTypeParser: ((oid: number, format?: string) => oid === JSON_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
}

const MIGRATION_LOCK = 7_351_001

// On a connection of its own, outside the pool: a migration may take longer than the
// pool's query timeout allows a request's statement.
async function migrate (connection: pg.ClientConfig, schema: string | undefined): Promise<void> {
  const client = new pg.Client(connection)
  // A connection that ends between two statements emits 'error', which would otherwise
  // end the process before it says why; the next statement fails and says it.
  client.on('error', () => {})
  await client.connect()
  try {
    // Unbounded here: a migration may rewrite a large table, and an instance waits for
    // another's migration lock as long as that migration takes.
    await client.query('SET statement_timeout = 0')
    await client.query('SET lock_timeout = 0')
    await client.query('BEGIN')
    // One instance migrates at a time; the others wait here, then find nothing to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`)
    await client.query('CREATE TABLE IF NOT EXISTS taskd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM taskd_migrations')).rows.map((row) => row.version))
    for (const migration of POSTGRES_MIGRATIONS) {
      if (applied.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO taskd_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}

/** host:port of a PostgreSQL URL, for messages that must not show credentials. */
export function postgresAddress (connectionString: string): string {
  const url = new URL(connectionString)
  return `${url.hostname === '' ? 'localhost' : url.hostname}:${url.port === '' ? '5432' : url.port}`
}

// The timeouts and the schema go in the connection's startup `options`, so that they
// apply before any statement runs and need no round trip. pg lets the URL's own
// `options` (other settings a deployment passes) win over the pool's, so they are moved
// out of the URL and taskd's settings are added after them (the last -c of a name wins).
function connectionWithSettings (connectionString: string, settings: Record<string, string>): { connectionString: string, options: string } {
  const url = new URL(connectionString)
  const given = url.searchParams.get('options')
  url.searchParams.delete('options')
  const ours = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`).join(' ')
  return { connectionString: url.toString(), options: given === null ? ours : `${given} ${ours}` }
}

export async function openPostgresStore ({
  connectionString, poolSize = 10, schema, limits = DEFAULT_STORE_LIMITS,
  statementTimeoutMs = 30_000, lockTimeoutMs = 10_000, connectTimeoutMs = 5000, queryTimeoutMs = statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS
}: PostgresStoreOptions): Promise<TaskStore> {
  const connection: pg.ClientConfig = {
    // Also how long a request waits for a free connection of the pool.
    connectionTimeoutMillis: connectTimeoutMs,
    // How operators tell taskd's connections apart (pg_stat_activity); an
    // application_name in the URL, or PGAPPNAME, wins.
    fallback_application_name: 'taskd',
    // A server that vanished without closing the connection (a host lost, a network
    // cut) is found out by TCP keepalive instead of waited on.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...connectionWithSettings(connectionString, {
      statement_timeout: String(statementTimeoutMs),
      lock_timeout: String(lockTimeoutMs),
      // This version writes the filter and sort columns itself (postgres-columns.ts).
      [WRITTEN_COLUMNS_SETTING]: 'on',
      ...(schema !== undefined && { search_path: pg.escapeIdentifier(schema) })
    })
  }
  const pool = new pg.Pool({
    ...connection,
    max: poolSize,
    // A statement left unanswered fails its request with a 503 instead of holding it
    // and its connection; the connection is then closed (see postgres-faults.ts).
    query_timeout: queryTimeoutMs,
    types
  })
  // An idle connection that dies (the server restarted) is dropped by the pool and
  // replaced on the next query; without a listener the error would end the process.
  // Checked-out clients have listeners of their own: pool.query's, and checkOut's.
  pool.on('error', () => {})
  try {
    await pool.query('SELECT 1')
  } catch (error) {
    await pool.end()
    throw new Error(`cannot reach PostgreSQL at ${postgresAddress(connectionString)}: ${(error as Error).message || (error as { code?: string }).code || 'connection failed'}`)
  }
  try {
    await migrate(connection, schema)
  } catch (error) {
    await pool.end()
    throw error
  }
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    try {
      return (await pool.query<R>(sql, params)).rows
    } catch (error) {
      throw translated(error)
    }
  }
  const commits = new CommitSignals(commitListener(connection))
  return {
    taskStatuses: signallingWrites(taskStatusRepository(pool, limits), commits),
    humanTasks: signallingWrites(humanTaskRepository(pool, limits), commits),
    commits,
    idempotency: postgresIdempotency(query),
    webhooks: postgresWebhookRepository(pool, async (work) => await inTransaction(pool, work)),
    changeLog: postgresChangeLog(query, async (sql) => {
      try {
        // A string of several statements answers with one result each.
        const results = await pool.query(sql) as unknown as pg.QueryResult[]
        return results.map((result) => result.rows)
      } catch (error) {
        throw translated(error)
      }
    }, async (work) => await inTransaction(pool, work)),
    // Ready means able to write: a server in recovery (a standby that a connection still
    // reaches after a failover) or made read-only answers SELECT 1 but refuses every change.
    // Bounded like a connection attempt, so that a probe never waits a statement timeout.
    async ping () {
      // pg reads query_timeout from a query's config too; its types do not say so.
      const probe: pg.QueryConfig & { query_timeout: number } = { text: "SELECT current_setting('transaction_read_only') = 'on' AS read_only", query_timeout: connectTimeoutMs }
      let readOnly: boolean
      try {
        const { rows } = await pool.query<{ read_only: boolean }>(probe)
        readOnly = rows[0]?.read_only === true
      } catch (error) {
        throw translated(error)
      }
      if (readOnly) throw new StoreUnavailableError('the PostgreSQL server is read-only (a standby)')
    },
    close: async () => {
      commits.close()
      await pool.end()
    }
  }
}
