import { describe, expect, it } from 'vitest'
import { MAX_FILTER_DEPTH, parseFilter, type FilterExpression } from '../../src/filters/filter-parser.js'

const eq = (field: string, value: string): FilterExpression => ({ type: 'compare', field, operator: 'eq', value: { kind: 'string', value } })

function syntaxError (text: string): { code?: string, statusCode?: number, message: string } {
  try {
    parseFilter(text)
  } catch (error) {
    return error as { code?: string, statusCode?: number, message: string }
  }
  throw new Error(`parsed: ${text}`)
}

describe('parseFilter', () => {
  it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'])('parses the comparison operator %s', (operator) => {
    expect(parseFilter(`name ${operator} "x"`)).toEqual({ type: 'compare', field: 'name', operator, value: { kind: 'string', value: 'x' } })
  })

  it('parses in with one value and with many', () => {
    expect(parseFilter('id in ("a")')).toEqual({ type: 'in', field: 'id', values: [{ kind: 'string', value: 'a' }] })
    expect(parseFilter('id in ("a", "b","c")')).toEqual({ type: 'in', field: 'id', values: ['a', 'b', 'c'].map((value) => ({ kind: 'string', value })) })
  })

  it('parses postfix isnull and prefix pr', () => {
    expect(parseFilter('completed isnull')).toEqual({ type: 'isnull', field: 'completed' })
    expect(parseFilter('pr completed')).toEqual({ type: 'pr', field: 'completed' })
  })

  it('gives "and" precedence over "or"', () => {
    expect(parseFilter('a eq "1" or b eq "2" and c eq "3"')).toEqual({ type: 'or', operands: [eq('a', '1'), { type: 'and', operands: [eq('b', '2'), eq('c', '3')] }] })
  })

  it('binds "not" tighter than "and"', () => {
    expect(parseFilter('not a eq "1" and b eq "2"')).toEqual({ type: 'and', operands: [{ type: 'not', operand: eq('a', '1') }, eq('b', '2')] })
  })

  it('lets parentheses override precedence', () => {
    expect(parseFilter('(a eq "1" or b eq "2") and c eq "3"')).toEqual({ type: 'and', operands: [{ type: 'or', operands: [eq('a', '1'), eq('b', '2')] }, eq('c', '3')] })
    expect(parseFilter('not (a eq "1" or b eq "2")')).toEqual({ type: 'not', operand: { type: 'or', operands: [eq('a', '1'), eq('b', '2')] } })
  })

  it('flattens chains of the same connective', () => {
    expect(parseFilter('a eq "1" and b eq "2" and c eq "3"')).toEqual({ type: 'and', operands: [eq('a', '1'), eq('b', '2'), eq('c', '3')] })
  })

  it('decodes \\" and \\\\ in strings', () => {
    expect(parseFilter('name eq "say \\"hi\\" \\\\ bye"')).toEqual(eq('name', 'say "hi" \\ bye'))
  })

  it('keeps unquoted values verbatim, such as ISO 8601 date-times', () => {
    expect(parseFilter('created gt 2020-05-19T13:49:37.385Z')).toEqual({ type: 'compare', field: 'created', operator: 'gt', value: { kind: 'bare', text: '2020-05-19T13:49:37.385Z' } })
    expect(parseFilter('modified le 2024-01-01T00:00:00+02:00')).toMatchObject({ value: { kind: 'bare', text: '2024-01-01T00:00:00+02:00' } })
  })

  it('separates parentheses and commas without spaces', () => {
    expect(parseFilter('(type eq "QUARTZ")and(launcher eq "x")')).toEqual({ type: 'and', operands: [eq('type', 'QUARTZ'), eq('launcher', 'x')] })
  })

  it('accepts dotted field names', () => {
    expect(parseFilter('target.id eq "x"')).toEqual(eq('target.id', 'x'))
  })

  it('parses a chain of 100,000 characters without exhausting the stack', () => {
    const text = Array.from({ length: 9000 }, () => 'a eq "x"').join(' or ')
    expect(text.length).toBeGreaterThan(100_000)
    expect((parseFilter(text) as { operands: unknown[] }).operands).toHaveLength(9000)
  })

  it.each([
    ['', 'empty filter'],
    ['   ', 'empty filter'],
    ['type "QUARTZ"', "expected an operator after field 'type' at position 6, found '\"QUARTZ\"'"],
    ['type EQ "QUARTZ"', "unknown operator 'EQ' after field 'type' at position 6 (operators are lowercase)"],
    ['uniqueName eq "abc', 'unterminated string starting at position 15'],
    ['name eq "a\\nb"', "invalid escape '\\n' in string at position 11"],
    ['a eq "1")', "unexpected ')' at position 9"],
    ['(a eq "1"', "expected ')' at end of input"],
    ['a eq "1" b', "trailing input 'b' at position 10"],
    ['id in ()', "expected a value at position 8, found ')'"],
    ['a eq', 'expected a value at end of input'],
    ['and eq "x"', "expected a field name at position 1, found 'and'"],
    ['a eq "1" and', 'expected a field name at end of input'],
    ['a AND b', "unknown operator 'AND' after field 'a' at position 3 (operators are lowercase)"]
  ])('refuses %j with a 400 naming what and where', (text, message) => {
    const error = syntaxError(text)
    expect(error.code).toBe('TASKD_FILTER_SYNTAX')
    expect(error.statusCode).toBe(400)
    expect(error.message).toBe(`Invalid filters: ${message}`)
  })

  it(`refuses nesting deeper than ${MAX_FILTER_DEPTH} levels`, () => {
    const deep = '('.repeat(MAX_FILTER_DEPTH + 1) + 'a eq "1"' + ')'.repeat(MAX_FILTER_DEPTH + 1)
    expect(syntaxError(deep).message).toContain(`deeper than ${MAX_FILTER_DEPTH}`)
    expect(syntaxError('not '.repeat(MAX_FILTER_DEPTH + 1) + 'a eq "1"').message).toContain(`deeper than ${MAX_FILTER_DEPTH}`)
    const allowed = '('.repeat(MAX_FILTER_DEPTH) + 'a eq "1"' + ')'.repeat(MAX_FILTER_DEPTH)
    expect(parseFilter(allowed)).toEqual(eq('a', '1'))
  })
})
