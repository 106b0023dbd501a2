#!/usr/bin/env node
// Mines JSON Patch test cases from other implementations' test suites and writes them in
// the json-patch-tests format to test/data/mined-json-patch-tests/<origin>.json, where
// test/task-status/json-patch-vectors.test.ts runs them through PATCH /task-status/{id}.
//
//   node scripts/mine-json-patch-vectors.mjs <directory holding owner+name/repo git dirs>
//
// Only cases RFC 6902 (with RFC 6901 for pointers) decides are kept: cases that need a
// library option or extension are dropped, and where an origin's verdict contradicts the
// RFC the vector states the RFC's verdict and its comment says why. Cases already in the
// official vectors (same document and patch) are dropped as duplicates. Run it again to
// see what was mined, kept and dropped; SOURCE.md records the last run.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'

const mirrors = process.argv[2]
if (mirrors === undefined) {
  console.error('usage: mine-json-patch-vectors.mjs <mirror directory>')
  process.exit(2)
}
const out = new URL('../test/data/mined-json-patch-tests/', import.meta.url)
const official = new URL('../test/data/json-patch-tests/', import.meta.url)

const keyOf = (doc, patch) => JSON.stringify([doc, patch])
const officialKeys = new Set(['tests.json', 'spec_tests.json']
  .flatMap((file) => JSON.parse(readFileSync(new URL(file, official), 'utf8')))
  .map((vector) => keyOf(vector.doc, vector.patch)))

