import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      storeUrl: 'sqlite:./data/taskd.db',
      logLevel: 'info',
      apiPrefix: '',
      completionStatusCase: 'title',
      htmPrefix: '',
      bulkMaxIds: 50000,
      htmProgrammersDetails: false,
      pgPoolSize: 10,
      pgSchema: undefined,
      pgStatementTimeoutMs: 30000,
      pgLockTimeoutMs: 10000,
      pgConnectTimeoutMs: 5000,
      bodyLimit: 1048576,
      storeLimits: { taskStatusMaxBytes: 1048576, humanTaskMaxBytes: 262144, bulkMaxWriteBytes: 268435456 },
      auth: {
        tokensFile: undefined,
        jwtSecret: undefined,
        jwtPublicKeyFile: undefined,
        jwtIssuer: undefined,
        jwtAudience: undefined,
        jwtUncheckedClaims: [],
        jwtMaxLifetimeSeconds: 86400,
        clientsFile: undefined,
        tokenTtlSeconds: 900,
        disabled: false
      },
      rateLimit: { max: 30000, anonymousMax: 600, windowMs: 60000, failureMax: 20, failureWindowMs: 60000, redisUrl: undefined },
      corsOrigins: [],
      metricsRequireAuth: false,
      shutdownGraceMs: 10000,
      http: { requestTimeoutMs: 30000, headersTimeoutMs: 10000, keepAliveTimeoutMs: 72000, maxConnections: 10000, maxConnectionsPerAddress: 1000 },
      retention: { sweepIntervalMs: 60000, changeLogRetention: 'P7D', taskStatusRetention: undefined },
      watch: { heartbeatMs: 15000, maxStreams: 1000, bufferBytes: 1048576, tokenTtlSeconds: 60, tokenSecret: undefined },
      idempotency: { ttlSeconds: 86400, maxResponseBytes: 2097152, leaseMs: 10000 },
      webhooks: { enabled: false, timeoutMs: 10000, secretOverlapMs: 86400000, retryWindowMs: 259200000, allowedNetworks: [], concurrency: 16, leaseMs: 60000, pollMs: 500 }
    })
  })

  it('reads the webhook variables', () => {
    expect(loadConfig({
      WEBHOOKS_ENABLED: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_SECRET_OVERLAP: '3600',
      WEBHOOK_RETRY_WINDOW_MS: '60000',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8, fd00::/8',
      WEBHOOK_CONCURRENCY: '4',
      WEBHOOK_LEASE_MS: '5000',
      WEBHOOK_POLL_MS: '50'
    }).webhooks).toEqual({ enabled: true, timeoutMs: 2000, secretOverlapMs: 3_600_000, retryWindowMs: 60000, allowedNetworks: ['127.0.0.0/8', 'fd00::/8'], concurrency: 4, leaseMs: 5000, pollMs: 50 })
  })

  it.each(['10.0.0.0', '10.0.0.0/33', 'example.com/8', '::1/129', '10.0.0.0/8/1'])('refuses WEBHOOK_ALLOWED_NETWORKS=%s', (cidr) => {
    expect(() => loadConfig({ WEBHOOK_ALLOWED_NETWORKS: cidr })).toThrow(/WEBHOOK_ALLOWED_NETWORKS must list CIDRs/)
  })

  it('refuses a WEBHOOK_LEASE_MS that does not exceed WEBHOOK_TIMEOUT_MS', () => {
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_LEASE_MS: '5000' })).toThrow(/WEBHOOK_LEASE_MS must exceed WEBHOOK_TIMEOUT_MS/)
  })

  it('reads every variable', () => {
    expect(loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      STORE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'warn',
      API_PREFIX: '/api/',
      COMPLETION_STATUS_CASE: 'upper',
      HTM_PREFIX: '/rest/bpm/htm',
      BULK_MAX_IDS: '10000',
      HTM_PROGRAMMERS_DETAILS: 'true',
      PG_POOL_SIZE: '4',
      PG_SCHEMA: 'taskd',
      PG_STATEMENT_TIMEOUT_MS: '20000',
      PG_LOCK_TIMEOUT_MS: '2000',
      PG_CONNECT_TIMEOUT_MS: '1500',
      BODY_LIMIT: '2048',
      TASK_STATUS_MAX_BYTES: '65536',
      HUMAN_TASK_MAX_BYTES: '32768',
      BULK_MAX_WRITE_BYTES: '10485760',
      AUTH_TOKENS_FILE: '/etc/taskd/tokens.json',
      AUTH_JWT_SECRET: 'x'.repeat(32),
      AUTH_JWT_ISSUER: 'https://issuer.example.com',
      AUTH_JWT_AUDIENCE: 'taskd-api',
      AUTH_CLIENTS_FILE: '/etc/taskd/clients.json',
      AUTH_TOKEN_TTL: '300',
      AUTH_JWT_MAX_LIFETIME: '3600',
      RATE_LIMIT_MAX: '50',
      RATE_LIMIT_WINDOW_MS: '1000',
      RATE_LIMIT_ANONYMOUS_MAX: '10',
      AUTH_FAILURE_MAX: '5',
      AUTH_FAILURE_WINDOW_MS: '30000',
      RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379',
      CORS_ORIGINS: 'https://ui.example.com, http://localhost:8080',
      IDEMPOTENCY_KEY_TTL: '600',
      IDEMPOTENCY_MAX_RESPONSE_BYTES: '65536',
      IDEMPOTENCY_LEASE_MS: '2000',
      METRICS_REQUIRE_AUTH: 'true',
      SHUTDOWN_GRACE_MS: '2500',
      HTTP_REQUEST_TIMEOUT_MS: '20000',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      HTTP_MAX_CONNECTIONS: '500',
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
      RETENTION_SWEEP_INTERVAL_MS: '5000',
      CHANGE_LOG_RETENTION: 'P30D',
      TASK_STATUS_RETENTION: 'P1Y',
      WATCH_HEARTBEAT_MS: '5000',
      WATCH_MAX_STREAMS: '20',
      WATCH_BUFFER_BYTES: '65536',
      WATCH_TOKEN_TTL: '30',
      WATCH_TOKEN_SECRET: 'w'.repeat(32)
    })).toEqual({
      port: 8080,
      host: '0.0.0.0',
      storeUrl: 'sqlite::memory:',
      logLevel: 'warn',
      apiPrefix: '/api',
      completionStatusCase: 'upper',
      htmPrefix: '/rest/bpm/htm',
      bulkMaxIds: 10000,
      htmProgrammersDetails: true,
      pgPoolSize: 4,
      pgSchema: 'taskd',
      pgStatementTimeoutMs: 20000,
      pgLockTimeoutMs: 2000,
      pgConnectTimeoutMs: 1500,
      bodyLimit: 2048,
      storeLimits: { taskStatusMaxBytes: 65536, humanTaskMaxBytes: 32768, bulkMaxWriteBytes: 10485760 },
      auth: {
        tokensFile: '/etc/taskd/tokens.json',
        jwtSecret: 'x'.repeat(32),
        jwtPublicKeyFile: undefined,
        jwtIssuer: 'https://issuer.example.com',
        jwtAudience: 'taskd-api',
        jwtUncheckedClaims: [],
        jwtMaxLifetimeSeconds: 3600,
        clientsFile: '/etc/taskd/clients.json',
        tokenTtlSeconds: 300,
        disabled: false
      },
      rateLimit: { max: 50, anonymousMax: 10, windowMs: 1000, failureMax: 5, failureWindowMs: 30000, redisUrl: 'redis://127.0.0.1:6379' },
      corsOrigins: ['https://ui.example.com', 'http://localhost:8080'],
      metricsRequireAuth: true,
      shutdownGraceMs: 2500,
      http: { requestTimeoutMs: 20000, headersTimeoutMs: 5000, keepAliveTimeoutMs: 65000, maxConnections: 500, maxConnectionsPerAddress: 0 },
      retention: { sweepIntervalMs: 5000, changeLogRetention: 'P30D', taskStatusRetention: 'P1Y' },
      watch: { heartbeatMs: 5000, maxStreams: 20, bufferBytes: 65536, tokenTtlSeconds: 30, tokenSecret: 'w'.repeat(32) },
      idempotency: { ttlSeconds: 600, maxResponseBytes: 65536, leaseMs: 2000 },
      webhooks: { enabled: false, timeoutMs: 10000, secretOverlapMs: 86400000, retryWindowMs: 259200000, allowedNetworks: [], concurrency: 16, leaseMs: 60000, pollMs: 500 }
    })
  })

  describe('protected mode', () => {
    it('refuses a non-loopback HOST without credentials, in one line naming HOST', () => {
      expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/^HOST is 0\.0\.0\.0, not a loopback address, and no credentials are configured/)
    })

    it.each(['127.0.0.1', '127.3.2.1', '::1', 'localhost'])('serves without credentials on the loopback HOST %s', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host)
    })

    it.each(['127.foo.invalid', '127.0.0.1.example.com', '128.0.0.1', '::'])('refuses %s, which is no loopback address, without credentials', (host) => {
      expect(() => loadConfig({ HOST: host })).toThrow(new RegExp(`^HOST is ${host.replace(/[.]/g, '\\.')}, not a loopback address`))
    })

    it('accepts a non-loopback HOST with credentials', () => {
      expect(loadConfig({ HOST: '0.0.0.0', AUTH_TOKENS_FILE: '/etc/taskd/tokens.json' }).host).toBe('0.0.0.0')
    })

    it('accepts a non-loopback HOST without credentials when AUTH_DISABLED=true', () => {
      expect(loadConfig({ HOST: '0.0.0.0', AUTH_DISABLED: 'true' }).auth.disabled).toBe(true)
    })

    it('refuses a short AUTH_JWT_SECRET without repeating it', () => {
      expect(() => loadConfig({ AUTH_JWT_SECRET: 'short-secret' })).toThrow('AUTH_JWT_SECRET must have at least 32 characters')
    })

    it('refuses a short WATCH_TOKEN_SECRET without repeating it', () => {
      expect(() => loadConfig({ WATCH_TOKEN_SECRET: 'short-secret' })).toThrow(/^WATCH_TOKEN_SECRET must have at least 32 characters$/)
    })

    it.each([
      ['AUTH_JWT_ISSUER', { AUTH_JWT_AUDIENCE: 'taskd' }, 'iss'],
      ['AUTH_JWT_AUDIENCE', { AUTH_JWT_ISSUER: 'https://idp.example.com' }, 'aud']
    ])('refuses AUTH_JWT_PUBLIC_KEY_FILE without %s, which would accept any issuer\'s or audience\'s tokens', (variable, env, claim) => {
      let error: unknown
      try { loadConfig({ AUTH_JWT_PUBLIC_KEY_FILE: '/etc/taskd/issuer.pem', ...env }) } catch (caught) { error = caught }
      expect((error as ConfigError).variable).toBe(variable)
      expect((error as ConfigError).message).toBe(`${variable} must be set with AUTH_JWT_PUBLIC_KEY_FILE (the ${claim} its JWTs must carry), or AUTH_JWT_UNCHECKED_CLAIMS must list ${claim} to accept any`)
    })

    it('accepts AUTH_JWT_PUBLIC_KEY_FILE without issuer and audience when AUTH_JWT_UNCHECKED_CLAIMS waives both', () => {
      expect(loadConfig({ AUTH_JWT_PUBLIC_KEY_FILE: '/etc/taskd/issuer.pem', AUTH_JWT_UNCHECKED_CLAIMS: 'iss, aud' }).auth.jwtUncheckedClaims).toEqual(['iss', 'aud'])
    })

    it('refuses AUTH_JWT_UNCHECKED_CLAIMS that waives a claim AUTH_JWT_ISSUER asks to check', () => {
      expect(() => loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWT_ISSUER: 'taskd', AUTH_JWT_UNCHECKED_CLAIMS: 'iss' })).toThrow('AUTH_JWT_UNCHECKED_CLAIMS lists iss, which AUTH_JWT_ISSUER asks to check; choose one')
    })

    it('refuses an AUTH_TOKEN_TTL longer than AUTH_JWT_MAX_LIFETIME: taskd would refuse the tokens it issues', () => {
      expect(() => loadConfig({ AUTH_TOKEN_TTL: '7200', AUTH_JWT_MAX_LIFETIME: '3600' })).toThrow("AUTH_TOKEN_TTL must not exceed AUTH_JWT_MAX_LIFETIME (3600); got '7200'")
    })

    it('refuses AUTH_CLIENTS_FILE without AUTH_JWT_SECRET to sign with', () => {
      expect(() => loadConfig({ AUTH_CLIENTS_FILE: '/etc/taskd/clients.json' })).toThrow(/^AUTH_CLIENTS_FILE needs AUTH_JWT_SECRET/)
    })
  })

  it('turns the retention sweeper off with RETENTION_SWEEP_INTERVAL_MS=0', () => {
    expect(loadConfig({ RETENTION_SWEEP_INTERVAL_MS: '0' }).retention.sweepIntervalMs).toBe(0)
  })

  it('accepts a postgres:// STORE_URL', () => {
    expect(loadConfig({ STORE_URL: 'postgres://taskd@db.internal:5432/taskd' }).storeUrl).toBe('postgres://taskd@db.internal:5432/taskd')
  })

  it('never repeats a password from a refused STORE_URL', () => {
    expect(() => loadConfig({ STORE_URL: 'mysql://admin:hunter2@db/x' })).toThrow("got 'mysql://admin:***@db/x'")
  })

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['HOST', 'a b'], ['STORE_URL', 'mysql://x'], ['STORE_URL', 'sqlite:'],
    ['LOG_LEVEL', 'loud'], ['API_PREFIX', 'api'], ['API_PREFIX', '/a?b'], ['COMPLETION_STATUS_CASE', 'lower'],
    ['HTM_PREFIX', 'rest'], ['BULK_MAX_IDS', '0'], ['BULK_MAX_IDS', '50001'], ['HTM_PROGRAMMERS_DETAILS', 'yes'], ['PG_POOL_SIZE', '0'], ['PG_SCHEMA', 'Task-D'],
    ['PG_STATEMENT_TIMEOUT_MS', '10'], ['PG_LOCK_TIMEOUT_MS', 'soon'], ['PG_LOCK_TIMEOUT_MS', '40000'], ['PG_CONNECT_TIMEOUT_MS', '0'],
    ['AUTH_TOKEN_TTL', '5'], ['AUTH_JWT_MAX_LIFETIME', '10'], ['AUTH_JWT_UNCHECKED_CLAIMS', 'iss,exp'], ['RATE_LIMIT_MAX', '0'], ['RATE_LIMIT_ANONYMOUS_MAX', 'many'], ['AUTH_FAILURE_MAX', '0'], ['AUTH_FAILURE_WINDOW_MS', '10'], ['CORS_ORIGINS', 'ui.example.com'], ['AUTH_DISABLED', 'maybe'],
    ['RETENTION_SWEEP_INTERVAL_MS', '-1'], ['RETENTION_SWEEP_INTERVAL_MS', '86400001'], ['CHANGE_LOG_RETENTION', '7d'], ['CHANGE_LOG_RETENTION', 'PT0S'], ['TASK_STATUS_RETENTION', '604800000'], ['TASK_STATUS_RETENTION', 'P0D'],
    ['WATCH_HEARTBEAT_MS', '10'], ['WATCH_MAX_STREAMS', '0'], ['WATCH_BUFFER_BYTES', '1024'], ['WATCH_TOKEN_TTL', '1'],
    ['IDEMPOTENCY_KEY_TTL', '0'], ['IDEMPOTENCY_KEY_TTL', '1d'], ['IDEMPOTENCY_MAX_RESPONSE_BYTES', '-1'], ['IDEMPOTENCY_LEASE_MS', '999']
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    let error: unknown
    try { loadConfig({ [name]: value }) } catch (caught) { error = caught }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(name)
    expect((error as ConfigError).message).toMatch(new RegExp(`^${name} .*'${value.replace(/[?]/g, '\\?')}'`))
  })
})
