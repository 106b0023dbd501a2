// JSON Patch test vectors run through PATCH /task-status/{id}, not only through the patch
// function: the spec's JsonPatch schema, the body parser, the server-owned fields and the
// TaskStatus check of the result all stand between a vector and the store. Each vector's
// document becomes a task status's `attributes` (see json-patch-vectors.ts for when it
// is wrapped a level down), and its pointers move under it.
//
// The vendored sets: test/data/json-patch-tests (the official vectors) and
// test/data/mined-json-patch-tests (cases mined from other implementations, one file per
// origin); each directory's SOURCE file says where its vectors come from.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js'
import type { TaskStore } from '../../src/store/task-store.js'
import { asAttributesCase, patchVectors, type PatchVector } from '../helpers/json-patch-vectors.js'
import { createTaskStatusOver, patchTaskStatus } from '../helpers/task-status-client.js'
import { checkResponsesAgainstSpec } from '../helpers/test-app.js'

const VECTOR_SETS: Array<[string, string[]]> = [
  ['json-patch-tests', ['tests.json', 'spec_tests.json']],
  ['mined-json-patch-tests', ['evanphx-json-patch.json', 'java-json-tools-json-patch.json', 'zjsonpatch.json', 'chbrown-rfc6902.json']]
]

describe('JSON Patch vectors through PATCH /task-status/{id}', () => {
  let app: FastifyInstance
  let store: TaskStore

  // One app for every vector: each gets a task status of its own.
  beforeAll(async () => {
    const config = loadConfig({ STORE_URL: 'sqlite::memory:' })
    store = openSqliteStore({ filename: ':memory:', limits: config.storeLimits })
    app = await buildApp({ config, store, logger: false })
    checkResponsesAgainstSpec(app)
    await app.ready()
  })
  afterAll(async () => { await app.close() })

  async function run (vector: PatchVector): Promise<void> {
    const patchCase = asAttributesCase(vector)
    const created = await createTaskStatusOver(app, { attributes: patchCase.attributes })
    const before = await store.taskStatuses.get(created.id)
    const response = await patchTaskStatus(app, created.id, patchCase.patch)
    if (vector.error !== undefined) {
      // A failed test is a 409, any other patch that cannot apply a 400.
      expect([400, 409], response.body).toContain(response.statusCode)
      expect(await store.taskStatuses.get(created.id)).toEqual(before)
      return
    }
    expect(response.statusCode, response.body).toBe(200)
    if (patchCase.expectedAttributes !== undefined) expect(response.json().attributes).toEqual(patchCase.expectedAttributes)
  }

  for (const [directory, files] of VECTOR_SETS) {
    describe.each(files)(`in ${directory}/%s`, (file) => {
      it.each(patchVectors(directory, file))('%s', async (_name, vector) => { await run(vector) })
    })
  }
})
