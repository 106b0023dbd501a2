// Configuration comes from the environment only, and is checked once at start so a
// bad value stops the process with one line naming the variable, instead of failing
// later on the first request that needs it.
import { BlockList, isIP } from 'node:net'
import { subtractIsoDuration } from './domain/iso-duration.js'
import type { StoreLimits } from './store/task-store.js'

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
  /** The PostgreSQL schema taskd keeps its tables in; the server's search_path when absent. */
  pgSchema: string | undefined
  /** PostgreSQL's statement_timeout on taskd's connections, in ms: a statement running longer is cancelled (503). */
  pgStatementTimeoutMs: number
  /** PostgreSQL's lock_timeout, in ms: a statement waiting longer for a row lock is cancelled (503). */
  pgLockTimeoutMs: number
  /** How long opening a connection, or waiting for a free one of the pool, may take, in ms. */
  pgConnectTimeoutMs: number
  /** The most bytes a request body may have (the bulk update may have more). */
  bodyLimit: number
  /** The largest stored document of each family, and what one bulk update may rewrite. */
  storeLimits: StoreLimits
  auth: AuthConfig
  rateLimit: RateLimitConfig
  /** Origins allowed by CORS; empty turns CORS off. */
  corsOrigins: string[]
  /** Whether /metrics asks for credentials (when credentials are configured). */
  metricsRequireAuth: boolean
  /** How long a SIGTERM/SIGINT waits for in-flight requests before exiting, in ms. */
  shutdownGraceMs: number
  http: HttpLimits
  retention: RetentionConfig
  watch: WatchConfig
  idempotency: IdempotencyConfig
  webhooks: WebhookConfig
}

/** What the retention sweeper (src/retention) deletes, and how often it looks. */
export interface RetentionConfig {
  /** How often the sweeper runs, in ms; 0 turns it off in this instance. */
  sweepIntervalMs: number
  /** How long change-log entries are kept, an ISO 8601 duration. */
  changeLogRetention: string
  /** How long task statuses are kept once completed, an ISO 8601 duration; undefined keeps them for ever. */
  taskStatusRetention: string | undefined
}

/** The watch streams (text/event-stream) of both families. */
export interface WatchConfig {
  /** How often an open stream carries a heartbeat comment, in ms. */
  heartbeatMs: number
  /** The most streams open at once in this instance; one more is a 503. */
  maxStreams: number
  /** The most bytes a stream's socket may hold unsent before the stream is closed (the client resumes). */
  bufferBytes: number
  /** How long a stream token (POST /task-status/watch-tokens) is valid, in seconds. */
  tokenTtlSeconds: number
  /** The secret stream tokens are signed with (a key derived from it); AUTH_JWT_SECRET when absent. */
  tokenSecret: string | undefined
}

/** How long the responses kept under Idempotency-Keys are kept, and how much of one. */
export interface IdempotencyConfig {
  /** How long a key's record is kept, in seconds: a retry later than that runs again. */
  ttlSeconds: number
  /** The most bytes of a response body a record keeps; a larger one is kept without its body. */
  maxResponseBytes: number
  /** How long a keyed bulk update in progress holds its key after each commit, in ms: a retry after that takes it over. */
  leaseMs: number
}

/** Webhook delivery (src/webhooks/). */
export interface WebhookConfig {
  /** Whether this instance runs a delivery worker. */
  enabled: boolean
  /** How long one delivery attempt may take, connecting included, in ms. */
  timeoutMs: number
  /** How long a rotated-out secret keeps signing, in ms. */
  secretOverlapMs: number
  /** How long a subscription may keep failing before it is disabled, in ms. */
  retryWindowMs: number
  /** CIDRs a receiver may resolve to although they are loopback, private, link-local or metadata addresses. */
  allowedNetworks: string[]
  /** The most subscriptions this instance delivers to at once (one delivery at a time each). */
  concurrency: number
  /** How long a claimed subscription stays this instance's without a word from it, in ms. */
  leaseMs: number
  /** How often the worker looks for subscriptions with something to deliver, in ms. */
  pollMs: number
}

