import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { apiFamilies } from '../../src/api-families.js'
import { createAuthenticator } from '../../src/auth/authenticator.js'
import { loadConfig } from '../../src/config.js'
import { HTM_ERROR_NUMBERS } from '../../src/http/htm-error-numbers.js'
import { limiterBudgets } from '../../src/limits/limiter-budgets.js'
import { createMemoryLimiter } from '../../src/limits/request-limiter.js'
import { loadSpec, specOperations } from '../../src/spec.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const config = loadConfig({})
const authenticator = await createAuthenticator(config.auth)
const families = apiFamilies(config).all
const services = { store: openSqliteStore({ filename: ':memory:' }), authenticator, limiter: createMemoryLimiter(limiterBudgets(config, authenticator)) }

describe('spec/openapi.yaml', () => {
  it.each(families)('has a handler for every $tag operationId, and no handler without one', (family) => {
    const operationIds = specOperations().filter((operation) => operation.tag === family.tag).map((operation) => operation.operationId)
    expect(Object.keys(family.handlers(services)).sort()).toEqual(operationIds.sort())
  })

  it('tags every operation with one API family', () => {
    expect(specOperations().filter((operation) => !families.some((family) => family.tag === operation.tag))).toEqual([])
  })

  it('lists exactly the Human Task error catalog in HtmErrorNumber', () => {
    const schema = loadSpec().components?.schemas?.HtmErrorNumber as { enum: string[] }
    expect([...schema.enum].sort()).toEqual(Object.values(HTM_ERROR_NUMBERS).sort())
  })

  it('declares Retry-After on every 429 response', () => {
    const spec = loadSpec()
    const missing = specOperations().filter(({ path, method }) => {
      const operation = (spec.paths[path] as Record<string, { responses: Record<string, { $ref?: string, headers?: object }> }>)[method]
      const declared = operation?.responses['429']
      if (declared === undefined) return false
      const response = declared.$ref === undefined ? declared : spec.components?.responses?.[declared.$ref.split('/').at(-1) as string] as { headers?: object }
      return !Object.hasOwn(response.headers ?? {}, 'Retry-After')
    })
    expect(missing).toEqual([])
  })

  it('documents the 400 of every operation that takes a path parameter with a length bound', () => {
    const spec = loadSpec()
    const undocumented = Object.entries(spec.paths).flatMap(([path, item]) => path.includes('{')
      ? specOperations().filter((operation) => operation.path === path && (item as Record<string, { responses: object }>)[operation.method]?.responses !== undefined &&
        !Object.hasOwn((item as Record<string, { responses: object }>)[operation.method]?.responses ?? {}, '400'))
      : [])
    expect(undocumented).toEqual([])
  })

  it('has no $ref into another schema\'s properties, which tooling cannot always follow', () => {
    expect(JSON.stringify(loadSpec())).not.toMatch(/"\$ref":"[^"]*\/properties\//)
  })

  it('names no parameter as a schema is named, so that generated clients have no clash', () => {
    const spec = loadSpec()
    const schemas = Object.keys(spec.components?.schemas ?? {}).map((name) => name.toLowerCase())
    expect(Object.keys(spec.components?.parameters ?? {}).filter((name) => schemas.includes(name.toLowerCase()))).toEqual([])
  })

  it('matches the generated TypeScript types (run `npm run gen` after changing it)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-api-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})
