// The official JSON Patch test vectors (github.com/json-patch/json-patch-tests, vendored in
// test/data/json-patch-tests with their source, commit and licence), run
// against the patch layer every PATCH goes through.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyJsonPatch, type JsonPatchOperation } from '../../src/domain/json-patch.js'

interface Vector {
  comment?: string
  doc?: unknown
  patch?: JsonPatchOperation[]
  expected?: unknown
  error?: string
  disabled?: boolean
}

const directory = new URL('../data/json-patch-tests/', import.meta.url)

function vectors (file: string): Array<[string, Vector]> {
  const all: Vector[] = JSON.parse(readFileSync(new URL(file, directory), 'utf8'))
  return all
    .filter((vector) => vector.patch !== undefined && vector.disabled !== true)
    .map((vector, index) => [`${file} #${index}: ${vector.comment ?? vector.error ?? JSON.stringify(vector.patch)}`, vector])
}

describe.each(['tests.json', 'spec_tests.json'])('JSON Patch conformance vectors in %s', (file) => {
  it.each(vectors(file))('%s', (_name, vector) => {
    const before = structuredClone(vector.doc)
    if (vector.error !== undefined) {
      let thrown: unknown
      try {
        applyJsonPatch(vector.doc, vector.patch ?? [])
      } catch (error) {
        thrown = error
      }
      expect((thrown as { code?: string } | undefined)?.code).toMatch(/^TASKD_PATCH_/)
    } else {
      const result = applyJsonPatch(vector.doc, vector.patch ?? [])
      if ('expected' in vector) expect(result).toEqual(vector.expected)
    }
    expect(vector.doc).toEqual(before)
  })
})