/** The HTTP server's timeouts and connection limits. */
export interface HttpLimits {
  /** How long a client may take to send a whole request, in ms. */
  requestTimeoutMs: number
  /** How long a client may take to send a request's headers, in ms. */
  headersTimeoutMs: number
  /** How long an idle keep-alive connection stays open, in ms. */
  keepAliveTimeoutMs: number
  maxConnections: number
  /** 0 for no limit per client address. */
  maxConnectionsPerAddress: number
}

export interface RateLimitConfig {
  /** Requests an authenticated principal may make per window. */
  max: number
  /** Requests per window from an address without an authenticated principal, when credentials are configured. */
  anonymousMax: number
  windowMs: number
  /** Failed authentications allowed per address, and per credential presented, per failure window. */
  failureMax: number
  failureWindowMs: number
  redisUrl: string | undefined
}

export type JwtCheckedClaim = 'iss' | 'aud'

export interface AuthConfig {
  tokensFile: string | undefined
  jwtSecret: string | undefined
  jwtPublicKeyFile: string | undefined
  jwtIssuer: string | undefined
  jwtAudience: string | undefined
  /** Claims a JWT need not match (iss, aud): an explicit waiver, for a public key's issuer. */
  jwtUncheckedClaims: JwtCheckedClaim[]
  /** The longest lifetime a JWT may have (exp − iat, and exp − now), in seconds. */
  jwtMaxLifetimeSeconds: number
  clientsFile: string | undefined
  /** Lifetime of the tokens POST /oauth/token issues, in seconds. */
  tokenTtlSeconds: number
  /** Serve without authentication on a non-loopback address (an explicit opt-out). */
  disabled: boolean
}

/** Whether any credentials are configured; without them taskd serves unauthenticated. */
export function authConfigured (auth: AuthConfig): boolean {
  return auth.tokensFile !== undefined || auth.jwtSecret !== undefined || auth.jwtPublicKeyFile !== undefined || auth.clientsFile !== undefined
}

// Only what certainly reaches this machine alone: a name such as 127.foo.invalid
// merely looks like a loopback address, and resolves wherever DNS says.
const LOOPBACK_ADDRESSES = new BlockList()
LOOPBACK_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK_ADDRESSES.addAddress('::1', 'ipv6')

