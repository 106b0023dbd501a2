import { describe } from 'vitest'
import { openTestPostgresStore, postgresUrl } from '../helpers/postgres.js'
import { humanTaskContract } from './contract/human-task-contract.js'
import { taskStatusContract } from './contract/task-status-contract.js'

describe.skipIf(postgresUrl === null)('PostgreSQL store', () => {
  taskStatusContract(openTestPostgresStore)
  humanTaskContract(openTestPostgresStore)
})
