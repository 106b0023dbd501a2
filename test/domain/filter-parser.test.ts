import { describe, expect, it } from 'vitest'
import { MAX_FILTER_DEPTH, parseFilter, type FilterExpression } from '../../src/domain/filter-parser.js'

const str = (value: string) => ({ kind: 'string', value }) as const
const bare = (text: string) => ({ kind: 'bare', text }) as const
const eq = (field: string, value: string): FilterExpression => ({ type: 'compare', field, operator: 'eq', value: str(value) })

function syntaxError (text: string): { code?: string, statusCode?: number, message: string } {
  try {
    parseFilter(text)
  } catch (error) {
    return error as { code?: string, statusCode?: number, message: string }
  }
  throw new Error(`parsed without error: ${text}`)
}

describe('parseFilter', () => {
  describe('comparisons', () => {
    it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'] as const)('parses the comparison operator %s', (operator) => {
      expect(parseFilter(`name ${operator} "x"`)).toEqual({ type: 'compare', field: 'name', operator, value: str('x') })
    })

    it('parses in with a single value', () => {
      expect(parseFilter('id in ("a")')).toEqual({ type: 'in', field: 'id', values: [str('a')] })
    })

    it('parses in with many values', () => {
      expect(parseFilter('id in ("a", "b" ,"c")')).toEqual({ type: 'in', field: 'id', values: [str('a'), str('b'), str('c')] })
    })

    it('parses in with bare values', () => {
      expect(parseFilter('count in (1, 2)')).toEqual({ type: 'in', field: 'count', values: [bare('1'), bare('2')] })
    })

    it('parses postfix isnull', () => {
      expect(parseFilter('completed isnull')).toEqual({ type: 'isnull', field: 'completed' })
    })

    it('parses prefix pr', () => {
      expect(parseFilter('pr completed')).toEqual({ type: 'pr', field: 'completed' })
    })

    it('accepts dotted field names', () => {
      expect(parseFilter('target.id eq "x"')).toEqual(eq('target.id', 'x'))
    })

    it('accepts digits and underscores in field names', () => {
      expect(parseFilter('attr_2 isnull')).toEqual({ type: 'isnull', field: 'attr_2' })
    })
  })

  describe('values', () => {
    it('decodes \\" in strings', () => {
      expect(parseFilter('name eq "say \\"hi\\""')).toEqual(eq('name', 'say "hi"'))
    })

    it('decodes \\\\ in strings', () => {
      expect(parseFilter('name eq "a\\\\b\\\\"')).toEqual(eq('name', 'a\\b\\'))
    })

    it('keeps whitespace, parentheses and keywords inside strings', () => {
      expect(parseFilter('name eq " a (or) , and "')).toEqual(eq('name', ' a (or) , and '))
    })

    it('accepts an empty string', () => {
      expect(parseFilter('name eq ""')).toEqual(eq('name', ''))
    })

    it('keeps an unquoted UTC date-time verbatim', () => {
      expect(parseFilter('created gt 2020-05-19T13:49:37.385Z')).toEqual({ type: 'compare', field: 'created', operator: 'gt', value: bare('2020-05-19T13:49:37.385Z') })
    })

    it('keeps an unquoted date-time with an offset verbatim', () => {
      expect(parseFilter('modified le 2024-01-01T00:00:00+02:00')).toEqual({ type: 'compare', field: 'modified', operator: 'le', value: bare('2024-01-01T00:00:00+02:00') })
    })

    it.each(['42', 'true', 'false', 'null'])('keeps the bare value %s as text', (text) => {
      expect(parseFilter(`x eq ${text}`)).toEqual({ type: 'compare', field: 'x', operator: 'eq', value: bare(text) })
    })
  })

  describe('connectives and precedence', () => {
    it('gives "and" precedence over "or"', () => {
      expect(parseFilter('a eq "1" or b eq "2" and c eq "3"')).toEqual({ type: 'or', operands: [eq('a', '1'), { type: 'and', operands: [eq('b', '2'), eq('c', '3')] }] })
    })

    it('binds "not" tighter than "and"', () => {
      expect(parseFilter('not a eq "1" and b eq "2"')).toEqual({ type: 'and', operands: [{ type: 'not', operand: eq('a', '1') }, eq('b', '2')] })
    })

    it('nests repeated "not"', () => {
      expect(parseFilter('not not a isnull')).toEqual({ type: 'not', operand: { type: 'not', operand: { type: 'isnull', field: 'a' } } })
    })

    it('lets parentheses override the precedence of "and" over "or"', () => {
      expect(parseFilter('(a eq "1" or b eq "2") and c eq "3"')).toEqual({ type: 'and', operands: [{ type: 'or', operands: [eq('a', '1'), eq('b', '2')] }, eq('c', '3')] })
    })

    it('lets parentheses widen the scope of "not"', () => {
      expect(parseFilter('not (a eq "1" or b eq "2")')).toEqual({ type: 'not', operand: { type: 'or', operands: [eq('a', '1'), eq('b', '2')] } })
    })

    it('produces no node for redundant parentheses', () => {
      expect(parseFilter('((a eq "1"))')).toEqual(eq('a', '1'))
    })

    it('flattens a chain of "and" into one node', () => {
      expect(parseFilter('a eq "1" and b eq "2" and c eq "3"')).toEqual({ type: 'and', operands: [eq('a', '1'), eq('b', '2'), eq('c', '3')] })
    })

    it('flattens a chain of "or" into one node', () => {
      expect(parseFilter('a eq "1" or b eq "2" or c eq "3"')).toEqual({ type: 'or', operands: [eq('a', '1'), eq('b', '2'), eq('c', '3')] })
    })

    it('keeps a parenthesised "and" as its own operand of an outer "and"', () => {
      expect(parseFilter('a eq "1" and (b eq "2" and c eq "3")')).toEqual({ type: 'and', operands: [eq('a', '1'), { type: 'and', operands: [eq('b', '2'), eq('c', '3')] }] })
    })
  })

  describe('tokens', () => {
    it('splits tokens glued to parentheses', () => {
      expect(parseFilter('(type eq "QUARTZ")and(launcher eq "x")')).toEqual({ type: 'and', operands: [eq('type', 'QUARTZ'), eq('launcher', 'x')] })
    })

    it('splits tokens glued to commas', () => {
      expect(parseFilter('id in ("a","b",c)')).toEqual({ type: 'in', field: 'id', values: [str('a'), str('b'), bare('c')] })
    })

    it('accepts tabs and newlines as whitespace', () => {
      expect(parseFilter('\ta\neq\r\n"1"\n')).toEqual(eq('a', '1'))
    })
  })

  describe('hostile input', () => {
    it('parses an "or" chain of more than 100,000 characters without exhausting the stack', () => {
      const text = 'a eq "x" or '.repeat(9000) + 'a eq "x"'
      expect(text.length).toBeGreaterThan(100_000)
      expect(parseFilter(text)).toMatchObject({ type: 'or', operands: { length: 9001 } })
    })

    it('parses an "and" chain of more than 100,000 characters without exhausting the stack', () => {
      const text = 'a eq "x" and '.repeat(9000) + 'a eq "x"'
      expect(text.length).toBeGreaterThan(100_000)
      expect(parseFilter(text)).toMatchObject({ type: 'and', operands: { length: 9001 } })
    })

    it(`accepts parentheses nested exactly ${MAX_FILTER_DEPTH} deep`, () => {
      expect(parseFilter('('.repeat(MAX_FILTER_DEPTH) + 'a eq "1"' + ')'.repeat(MAX_FILTER_DEPTH))).toEqual(eq('a', '1'))
    })

    it(`refuses parentheses nested deeper than ${MAX_FILTER_DEPTH}`, () => {
      const error = syntaxError('('.repeat(MAX_FILTER_DEPTH + 1) + 'a eq "1"' + ')'.repeat(MAX_FILTER_DEPTH + 1))
      expect(error.code).toBe('TASKD_FILTER_SYNTAX')
      expect(error.message).toContain(`limit of ${MAX_FILTER_DEPTH} at position ${MAX_FILTER_DEPTH + 1}`)
    })

    it(`refuses "not" nested deeper than ${MAX_FILTER_DEPTH}`, () => {
      expect(syntaxError('not '.repeat(MAX_FILTER_DEPTH + 1) + 'a eq "1"').message).toContain(`limit of ${MAX_FILTER_DEPTH}`)
    })

    it(`counts parentheses and "not" together against the limit of ${MAX_FILTER_DEPTH}`, () => {
      const half = MAX_FILTER_DEPTH / 2
      expect(parseFilter('not ('.repeat(half) + 'a eq "1"' + ')'.repeat(half))).toMatchObject({ type: 'not' })
      expect(syntaxError('not ('.repeat(half) + 'not a eq "1"' + ')'.repeat(half)).message).toContain(`limit of ${MAX_FILTER_DEPTH}`)
    })

    it('refuses 100,000 open parentheses with an error, not a stack overflow', () => {
      expect(syntaxError('('.repeat(100_000)).code).toBe('TASKD_FILTER_SYNTAX')
    })

    it('shortens a huge offending token in the message', () => {
      const error = syntaxError(`a eq "1" ${'x'.repeat(100_000)}`)
      expect(error.message.length).toBeLessThan(200)
      expect(error.message).toContain('at position 10')
    })
  })

  describe('syntax errors', () => {
    it.each([
      ['an empty input', '', 'empty filter'],
      ['a whitespace-only input', ' \t\n ', 'empty filter'],
      ['a missing operator', 'type "QUARTZ"', "expected an operator after field 'type' at position 6, found '\"QUARTZ\"'"],
      ['an operator missing at the end', 'type', "expected an operator after field 'type' at end of input"],
      ['an unknown word as operator', 'type like "Q"', "expected an operator after field 'type' at position 6, found 'like'"],
      ['an uppercase operator', 'type EQ "QUARTZ"', "unknown operator 'EQ' after field 'type' at position 6 (operators are lowercase)"],
      ['an uppercase in', 'id IN ("a")', "unknown operator 'IN' after field 'id' at position 4 (operators are lowercase)"],
      ['an uppercase "and"', 'a eq "1" AND b eq "2"', "unknown operator 'AND' at position 10 (keywords are lowercase)"],
      ['an uppercase "or"', 'a eq "1" Or b eq "2"', "unknown operator 'Or' at position 10 (keywords are lowercase)"],
      ['an uppercase "not"', 'NOT a eq "1"', "unknown operator 'NOT' at position 1 (keywords are lowercase)"],
      ['an unterminated string', 'uniqueName eq "abc', 'unterminated string starting at position 15'],
      ['a string ending in a backslash', 'name eq "abc\\', 'unterminated string starting at position 9'],
      ['an invalid escape', 'name eq "a\\nb"', "invalid escape '\\n' in string at position 11"],
      ['an unexpected closing parenthesis', 'a eq "1")', "unexpected ')' at position 9"],
      ['a missing closing parenthesis', '(a eq "1"', "expected ')' at end of input"],
      ['a wrong token instead of a closing parenthesis', '(a eq "1" b', "expected ')' at position 11, found 'b'"],
      ['trailing input', 'a eq "1" foo', "trailing input 'foo' at position 10"],
      ['an empty in list', 'id in ()', "empty value list for 'in' after field 'id' at position 7"],
      ['in without a list', 'id in "a"', "expected '(' at position 7, found '\"a\"'"],
      ['a trailing comma in an in list', 'id in ("a",)', "expected a value at position 12, found ')'"],
      ['an unclosed in list', 'id in ("a"', "expected ')' at end of input"],
      ['a missing value', 'a eq', 'expected a value at end of input'],
      ['a parenthesis as value', 'a eq (', "expected a value at position 6, found '('"],
      ['a keyword as field', 'and eq "x"', "expected a field name at position 1, found 'and'"],
      ['an operator as field', 'eq eq "x"', "expected a field name at position 1, found 'eq'"],
      ['a keyword as field after pr', 'pr in', "expected a field name at position 4, found 'in'"],
      ['a field starting with a digit', '1a eq "x"', "expected a field name at position 1, found '1a'"],
      ['a field with a forbidden character', 'a-b eq "x"', "expected a field name at position 1, found 'a-b'"],
      ['a string as field', '"a" eq "x"', "expected a field name at position 1, found '\"a\"'"],
      ['a dangling "and"', 'a eq "1" and', 'expected a field name at end of input'],
      ['a dangling "not"', 'not', 'expected a field name at end of input'],
      ['empty parentheses', '()', "expected a field name at position 2, found ')'"]
    ])('refuses %s with a 400 naming what and where', (_, text, message) => {
      const error = syntaxError(text)
      expect(error.code).toBe('TASKD_FILTER_SYNTAX')
      expect(error.statusCode).toBe(400)
      expect(error.message).toBe(`Invalid filters: ${message}`)
    })
  })
})