export function isLoopback (host: string): boolean {
  if (host === 'localhost') return true
  const family = isIP(host)
  return family !== 0 && LOOPBACK_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6')
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

function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}; got '${raw}'`)
  return value
}

function pgSchema (env: Env): string | undefined {
  const raw = optional(env, 'PG_SCHEMA')
  // An unquoted SQL identifier, so the name an operator types is the name psql shows.
  if (raw !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError('PG_SCHEMA', `must be a lower-case SQL identifier (a-z, 0-9, _; 63 at most); got '${raw}'`)
  }
  return raw
}

// A lock wait is part of its statement: a lock timeout past the statement timeout
// could never fire.
function pgTimeouts (env: Env): Pick<Config, 'pgStatementTimeoutMs' | 'pgLockTimeoutMs' | 'pgConnectTimeoutMs'> {
  const timeouts = {
    pgStatementTimeoutMs: integer(env, 'PG_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    pgLockTimeoutMs: integer(env, 'PG_LOCK_TIMEOUT_MS', 10_000, 100, 3_600_000),
    pgConnectTimeoutMs: integer(env, 'PG_CONNECT_TIMEOUT_MS', 5000, 100, 600_000)
  }
  if (timeouts.pgLockTimeoutMs > timeouts.pgStatementTimeoutMs) {
    throw new ConfigError('PG_LOCK_TIMEOUT_MS', `must not exceed PG_STATEMENT_TIMEOUT_MS (${timeouts.pgStatementTimeoutMs}); got '${timeouts.pgLockTimeoutMs}'`)
  }
  return timeouts
}

// A signing secret: as AUTH_JWT_SECRET, at least 32 characters.
function secret (env: Env, name: string): string | undefined {
  const value = optional(env, name)
  if (value !== undefined && value.length < 32) throw new ConfigError(name, 'must have at least 32 characters')
  return value
}

function optional (env: Env, name: string): string | undefined {
  const raw = env[name]
  return raw === undefined || raw === '' ? undefined : raw
}

const JWT_CHECKED_CLAIMS: ReadonlyArray<{ claim: JwtCheckedClaim, variable: string }> = [
  { claim: 'iss', variable: 'AUTH_JWT_ISSUER' },
  { claim: 'aud', variable: 'AUTH_JWT_AUDIENCE' }
]

function jwtUncheckedClaims (env: Env): JwtCheckedClaim[] {
  const raw = optional(env, 'AUTH_JWT_UNCHECKED_CLAIMS')
  if (raw === undefined) return []
  const claims = raw.split(',').map((claim) => claim.trim())
  for (const claim of claims) {
    if (!JWT_CHECKED_CLAIMS.some((checked) => checked.claim === claim)) throw new ConfigError('AUTH_JWT_UNCHECKED_CLAIMS', `must be a comma list of iss, aud; got '${raw}'`)
  }
  return [...new Set(claims as JwtCheckedClaim[])]
}

// A JWT of an external issuer is accepted only from the issuer, and for the audience,
// the operator named: any other holder of a token that key verifies (another API of
// the same identity provider) would otherwise get in (RFC 8725 §3.8, §3.9). Not
// checking one is a choice said out loud, in AUTH_JWT_UNCHECKED_CLAIMS.
function checkJwtClaimSettings (config: AuthConfig): void {
  for (const { claim, variable } of JWT_CHECKED_CLAIMS) {
    const expected = claim === 'iss' ? config.jwtIssuer : config.jwtAudience
    const unchecked = config.jwtUncheckedClaims.includes(claim)
    if (unchecked && expected !== undefined) throw new ConfigError('AUTH_JWT_UNCHECKED_CLAIMS', `lists ${claim}, which ${variable} asks to check; choose one`)
    if (config.jwtPublicKeyFile !== undefined && expected === undefined && !unchecked) {
      throw new ConfigError(variable, `must be set with AUTH_JWT_PUBLIC_KEY_FILE (the ${claim} its JWTs must carry), or AUTH_JWT_UNCHECKED_CLAIMS must list ${claim} to accept any`)
    }
  }
}

function auth (env: Env): AuthConfig {
  const config: AuthConfig = {
    tokensFile: optional(env, 'AUTH_TOKENS_FILE'),
    jwtSecret: optional(env, 'AUTH_JWT_SECRET'),
    jwtPublicKeyFile: optional(env, 'AUTH_JWT_PUBLIC_KEY_FILE'),
    jwtIssuer: optional(env, 'AUTH_JWT_ISSUER'),
    jwtAudience: optional(env, 'AUTH_JWT_AUDIENCE'),
    jwtUncheckedClaims: jwtUncheckedClaims(env),
    jwtMaxLifetimeSeconds: integer(env, 'AUTH_JWT_MAX_LIFETIME', 86_400, 60, 31_536_000),
    clientsFile: optional(env, 'AUTH_CLIENTS_FILE'),
    tokenTtlSeconds: integer(env, 'AUTH_TOKEN_TTL', 900, 10, 86_400),
    disabled: flag(env, 'AUTH_DISABLED')
  }
  if (config.jwtSecret !== undefined && config.jwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must have at least 32 characters')
  }
  if (config.jwtSecret !== undefined && config.jwtPublicKeyFile !== undefined) {
    throw new ConfigError('AUTH_JWT_PUBLIC_KEY_FILE', 'cannot be set together with AUTH_JWT_SECRET; choose one way to verify JWTs')
  }
  // Issued tokens are signed with the shared secret, so that every instance accepts them.
  if (config.clientsFile !== undefined && config.jwtSecret === undefined) {
    throw new ConfigError('AUTH_CLIENTS_FILE', 'needs AUTH_JWT_SECRET, the key the issued tokens are signed with')
  }
  // taskd would issue tokens it then refuses.
  if (config.tokenTtlSeconds > config.jwtMaxLifetimeSeconds) {
    throw new ConfigError('AUTH_TOKEN_TTL', `must not exceed AUTH_JWT_MAX_LIFETIME (${config.jwtMaxLifetimeSeconds}); got '${config.tokenTtlSeconds}'`)
  }
  checkJwtClaimSettings(config)
  return config
}

function corsOrigins (env: Env): string[] {
  const raw = optional(env, 'CORS_ORIGINS')
  if (raw === undefined) return []
  const origins = raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '')
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('CORS_ORIGINS', `must be a comma list of origins such as https://ui.example.com, or *; got '${origin}'`)
  }
  return origins
}

