import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe } from 'vitest'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'

describe('SQLite store in memory', () => {
  taskStatusContract(async () => openSqliteStore({ filename: ':memory:' }))
  humanTaskContract(async () => openSqliteStore({ filename: ':memory:' }))
})

describe('SQLite store in a file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'taskd-sqlite-'))
  let n = 0
  afterAll(() => { rmSync(directory, { recursive: true, force: true }) })
  taskStatusContract(async () => openSqliteStore({ filename: join(directory, `store-${n++}.db`) }))
  humanTaskContract(async () => openSqliteStore({ filename: join(directory, `store-${n++}.db`) }))
})
