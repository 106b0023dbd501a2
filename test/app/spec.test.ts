import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createTaskStatusHandlers } from '../../src/handlers/task-status-handlers.js'
import { TASK_STATUS_TAG } from '../../src/plugins/task-status-api.js'
import { specOperations } from '../../src/spec.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'

describe('spec/openapi.yaml', () => {
  it('has a handler for every Task Status operationId, and no handler without one', () => {
    const handlers = createTaskStatusHandlers(openSqliteStore({ filename: ':memory:' }), { completionStatusCase: 'title' })
    const operationIds = specOperations().filter((operation) => operation.tag === TASK_STATUS_TAG).map((operation) => operation.operationId)
    expect(Object.keys(handlers).sort()).toEqual(operationIds.sort())
  })

  it('tags every operation with its API family', () => {
    expect(specOperations().filter((operation) => operation.tag !== TASK_STATUS_TAG)).toEqual([])
  })

  it('matches the generated TypeScript types (run `npm run gen` after changing it)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-api-types.mjs', '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})