/** A URL with its password replaced, for messages and logs. */
export function redacted (url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
}

// The spec's own ceiling on updatedTaskIDs; the configured maximum may only be lower.
export const BULK_IDS_CEILING = 50_000

function flag (env: Env, name: string): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  throw new ConfigError(name, `must be true or false; got '${raw}'`)
}

function httpLimits (env: Env): HttpLimits {
  const limits: HttpLimits = {
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 3_600_000),
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 3_600_000),
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 3_600_000),
    maxConnections: integer(env, 'HTTP_MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    maxConnectionsPerAddress: integer(env, 'HTTP_MAX_CONNECTIONS_PER_ADDRESS', 1000, 0, 1_000_000)
  }
  // Node refuses a headers timeout longer than the request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}); got '${limits.headersTimeoutMs}'`)
  }
  return limits
}

// An ISO 8601 duration, as the Human Task API writes deletion times, longer than zero:
// a zero retention would remove a change as it is made.
function retentionDuration (env: Env, name: string): string | undefined {
  const raw = optional(env, name)
  if (raw === undefined) return undefined
  const now = new Date()
  const start = subtractIsoDuration(now, raw)
  if (start === undefined) throw new ConfigError(name, `must be an ISO 8601 duration such as P7D or PT12H; got '${raw}'`)
  if (start.getTime() >= now.getTime()) throw new ConfigError(name, `must be longer than zero; got '${raw}'`)
  return raw
}

function retention (env: Env): RetentionConfig {
  return {
    sweepIntervalMs: integer(env, 'RETENTION_SWEEP_INTERVAL_MS', 60_000, 0, 86_400_000),
    changeLogRetention: retentionDuration(env, 'CHANGE_LOG_RETENTION') ?? 'P7D',
    taskStatusRetention: retentionDuration(env, 'TASK_STATUS_RETENTION')
  }
}

// An address/prefix pair of either family, as BlockList.addSubnet takes it.
function cidrList (env: Env, name: string): string[] {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return []
  const cidrs = raw.split(',').map((item) => item.trim()).filter((item) => item !== '')
  for (const cidr of cidrs) {
    const [address = '', prefix = '', extra] = cidr.split('/')
    const family = isIP(address)
    const bits = Number(prefix)
    if (family === 0 || extra !== undefined || !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      throw new ConfigError(name, `must list CIDRs such as 127.0.0.0/8 or fd00::/8, separated by commas; got '${cidr}'`)
    }
  }
  return cidrs
}

function webhooks (env: Env): WebhookConfig {
  const config: WebhookConfig = {
    enabled: flag(env, 'WEBHOOKS_ENABLED'),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    secretOverlapMs: integer(env, 'WEBHOOK_SECRET_OVERLAP', 86_400, 0, 30 * 86_400) * 1000,
    retryWindowMs: integer(env, 'WEBHOOK_RETRY_WINDOW_MS', 3 * 86_400_000, 1000, 30 * 86_400_000),
    allowedNetworks: cidrList(env, 'WEBHOOK_ALLOWED_NETWORKS'),
    concurrency: integer(env, 'WEBHOOK_CONCURRENCY', 16, 1, 1000),
    leaseMs: integer(env, 'WEBHOOK_LEASE_MS', 60_000, 1000, 3_600_000),
    pollMs: integer(env, 'WEBHOOK_POLL_MS', 500, 10, 60_000)
  }
  // A lease that ran out during an attempt would let a second instance deliver at once.
  if (config.leaseMs <= config.timeoutMs) {
    throw new ConfigError('WEBHOOK_LEASE_MS', `must exceed WEBHOOK_TIMEOUT_MS (${config.timeoutMs}); got '${config.leaseMs}'`)
  }
  return config
}

