#!/usr/bin/env node
// Generates src/generated/openapi.ts from spec/openapi.yaml with openapi-typescript.
// `--check` regenerates in memory and exits 1 when the committed file is stale, so a
// spec change without `npm run gen` fails the test suite.
import { readFileSync, writeFileSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'

const specUrl = new URL('../spec/openapi.yaml', import.meta.url)
const outUrl = new URL('../src/generated/openapi.ts', import.meta.url)

const header = '// Generated from spec/openapi.yaml by `npm run gen` (openapi-typescript). Do not edit.\n/* eslint-disable */\n'
const ast = await openapiTS(specUrl, { alphabetize: false, immutable: false })
const generated = header + astToString(ast)

if (process.argv.includes('--check')) {
  let current = ''
  try { current = readFileSync(outUrl, 'utf8') } catch {}
  if (current !== generated) {
    console.error('src/generated/openapi.ts is stale: run `npm run gen`')
    process.exit(1)
  }
} else {
  writeFileSync(outUrl, generated)
}
