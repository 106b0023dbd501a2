// Configuration comes from the environment only, and is checked once at start so a
// bad value stops the process with one line naming the variable, instead of failing
// later on the first request that needs it.

export type CompletionStatusCase = 'title' | 'upper'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  port: number
  host: string
  storeUrl: string
  logLevel: LogLevel
  /** Mount point of every API route, '' or a path such as '/api' (no trailing slash). */
  apiPrefix: string
  completionStatusCase: CompletionStatusCase
  /** Mount point of the Human Task family below apiPrefix, '' or e.g. '/rest/bpm/htm'. */
  htmPrefix: string
  /** The most ids one bulk update may list. */
  bulkMaxIds: number
  /** Whether Human Task error bodies carry programmersDetails. */
  htmProgrammersDetails: boolean
  /** Connections in the PostgreSQL pool. */
  pgPoolSize: number
}

export class ConfigError extends Error {
  constructor (readonly variable: string, problem: string) {
    super(`${variable} ${problem}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function oneOf<T extends string> (env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  throw new ConfigError(name, `must be one of ${allowed.join(', ')}; got '${raw}'`)
}

function port (env: Env): number {
  const raw = env.PORT
  if (raw === undefined || raw === '') return 3000
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value > 65535) {
    throw new ConfigError('PORT', `must be an integer from 0 to 65535; got '${raw}'`)
  }
  return value
}

function host (env: Env): string {
  const raw = env.HOST
  if (raw === undefined || raw === '') return '127.0.0.1'
  if (/\s/.test(raw)) throw new ConfigError('HOST', `must be a host name or address; got '${raw}'`)
  return raw
}

function storeUrl (env: Env): string {
  const raw = env.STORE_URL
  if (raw === undefined || raw === '') return 'sqlite:./data/taskd.db'
  if (raw.startsWith('sqlite:') && raw.length > 'sqlite:'.length) return raw
  if (/^postgres(ql)?:\/\/[^/]/.test(raw)) return raw
  throw new ConfigError('STORE_URL', `must be sqlite:<file path>, sqlite::memory: or postgres://…; got '${redacted(raw)}'`)
}

function pathPrefix (env: Env, name: string, example: string): string {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === '/') return ''
  if (!/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(raw)) {
    throw new ConfigError(name, `must be a path such as ${example} (letters, digits, . _ ~ -); got '${raw}'`)
  }
  return raw.replace(/\/$/, '')
}

function pgPoolSize (env: Env): number {
  const raw = env.PG_POOL_SIZE
  if (raw === undefined || raw === '') return 10
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > 1000) throw new ConfigError('PG_POOL_SIZE', `must be an integer from 1 to 1000; got '${raw}'`)
  return value
}

/** A URL with its password replaced, for messages and logs. */
export function redacted (url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
}

// The spec's own ceiling on updatedTaskIDs; the configured maximum may only be lower.
export const BULK_IDS_CEILING = 50_000

function bulkMaxIds (env: Env): number {
  const raw = env.BULK_MAX_IDS
  if (raw === undefined || raw === '') return BULK_IDS_CEILING
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > BULK_IDS_CEILING) {
    throw new ConfigError('BULK_MAX_IDS', `must be an integer from 1 to ${BULK_IDS_CEILING}; got '${raw}'`)
  }
  return value
}

function flag (env: Env, name: string): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  throw new ConfigError(name, `must be true or false; got '${raw}'`)
}

export function loadConfig (env: Env = process.env): Config {
  return {
    port: port(env),
    host: host(env),
    storeUrl: storeUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    apiPrefix: pathPrefix(env, 'API_PREFIX', '/api'),
    completionStatusCase: oneOf(env, 'COMPLETION_STATUS_CASE', ['title', 'upper'] as const, 'title'),
    htmPrefix: pathPrefix(env, 'HTM_PREFIX', '/rest/bpm/htm'),
    bulkMaxIds: bulkMaxIds(env),
    htmProgrammersDetails: flag(env, 'HTM_PROGRAMMERS_DETAILS'),
    pgPoolSize: pgPoolSize(env)
  }
}