/** Where the server listens: all a local health check needs to know. */
export function loadListenAddress (env: Env = process.env): { host: string, port: number } {
  return { port: integer(env, 'PORT', 3000, 0, 65535), host: host(env) }
}

export function loadConfig (env: Env = process.env): Config {
  const config: Config = {
    ...loadListenAddress(env),
    storeUrl: storeUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    apiPrefix: pathPrefix(env, 'API_PREFIX', '/api'),
    completionStatusCase: oneOf(env, 'COMPLETION_STATUS_CASE', ['title', 'upper'] as const, 'title'),
    htmPrefix: pathPrefix(env, 'HTM_PREFIX', '/rest/bpm/htm'),
    bulkMaxIds: integer(env, 'BULK_MAX_IDS', BULK_IDS_CEILING, 1, BULK_IDS_CEILING),
    htmProgrammersDetails: flag(env, 'HTM_PROGRAMMERS_DETAILS'),
    pgPoolSize: integer(env, 'PG_POOL_SIZE', 10, 1, 1000),
    pgSchema: pgSchema(env),
    ...pgTimeouts(env),
    bodyLimit: integer(env, 'BODY_LIMIT', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    storeLimits: {
      taskStatusMaxBytes: integer(env, 'TASK_STATUS_MAX_BYTES', 1024 * 1024, 4096, 64 * 1024 * 1024),
      humanTaskMaxBytes: integer(env, 'HUMAN_TASK_MAX_BYTES', 256 * 1024, 4096, 16 * 1024 * 1024),
      bulkMaxWriteBytes: integer(env, 'BULK_MAX_WRITE_BYTES', 256 * 1024 * 1024, 1024 * 1024, 4 * 1024 * 1024 * 1024)
    },
    auth: auth(env),
    rateLimit: {
      max: integer(env, 'RATE_LIMIT_MAX', 30_000, 1, 1_000_000_000),
      anonymousMax: integer(env, 'RATE_LIMIT_ANONYMOUS_MAX', 600, 1, 1_000_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 100, 86_400_000),
      failureMax: integer(env, 'AUTH_FAILURE_MAX', 20, 1, 1_000_000),
      failureWindowMs: integer(env, 'AUTH_FAILURE_WINDOW_MS', 60_000, 100, 86_400_000),
      redisUrl: optional(env, 'RATE_LIMIT_REDIS_URL')
    },
    corsOrigins: corsOrigins(env),
    metricsRequireAuth: flag(env, 'METRICS_REQUIRE_AUTH'),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    http: httpLimits(env),
    retention: retention(env),
    watch: {
      heartbeatMs: integer(env, 'WATCH_HEARTBEAT_MS', 15_000, 100, 3_600_000),
      maxStreams: integer(env, 'WATCH_MAX_STREAMS', 1000, 1, 1_000_000),
      bufferBytes: integer(env, 'WATCH_BUFFER_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      tokenTtlSeconds: integer(env, 'WATCH_TOKEN_TTL', 60, 5, 3600),
      tokenSecret: secret(env, 'WATCH_TOKEN_SECRET')
    },
    idempotency: {
      ttlSeconds: integer(env, 'IDEMPOTENCY_KEY_TTL', 86_400, 1, 31_536_000),
      maxResponseBytes: integer(env, 'IDEMPOTENCY_MAX_RESPONSE_BYTES', 2 * 1024 * 1024, 0, 64 * 1024 * 1024),
      leaseMs: integer(env, 'IDEMPOTENCY_LEASE_MS', 10_000, 1000, 600_000)
    },
    webhooks: webhooks(env)
  }
  // Protected mode: without credentials, only this machine may call.
  if (!authConfigured(config.auth) && !config.auth.disabled && !isLoopback(config.host)) {
    throw new ConfigError('HOST', `is ${config.host}, not a loopback address, and no credentials are configured; set AUTH_TOKENS_FILE, AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_CLIENTS_FILE, or AUTH_DISABLED=true to serve without authentication`)
  }
  return config
}
