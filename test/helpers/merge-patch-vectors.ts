// JSON Merge Patch vectors (test/data/json-merge-patch-tests, see its SOURCE.md): a
// document, a merge patch, and the document RFC 7396 makes of them.
import { readFileSync } from 'node:fs'

export interface MergePatchVector {
  comment: string
  doc: unknown
  patch: unknown
  expected: unknown
}

export const MERGE_PATCH_VECTOR_FILES = ['rfc7396.json', 'java-json-tools-json-patch.json']

export function mergePatchVectors (file: string): Array<[string, MergePatchVector]> {
  const all: MergePatchVector[] = JSON.parse(readFileSync(new URL(`../data/json-merge-patch-tests/${file}`, import.meta.url), 'utf8'))
  return all.map((vector) => [`${file}: ${vector.comment}`, vector])
}
