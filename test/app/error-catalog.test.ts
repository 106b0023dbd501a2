// The error catalog (src/errors.ts), pinned as fastify pins its own: a new error is a
// deliberate change to this count, and every entry keeps the catalog's conventions.
import { describe, expect, it } from 'vitest'
import * as catalog from '../../src/errors.js'

const EXPECTED_ERRORS = 49

type CatalogError = Error & { code: string, statusCode: number }
const entries = Object.entries(catalog).map(([name, Constructor]) => [name, new (Constructor as new (...args: unknown[]) => CatalogError)('a', 'b', 'c')] as const)

/** The code a name such as PatchInvalidError stands for: TASKD_PATCH_INVALID. */
function codeFor (name: string): string {
  return 'TASKD_' + name.replace(/Error$/, '').replace('OAuth', 'Oauth').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
}

describe('the error catalog', () => {
  it(`has ${EXPECTED_ERRORS} errors`, () => {
    expect(entries).toHaveLength(EXPECTED_ERRORS)
  })

  it.each(entries)('%s has the code its name spells', (name, error) => {
    expect(error.code).toBe(codeFor(name))
  })

  it.each(entries)('%s is an Error with a 4xx or 5xx status and a message', (_name, error) => {
    expect(error).toBeInstanceOf(Error)
    expect(error.statusCode).toBeGreaterThanOrEqual(400)
    expect(error.statusCode).toBeLessThan(600)
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('gives every error a code of its own', () => {
    expect(new Set(entries.map(([, error]) => error.code)).size).toBe(entries.length)
  })
})
