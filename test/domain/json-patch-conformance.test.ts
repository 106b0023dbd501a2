// The official JSON Patch test vectors (github.com/json-patch/json-patch-tests, vendored in
// test/data/json-patch-tests with their source, commit and licence) and those mined from
// other implementations (test/data/mined-json-patch-tests), run against the patch layer
// every PATCH goes through.
import { describe, expect, it } from 'vitest'
import { applyJsonPatch, type JsonPatchOperation } from '../../src/domain/json-patch.js'
import { patchVectors } from '../helpers/json-patch-vectors.js'

const SETS = [
  ...['tests.json', 'spec_tests.json'].map((file) => ['json-patch-tests', file]),
  ...['evanphx-json-patch.json', 'java-json-tools-json-patch.json', 'zjsonpatch.json', 'chbrown-rfc6902.json'].map((file) => ['mined-json-patch-tests', file])
]

describe.each(SETS)('JSON Patch conformance vectors in %s/%s', (directory, file) => {
  it.each(patchVectors(directory, file))('%s', (_name, vector) => {
    const before = structuredClone(vector.doc)
    if (vector.error !== undefined) {
      let thrown: unknown
      try {
        applyJsonPatch(vector.doc, (vector.patch ?? []) as JsonPatchOperation[])
      } catch (error) {
        thrown = error
      }
      expect((thrown as { code?: string } | undefined)?.code).toMatch(/^TASKD_PATCH_/)
    } else {
      const result = applyJsonPatch(vector.doc, (vector.patch ?? []) as JsonPatchOperation[])
      if ('expected' in vector) expect(result).toEqual(vector.expected)
    }
    expect(vector.doc).toEqual(before)
  })
})