function show (repo, path) {
  return execFileSync('git', ['--git-dir', join(mirrors, repo, 'repo'), 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

function commitOf (repo) {
  return execFileSync('git', ['--git-dir', join(mirrors, repo, 'repo'), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
}

// JSON with whole-line // comments and trailing commas, as zjsonpatch's data files are.
function lenientJson (text) {
  return JSON.parse(text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n').replace(/,(\s*[\]}])/g, '$1'))
}

const pointersOf = (patch) => patch.flatMap((operation) => [operation?.path, operation?.from]).filter((pointer) => typeof pointer === 'string')
// RFC 6901 §4: an array index is digits; '-1' names no element (some libraries count from the end).
const negativeIndex = (patch) => pointersOf(patch).some((pointer) => /\/-\d/.test(pointer))

/** The RFC's verdict where an origin's differs; undefined where they agree. */
function rfcCorrection (vector) {
  const patch = vector.patch
  if (vector.error === undefined && negativeIndex(patch)) {
    return 'RFC 6901 §4 names array elements by digits only, so a negative index names nothing and the operation fails (the origin counts it from the end, an extension)'
  }
  if (vector.error === undefined && patch.some((operation) => operation.op === 'test' && !Object.hasOwn(operation, 'value'))) {
    return "RFC 6902 §4.6: a test operation MUST have a 'value' member"
  }
  if (vector.error === undefined && patch.some((operation) => operation.op === 'move' && typeof operation.from === 'string' && operation.path.startsWith(operation.from + '/'))) {
    return 'RFC 6902 §4.4: the from location MUST NOT be a proper prefix of the path location (a value cannot be moved into one of its children)'
  }
  return undefined
}

function testTargetsMissing (vector) {
  let node = vector.doc
  const [operation] = vector.patch
  if (vector.patch.length !== 1 || operation.op !== 'test') return false
  for (const token of operation.path.slice(1).split('/')) {
    if (operation.path === '') break
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~')
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return true
    node = node[key]
  }
  return false
}

class Origin {
  constructor (name) {
    this.name = name
    this.vectors = []
    this.mined = 0
    this.dropped = {}
    this.corrected = 0
  }

  drop (reason) {
    this.mined++
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1
  }

  add (vector) {
    this.mined++
    if (officialKeys.has(keyOf(vector.doc, vector.patch)) || this.vectors.some((kept) => keyOf(kept.doc, kept.patch) === keyOf(vector.doc, vector.patch))) {
      this.dropped['already in the official vectors or mined before'] = (this.dropped['already in the official vectors or mined before'] ?? 0) + 1
      return
    }
    let correction = rfcCorrection(vector)
    if (correction === undefined && vector.error === undefined && testTargetsMissing(vector)) {
      correction = 'RFC 6902 §4.6 tests the value at the target location, and RFC 6901 §7 makes a pointer to a nonexistent value an error: a test of a missing member fails, whatever its value'
    }
    if (correction !== undefined) {
      this.corrected++
      const { expected: _expected, ...rest } = vector
      vector = { ...rest, comment: `${vector.comment} [the origin expects success; ${correction}]`, error: correction }
    }
    this.vectors.push(vector)
  }

  write () {
    writeFileSync(new URL(`${this.name}.json`, out), JSON.stringify(this.vectors, null, 2) + '\n')
    const kept = this.vectors.length
    console.log(`${this.name}: mined ${this.mined}, kept ${kept} (${this.vectors.filter((vector) => vector.error !== undefined).length} errors, ${this.corrected} with the RFC's verdict instead of the origin's), dropped ${JSON.stringify(this.dropped)}`)
  }
}

// ---------------------------------------------------------------- evanphx/json-patch (Go)

// The v5 test tables: entries of backquoted JSON texts and booleans.
function goEntries (source, table) {
  const start = source.indexOf(`var ${table} = []`)
  const body = source.slice(source.indexOf('{\n', start) + 2, source.indexOf('\n}\n', start))
  return body.split(/\n\t},?\n?/).map((entry) => ({
    texts: [...entry.matchAll(/`([^`]*)`/g)].map((match) => match[1]),
    flags: [...entry.replace(/`[^`]*`/g, '').replace(/\/\/.*$/gm, '').matchAll(/\b(true|false)\b/g)].map((match) => match[1] === 'true'),
    generated: entry.includes('fmt.Sprintf')
  })).filter((entry) => entry.texts.length > 0 || entry.generated)
}

function evanphx () {
  const origin = new Origin('evanphx-json-patch')
  const source = show('evanphx+json-patch', 'v5/patch_test.go')
  goEntries(source, 'Cases').forEach(({ texts, flags, generated }, index) => {
    const comment = `v5/patch_test.go Cases[${index}]`
    if (generated) return origin.drop('a document built with fmt.Sprintf to exercise AccumulatedCopySizeLimit, a library option')
    if (flags.some(Boolean)) return origin.drop('needs ApplyOptions (AllowMissingPathOnRemove, EnsurePathExistsOnAdd), library extensions')
    const [doc, patch, result] = texts
    if (doc.trim() === '') return origin.drop('an empty document, which is no JSON text')
    origin.add({ comment, doc: JSON.parse(doc), patch: JSON.parse(patch), expected: JSON.parse(result) })
  })
  goEntries(source, 'BadCases').forEach(({ texts, generated }, index) => {
    if (generated) return origin.drop('a document built with fmt.Sprintf to exercise AccumulatedCopySizeLimit, a library option')
    const [doc, patch] = texts
    origin.add({ comment: `v5/patch_test.go BadCases[${index}]`, doc: JSON.parse(doc), patch: JSON.parse(patch), error: 'the origin refuses this patch' })
  })
  goEntries(source, 'MutationTestCases').forEach(() => origin.drop('MutationTestCases assert only that the document changed, not what it became'))
  goEntries(source, 'TestCases').forEach(({ texts, flags }, index) => {
    const [doc, patch] = texts
    const vector = { comment: `v5/patch_test.go TestCases[${index}]`, doc: JSON.parse(doc), patch: JSON.parse(patch) }
    origin.add(flags[0] === true ? { ...vector, expected: vector.doc } : { ...vector, error: 'the test operation fails' })
  })
  return origin
}

// ---------------------------------------------------------------- java-json-tools/json-patch

function javaJsonTools () {
  const origin = new Origin('java-json-tools-json-patch')
  for (const file of ['add', 'copy', 'move', 'remove', 'replace', 'test']) {
    const path = `src/test/resources/jsonpatch/${file}.json`
    const data = JSON.parse(show('java-json-tools+json-patch', path))
    data.errors.forEach((error, index) => {
      origin.add({ comment: `${path} errors[${index}]: ${error.message}`, doc: error.node, patch: [error.op], error: error.message })
    })
    data.ops.forEach((operation, index) => {
      origin.add({ comment: `${path} ops[${index}]`, doc: operation.node, patch: [operation.op], expected: operation.expected })
    })
  }
  // An earlier copy of the official suite: what it has that today's does not is kept.
  const suite = 'src/test/resources/jsonpatch/testsuite.json'
  JSON.parse(show('java-json-tools+json-patch', suite)).forEach((vector, index) => {
    if (vector.disabled === true || vector.patch === undefined) return origin.drop('disabled in the origin')
    origin.add({ ...vector, comment: `${suite} [${index}]: ${vector.comment ?? vector.error ?? ''}` })
  })
  return origin
}

// ---------------------------------------------------------------- flipkart-incubator/zjsonpatch

function zjsonpatch () {
  const origin = new Origin('zjsonpatch')
  const files = ['add', 'copy', 'move', 'remove', 'replace', 'test', 'js-libs-samples', 'rfc6902-samples',
    'add-unsupported', 'move-unsupported', 'remove-unsupported', 'replace-unsupported', 'rfc6902-samples-unsupported']
  for (const file of files) {
    const path = `src/test/resources/testdata/${file}.json`
    const data = lenientJson(show('flipkart-incubator+zjsonpatch', path))
    data.errors.forEach((error, index) => {
      if (error.disabled === true) return origin.drop('disabled in the origin')
      origin.add({ comment: `${path} errors[${index}]: ${error.message ?? ''}`, doc: error.node, patch: error.op, error: error.message ?? 'the origin refuses this patch' })
    })
    data.ops.forEach((operation, index) => {
      if (operation.disabled === true) return origin.drop('disabled in the origin')
      let expected = operation.expected
      if (!Object.hasOwn(operation, 'expected')) {
        if (!operation.op.every((op) => op.op === 'test')) return origin.drop('no expected document')
        expected = operation.node
      }
      origin.add({ comment: `${path} ops[${index}]: ${operation.message ?? ''}`, doc: operation.node, patch: operation.op, expected })
    })
  }
  // Patches malformed whatever the document: applied to one with the members they name.
  const invalid = 'src/test/resources/testdata/invalid-patches.json'
  lenientJson(show('flipkart-incubator+zjsonpatch', invalid)).forEach((patch, index) => {
    origin.add({ comment: `${invalid} [${index}]`, doc: { field1: { a: 1 } }, patch, error: 'a malformed operation' })
  })
  return origin
}

// ---------------------------------------------------------------- chbrown/rfc6902

function chbrown () {
  const origin = new Origin('chbrown-rfc6902')
  const path = 'test/spec.yaml'
  parseYaml(show('chbrown+rfc6902', path)).forEach((spec) => {
    const comment = `${path}: ${spec.name}`
    // Normalized through JSON: YAML anchors share objects, and `value` left out must stay out.
    const doc = JSON.parse(JSON.stringify(spec.input))
    const patch = JSON.parse(JSON.stringify(spec.patch))
    if (spec.results.every((result) => result === null)) {
      origin.add({ comment, doc, patch, expected: JSON.parse(JSON.stringify(spec.output)) })
      return
    }
    // Each failing operation of the origin's patch is checked on its own (the origin
    // reports a result per operation; an atomic patch stops at the first).
    spec.results.forEach((result, index) => {
      if (result === null) return
      origin.add({ comment: `${comment} (operation ${index}: ${result})`, doc, patch: [patch[index]], error: result })
    })
  })
  return origin
}

const origins = [evanphx(), javaJsonTools(), zjsonpatch(), chbrown()]
for (const origin of origins) origin.write()
console.log(Object.fromEntries([['evanphx-json-patch', 'evanphx+json-patch'], ['java-json-tools-json-patch', 'java-json-tools+json-patch'], ['zjsonpatch', 'flipkart-incubator+zjsonpatch'], ['chbrown-rfc6902', 'chbrown+rfc6902']].map(([name, repo]) => [name, commitOf(repo)])))
