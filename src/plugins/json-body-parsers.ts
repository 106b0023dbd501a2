// JSON bodies, read as bytes and refused unless they are valid UTF-8 (decoding would
// otherwise turn bad bytes into U+FFFD silently) and nested within MAX_BODY_NESTING, then parsed by Fastify's own safe
// parser, which refuses prototype poisoning. `application/json-patch+json` and
// `application/merge-patch+json` get the same parser: Fastify 5 would otherwise answer
// 415 to the types RFC 6902 and RFC 7396 define. Which operation takes which type is the
// spec's to say (declared-content-types.ts).
// Escapes can still spell what no UTF-8 text holds: U+0000, which PostgreSQL text
// refuses, and unpaired surrogates. Strings and keys holding them are refused too, so
// that every store keeps whatever is accepted.
import { isUtf8 } from 'node:buffer'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { BodyTooDeepError, InvalidEncodingError, UnstorableTextError } from '../errors.js'

/**
 * How deeply a JSON body may nest arrays and objects. A stored task status nests 100
 * levels at most (MAX_NESTING_DEPTH), and a patch puts a value two levels down; deeper
 * bodies are refused before they are parsed, since the code that walks a value
 * (cloning, validating) would otherwise recurse as deep as the body goes.
 */
export const MAX_BODY_NESTING = 128

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const OPEN_BRACE = 0x7b
const CLOSE_BRACKET = 0x5d
const CLOSE_BRACE = 0x7d

// Whether the JSON text nests deeper than `limit`, read byte by byte: brackets inside
// strings do not count. Malformed text is left for the parser to refuse.
function nestsDeeperThan (body: Uint8Array, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < body.length; index++) {
    const byte = body[index] as number
    if (inString) {
      if (byte === BACKSLASH) index++
      else if (byte === QUOTE) inString = false
    } else if (byte === QUOTE) {
      inString = true
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > limit) return true
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--
    }
  }
  return false
}

// With the u flag a surrogate pair is one code point, so \p{Cs} matches unpaired ones only.
const UNSTORABLE = /\0|\p{Cs}/u

// Without recursion: the body may nest deeper than the stack goes.
function holdsUnstorableText (value: unknown): boolean {
  const pending = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) return true
    } else if (typeof node === 'object' && node !== null) {
      if (!Array.isArray(node) && Object.keys(node).some((key) => UNSTORABLE.test(key))) return true
      for (const child of Object.values(node)) pending.push(child)
    }
  }
  return false
}

// A body this large (a bulk update of thousands of ids) is checked, parsed and checked
// again in three turns of the event loop rather than one: each step takes milliseconds
// per megabyte, and other requests are served between them.
const LARGE_BODY_BYTES = 256 * 1024

function nextTurn (large: boolean, step: () => void): void {
  if (large) setImmediate(step)
  else step()
}

async function jsonBodyParsers (app: FastifyInstance): Promise<void> {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  for (const type of ['application/json', 'application/json-patch+json', 'application/merge-patch+json']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (request, body, done) => {
      if (!isUtf8(body as Buffer)) {
        done(new InvalidEncodingError(), undefined)
        return
      }
      if (nestsDeeperThan(body as Buffer, MAX_BODY_NESTING)) {
        done(new BodyTooDeepError(MAX_BODY_NESTING), undefined)
        return
      }
      const large = (body as Buffer).length > LARGE_BODY_BYTES
      nextTurn(large, () => {
        parse(request, (body as Buffer).toString('utf8'), (error, parsed) => {
          if (error !== null) {
            done(error, undefined)
            return
          }
          nextTurn(large, () => {
            if (holdsUnstorableText(parsed)) done(new UnstorableTextError('body'), undefined)
            else done(null, parsed)
          })
        })
      })
    })
  }
}

export default fp(jsonBodyParsers, { name: 'taskd-json-body-parsers' })
