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
      pgPoolSize: 10
    })
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
      PG_POOL_SIZE: '4'
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
      pgPoolSize: 4
    })
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
    ['HTM_PREFIX', 'rest'], ['BULK_MAX_IDS', '0'], ['BULK_MAX_IDS', '50001'], ['HTM_PROGRAMMERS_DETAILS', 'yes'], ['PG_POOL_SIZE', '0']
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    let error: unknown
    try { loadConfig({ [name]: value }) } catch (caught) { error = caught }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(name)
    expect((error as ConfigError).message).toMatch(new RegExp(`^${name} .*'${value.replace(/[?]/g, '\\?')}'`))
  })
})
