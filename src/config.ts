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
  throw new ConfigError('STORE_URL', `must be sqlite:<file path> or sqlite::memory:; got '${raw}'`)
}

function apiPrefix (env: Env): string {
  const raw = env.API_PREFIX
  if (raw === undefined || raw === '' || raw === '/') return ''
  if (!/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(raw)) {
    throw new ConfigError('API_PREFIX', `must be a path such as /api (letters, digits, . _ ~ -); got '${raw}'`)
  }
  return raw.replace(/\/$/, '')
}

export function loadConfig (env: Env = process.env): Config {
  return {
    port: port(env),
    host: host(env),
    storeUrl: storeUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    apiPrefix: apiPrefix(env),
    completionStatusCase: oneOf(env, 'COMPLETION_STATUS_CASE', ['title', 'upper'] as const, 'title')
  }
}
