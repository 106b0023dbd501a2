// fast-check arbitraries for Task Status documents in stored (canonical) form, and
// the JSON Pointer helpers the patch properties need. Every document they make is
// valid against the spec's TaskStatus schema (a test checks that).
import fc from 'fast-check'

/** Pointer segments taskd refuses in a patch path, and keys the body parser refuses. */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

// U+0000 and lone surrogates cannot be kept in PostgreSQL text; documents in a store
// never hold them (a test of the refusal sends them on purpose).
const UNSTORABLE = /\0|\p{Cs}/u

export function storableText (text: string): boolean {
  return !UNSTORABLE.test(text)
}

/** Strings of at most `maxLength` code points, ASCII mostly, with odd characters. */
export function text (maxLength = 24): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.floor(maxLength / 2) }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'é∆😀', 'a/b~c', '"quoted" \\ back', 'line\nbreak\ttab', '<script>', "' OR 1=1 --") }
  ).filter((value) => storableText(value) && [...value].length <= maxLength)
}

export const ATTRIBUTE_KEYS = ['a', 'b', 'appId', 'with space', 'slash/key', 'tilde~key', '~1', '', 'ünïcødé', '😀', '0', '-', '10'] as const

export const attributeKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ATTRIBUTE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
).filter((key) => !PROTOTYPE_NAMES.has(key) && storableText(key))

const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: 0, max: 100 }),
  // -0 does not survive JSON; everything else does.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => Object.is(value, -0) ? 0 : value)
)

const leaf: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), number, text(16))

/** Any JSON value, a few levels deep, with object keys a pointer must escape. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown, array: unknown[], object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ maxDepth: 3, depthIdentifier: 'json' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'json' }),
  object: fc.dictionary(attributeKey, tie('value'), { maxKeys: 3, noNullPrototype: true, depthIdentifier: 'json' })
})).value

export const attributes = fc.dictionary(attributeKey, jsonValue, { maxKeys: 4, noNullPrototype: true })

/** A date-time in stored form: UTC with milliseconds. */
export const isoInstant: fc.Arbitrary<string> = fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString())

/** Date-time text as clients send it: stored form, other valid spellings, and invalid ones. */
export const dateTimeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: isoInstant },
  { weight: 2, arbitrary: isoInstant.map((instant) => instant.replace(/\.\d{3}Z$/, 'Z')) },
  { weight: 1, arbitrary: isoInstant.map((instant) => instant.slice(0, 19) + '+02:00') },
  { weight: 1, arbitrary: isoInstant.map((instant) => instant.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom('not a date', '2024-02-30T00:00:00Z', '2016-12-31T23:59:60Z', '2024-01-01', '2024-01-01T00:00:00', '') }
)

export const TASK_TYPES = ['QUARTZ', 'QPOC', 'QUEUED_TASK'] as const
export const COMPLETION_STATUSES = ['Success', 'Warning', 'Error', 'Terminated', 'TempError'] as const

export const taskStatusMessage = fc.record({
  type: fc.constantFrom('INFO', 'WARN', 'ERROR'),
  localizedText: fc.option(fc.record({ locale: fc.constantFrom('en-US', 'de-DE', ''), message: text(40) }, { noNullPrototype: true })),
  key: text(),
  parameters: fc.option(fc.array(jsonValue, { maxLength: 3 }))
}, { noNullPrototype: true })

export const taskReturnDetails = fc.record({ name: text(), attributeName: text() }, { noNullPrototype: true })

export const taskTarget = fc.record({ id: text(), type: fc.constantFrom('APPLICATION', 'IDENTITY', null), name: text() }, { requiredKeys: [], noNullPrototype: true })

export const taskDefinitionSummary = fc.record({
  id: text(),
  uniqueName: text(),
  description: text(40),
  parentName: fc.option(text()),
  executor: text(),
  arguments: attributes
}, { requiredKeys: [], noNullPrototype: true })

const hexId = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('hex'))

/** A TaskStatus as a store holds it (any id, times, status and content). */
export const taskStatusDocument: fc.Arbitrary<Record<string, unknown>> = fc.record({
  id: hexId,
  type: fc.constantFrom(...TASK_TYPES),
  uniqueName: text().filter((value) => value.length > 0),
  description: text(40),
  parentName: fc.option(text()),
  launcher: text(),
  target: fc.option(taskTarget),
  created: isoInstant,
  modified: isoInstant,
  launched: fc.option(isoInstant),
  completed: fc.option(isoInstant),
  completionStatus: fc.option(fc.constantFrom(...COMPLETION_STATUSES)),
  messages: fc.array(taskStatusMessage, { maxLength: 3 }),
  returns: fc.array(taskReturnDetails, { maxLength: 2 }),
  attributes,
  progress: fc.option(text(40)),
  percentComplete: fc.integer({ min: 0, max: 100 }),
  taskDefinitionSummary: fc.option(taskDefinitionSummary)
}, {
  requiredKeys: ['id', 'type', 'uniqueName', 'description', 'parentName', 'launcher', 'created', 'modified', 'launched',
    'completed', 'completionStatus', 'messages', 'returns', 'attributes', 'progress', 'percentComplete'],
  noNullPrototype: true
})

/** RFC 6901: a reference token with `~` and `/` escaped. */
export function escapeToken (token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

export function pointer (...tokens: Array<string | number>): string {
  return tokens.map((token) => '/' + escapeToken(String(token))).join('')
}

/** Every pointer into `value` (not the root) down to `maxDepth` tokens, with what it points at. */
export function pointersIn (value: unknown, maxDepth = 4, prefix = ''): Array<{ pointer: string, value: unknown }> {
  if (maxDepth === 0 || typeof value !== 'object' || value === null) return []
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value)
  return entries.flatMap(([key, child]) => {
    const at = prefix + '/' + escapeToken(key)
    return [{ pointer: at, value: child }, ...pointersIn(child, maxDepth - 1, at)]
  })
}

/** How deeply arrays and objects nest in `value` (a scalar is 0), without recursion. */
export function nestingDepth (value: unknown): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (typeof node !== 'object' || node === null) continue
    deepest = Math.max(deepest, depth + 1)
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/** Arrays nested `depth` deep: [[[…]]]. */
export function nestedArrays (depth: number): unknown {
  let value: unknown = []
  for (let level = 1; level < depth; level++) value = [value]
  return value
}

/**
 * Arrays nested `depth` deep once serialized, but short when fast-check prints a
 * counterexample (its printer recurses, and would exhaust the stack on the real thing).
 */
export class DeepArrays {
  constructor (readonly depth: number) {}
  toJSON (): unknown { return nestedArrays(this.depth) }
  [fc.toStringMethod] (): string { return `nestedArrays(${this.depth})` }
}
