// The V3 filter syntax of Identity Security Cloud, parsed by a tokenizer and a
// recursive-descent parser over this grammar (keywords are lowercase only):
//
//   filter    = orExpr EOF
//   orExpr    = andExpr { "or" andExpr }
//   andExpr   = notExpr { "and" notExpr }
//   notExpr   = "not" notExpr | primary            (not binds tightest, then and, then or)
//   primary   = "(" orExpr ")"
//             | "pr" field                         (present: not null)
//             | field "isnull"
//             | field "in" "(" value { "," value } ")"
//             | field compareOp value
//   compareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "co" | "sw"
//   field     = letter { letter | digit | "_" | "." }
//   value     = string | bare
//   string    = '"' { char | '\"' | '\\' } '"'
//   bare      = 1*( any char but whitespace, "(", ")", ",", '"' )   (dates, numbers, booleans)
//
// The parser is purely syntactic: which fields exist and which operators they take
// is decided by the caller.
import { FilterSyntaxError } from '../errors.js'

export type FilterValue =
  | { kind: 'string', value: string }
  | { kind: 'bare', text: string }

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'co' | 'sw'

export type FilterExpression =
  | { type: 'and', operands: FilterExpression[] }
  | { type: 'or', operands: FilterExpression[] }
  | { type: 'not', operand: FilterExpression }
  | { type: 'compare', field: string, operator: CompareOperator, value: FilterValue }
  | { type: 'in', field: string, values: FilterValue[] }
  | { type: 'isnull', field: string }
  | { type: 'pr', field: string }

/** Parentheses and `not` nested deeper than this are refused, so input cannot exhaust the stack. */
export const MAX_FILTER_DEPTH = 32

const COMPARE_OPERATORS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'])
const KEYWORDS = new Set<string>(['and', 'or', 'not', 'pr', 'in', 'isnull', ...COMPARE_OPERATORS])
const FIELD = /^[A-Za-z][A-Za-z0-9_.]*$/

type Token =
  | { kind: 'word', text: string, position: number }
  | { kind: 'string', text: string, value: string, position: number }
  | { kind: '(' | ')' | ',', text: string, position: number }

function isSpace (char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r'
}

function tokenize (input: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < input.length) {
    const char = input[index] as string
    const position = index + 1
    if (isSpace(char)) {
      index++
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, position })
      index++
    } else if (char === '"') {
      let value = ''
      index++
      for (;;) {
        if (index >= input.length) throw new FilterSyntaxError(`unterminated string starting at position ${position}`)
        const next = input[index] as string
        if (next === '"') break
        if (next === '\\') {
          const escaped = input[index + 1]
          if (escaped !== '"' && escaped !== '\\') {
            throw new FilterSyntaxError(`invalid escape '\\${escaped ?? ''}' in string at position ${index + 1}`)
          }
          value += escaped
          index += 2
        } else {
          value += next
          index++
        }
      }
      index++
      tokens.push({ kind: 'string', text: input.slice(position - 1, index), value, position })
    } else {
      const start = index
      while (index < input.length) {
        const next = input[index] as string
        if (isSpace(next) || next === '(' || next === ')' || next === ',' || next === '"') break
        index++
      }
      tokens.push({ kind: 'word', text: input.slice(start, index), position })
    }
  }
  return tokens
}

class Parser {
  #index = 0
  #depth = 0

  constructor (private readonly tokens: Token[]) {}

  parse (): FilterExpression {
    const expression = this.#or()
    const extra = this.tokens[this.#index]
    if (extra !== undefined) {
      throw new FilterSyntaxError(extra.kind === ')' ? `unexpected ')' at position ${extra.position}` : `trailing input '${extra.text}' at position ${extra.position}`)
    }
    return expression
  }

  #peek (): Token | undefined {
    return this.tokens[this.#index]
  }

  #isKeyword (text: string): boolean {
    const token = this.#peek()
    return token?.kind === 'word' && token.text === text
  }

  #where (token: Token | undefined): string {
    return token === undefined ? 'at end of input' : `at position ${token.position}, found '${token.text}'`
  }

  #expect (kind: '(' | ')' | ','): void {
    const token = this.#peek()
    if (token?.kind !== kind) throw new FilterSyntaxError(`expected '${kind}' ${this.#where(token)}`)
    this.#index++
  }

  #nest<T> (parse: () => T): T {
    if (++this.#depth > MAX_FILTER_DEPTH) {
      throw new FilterSyntaxError(`nesting deeper than ${MAX_FILTER_DEPTH} levels of parentheses and 'not'`)
    }
    const result = parse()
    this.#depth--
    return result
  }

  #or (): FilterExpression {
    return this.#chain('or', () => this.#and())
  }

  #and (): FilterExpression {
    return this.#chain('and', () => this.#not())
  }

  // A chain is collected in a loop, not by recursion per operand, so a long
  // `a or b or c …` costs no stack.
  #chain (keyword: 'and' | 'or', operand: () => FilterExpression): FilterExpression {
    const operands = [operand()]
    while (this.#isKeyword(keyword)) {
      this.#index++
      operands.push(operand())
    }
    return operands.length === 1 ? operands[0] as FilterExpression : { type: keyword, operands }
  }

  #not (): FilterExpression {
    if (!this.#isKeyword('not')) return this.#primary()
    this.#index++
    return this.#nest(() => ({ type: 'not', operand: this.#not() }))
  }

  #primary (): FilterExpression {
    const token = this.#peek()
    if (token?.kind === '(') {
      this.#index++
      const expression = this.#nest(() => this.#or())
      this.#expect(')')
      return expression
    }
    if (token?.kind === 'word' && token.text === 'pr') {
      this.#index++
      return { type: 'pr', field: this.#field() }
    }
    const field = this.#field()
    const operator = this.#peek()
    if (operator?.kind !== 'word' || !KEYWORDS.has(operator.text) || ['and', 'or', 'not', 'pr'].includes(operator.text)) {
      const known = operator?.kind === 'word' && KEYWORDS.has(operator.text.toLowerCase())
      throw new FilterSyntaxError(operator !== undefined && known
        ? `unknown operator '${operator.text}' after field '${field}' at position ${operator.position} (operators are lowercase)`
        : `expected an operator after field '${field}' ${this.#where(operator)}`)
    }
    this.#index++
    if (operator.text === 'isnull') return { type: 'isnull', field }
    if (operator.text === 'in') {
      this.#expect('(')
      const values = [this.#value()]
      while (this.#peek()?.kind === ',') {
        this.#index++
        values.push(this.#value())
      }
      this.#expect(')')
      return { type: 'in', field, values }
    }
    return { type: 'compare', field, operator: operator.text as CompareOperator, value: this.#value() }
  }

  #field (): string {
    const token = this.#peek()
    if (token?.kind !== 'word' || KEYWORDS.has(token.text) || !FIELD.test(token.text)) {
      throw new FilterSyntaxError(`expected a field name ${this.#where(token)}`)
    }
    this.#index++
    return token.text
  }

  #value (): FilterValue {
    const token = this.#peek()
    if (token?.kind === 'string') {
      this.#index++
      return { kind: 'string', value: token.value }
    }
    if (token?.kind === 'word') {
      this.#index++
      return { kind: 'bare', text: token.text }
    }
    throw new FilterSyntaxError(`expected a value ${this.#where(token)}`)
  }
}

export function parseFilter (text: string): FilterExpression {
  const tokens = tokenize(text)
  if (tokens.length === 0) throw new FilterSyntaxError('empty filter')
  return new Parser(tokens).parse()
}
