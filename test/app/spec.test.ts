import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { apiFamilies, HUMAN_TASK_TAG, limiterBudgets, OAUTH_TAG, TASK_STATUS_TAG } from '../../src/app.js'
import { createAuthenticator } from '../../src/auth/authenticator.js'
import { loadConfig } from '../../src/config.js'
import { HTM_ERROR_NUMBERS } from '../../src/http/htm-error-numbers.js'
import { createMemoryLimiter } from '../../src/limits/request-limiter.js'
import { loadSpec, specOperations } from '../../src/spec.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const config = loadConfig({})
const authenticator = await createAuthenticator(config.auth)
const families = apiFamilies(config, openSqliteStore({ filename: ':memory:' }), authenticator, createMemoryLimiter(limiterBudgets(config, authenticator)))

describe('spec/openapi.yaml', () => {
  it.each([families.taskStatus, families.humanTask, families.oauth])('has a handler for every $tag operationId, and no handler without one', (family) => {
    const operationIds = specOperations().filter((operation) => operation.tag === family.tag).map((operation) => operation.operationId)
    expect(Object.keys(family.handlers).sort()).toEqual(operationIds.sort())
  })

  it('tags every operation with one API family', () => {
    expect(specOperations().filter((operation) => ![TASK_STATUS_TAG, HUMAN_TASK_TAG, OAUTH_TAG].includes(operation.tag ?? ''))).toEqual([])
  })

  it('lists exactly the Human Task error catalog in HtmErrorNumber', () => {
    const schema = loadSpec().components?.schemas?.HtmErrorNumber as { enum: string[] }
    expect([...schema.enum].sort()).toEqual(Object.values(HTM_ERROR_NUMBERS).sort())
  })

  it('matches the generated TypeScript types (run `npm run gen` after changing it)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-api-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})
