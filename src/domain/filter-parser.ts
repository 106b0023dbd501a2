// The V3 filter syntax of Identity Security Cloud, parsed by a hand-written
// tokenizer and a recursive-descent parser over this grammar (EBNF; keywords and
// operators are lowercase only):
//
//   filter    = orExpr EOF
//   orExpr    = andExpr { "or" andExpr }
//   andExpr   = notExpr { "and" notExpr }
//   notExpr   = "not" notExpr | primary            (not binds tightest, then and, then or)
//   primary   = "(" orExpr ")"
//             | "pr" field                         (prefix: field is present, not null)
//             | field "isnull"                     (postfix)
//             | field "in" "(" value { "," value } ")"
//             | field compareOp value
//   compareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "co" | "sw"
//   field     = letter { letter | digit | "_" | "." }     (not a keyword)
//   value     = string | bare
//   string    = '"' { char | '\"' | '\\' } '"'           (no other escapes)
//   bare      = 1*( any char but whitespace, "(", ")", ",", '"' )   (dates, numbers, true/false/null)
//
// Whitespace separates tokens; "(", ")" and "," are tokens on their own. Keywords
// are recognised only where a keyword or operator may stand, so a value may be a
// bare word such as `and`, but a field may not. Positions in messages are 1-based
// UTF-16 offsets into the input.
//
// The parser is purely syntactic: which fields exist and which operators they take
// is decided by the caller. Chains of and/or are collected in loops, and
// parentheses plus `not` may nest at most MAX_FILTER_DEPTH deep, so no input can
// exhaust the stack.
import { FilterSyntaxError } from '../errors.js'

export type FilterValue =
  | { kind: 'string', value: string } // from a quoted string, escapes decoded
  | { kind: 'bare', text: string } // unquoted token, verbatim

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'co' | 'sw'

export type FilterExpression =
  | { type: 'and', operands: FilterExpression[] } // flattened: a and b and c is one node
  | { type: 'or', operands: FilterExpression[] } // flattened likewise
  | { type: 'not', operand: FilterExpression }
  | { type: 'compare', field: string, operator: CompareOperator, value: FilterValue }
  | { type: 'in', field: string, values: FilterValue[] }
  | { type: 'isnull', field: string }
  | { type: 'pr', field: string }

/** Parentheses and `not` together nested deeper than this are refused. */
export const MAX_FILTER_DEPTH = 32

const COMPARE_OPERATORS: ReadonlySet<string> = new Set<CompareOperator>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'])
/** What may follow a field. */
const FIELD_OPERATORS: ReadonlySet<string> = new Set([...COMPARE_OPERATORS, 'in', 'isnull'])
/** What may stand where an expression starts or continues. */
const CONNECTIVES: ReadonlySet<string> = new Set(['and', 'or', 'not', 'pr'])
const KEYWORDS: ReadonlySet<string> = new Set([...FIELD_OPERATORS, ...CONNECTIVES])

/** Tokens longer than this are shortened when quoted in a message. */
const MAX_QUOTED_TOKEN = 40

type Token =
  | { kind: 'word', text: string, position: number }
  | { kind: 'string', text: string, value: string, position: number }
  | { kind: '(' | ')' | ',', text: string, position: number }

function isSpace (char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r'
}

function isPunctuation (char: string): char is '(' | ')' | ',' {
  return char === '(' || char === ')' || char === ','
}

function isLetter (char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z')
}

function isDigit (char: string): boolean {
  return char >= '0' && char <= '9'
}

function isFieldName (text: string): boolean {
  if (text.length === 0 || !isLetter(text[0] as string)) return false
  for (let index = 1; index < text.length; index++) {
    const char = text[index] as string
    if (!isLetter(char) && !isDigit(char) && char !== '_' && char !== '.') return false
  }
  return true
}

function quote (text: string): string {
  return `'${text.length > MAX_QUOTED_TOKEN ? `${text.slice(0, MAX_QUOTED_TOKEN)}…` : text}'`
}

/** A keyword written in the wrong case, such as `AND` or `Eq`. */
function isMiscasedKeyword (text: string, keywords: ReadonlySet<string>): boolean {
  return text !== text.toLowerCase() && keywords.has(text.toLowerCase())
}

function tokenize (input: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < input.length) {
    const char = input[index] as string
    const position = index + 1
    if (isSpace(char)) {
      index++
    } else if (isPunctuation(char)) {
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
          if (escaped === undefined) throw new FilterSyntaxError(`unterminated string starting at position ${position}`)
          if (escaped !== '"' && escaped !== '\\') {
            throw new FilterSyntaxError(`invalid escape '\\${escaped}' in string at position ${index + 1}`)
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
        if (isSpace(next) || isPunctuation(next) || next === '"') break
        index++
      }
      tokens.push({ kind: 'word', text: input.slice(start, index), position })
    }
  }
  return tokens
}

class Parser {
  readonly #tokens: Token[]
  #index = 0
  #depth = 0

  constructor (tokens: Token[]) {
    this.#tokens = tokens
  }

  parse (): FilterExpression {
    const expression = this.#or()
    const extra = this.#peek()
    if (extra !== undefined) {
      if (extra.kind === ')') throw new FilterSyntaxError(`unexpected ')' at position ${extra.position}`)
      if (extra.kind === 'word' && isMiscasedKeyword(extra.text, CONNECTIVES)) {
        throw new FilterSyntaxError(`unknown operator ${quote(extra.text)} at position ${extra.position} (keywords are lowercase)`)
      }
      throw new FilterSyntaxError(`trailing input ${quote(extra.text)} at position ${extra.position}`)
    }
    return expression
  }

  #peek (): Token | undefined {
    return this.#tokens[this.#index]
  }

  #atKeyword (keyword: string): boolean {
    const token = this.#peek()
    return token?.kind === 'word' && token.text === keyword
  }

  #where (token: Token | undefined): string {
    return token === undefined ? 'at end of input' : `at position ${token.position}, found ${quote(token.text)}`
  }

  #expect (kind: '(' | ')' | ','): Token {
    const token = this.#peek()
    if (token?.kind !== kind) throw new FilterSyntaxError(`expected '${kind}' ${this.#where(token)}`)
    this.#index++
    return token
  }

  #nested<T> (parse: () => T): T {
    if (this.#depth >= MAX_FILTER_DEPTH) {
      throw new FilterSyntaxError(`parentheses and 'not' nest deeper than the limit of ${MAX_FILTER_DEPTH} at position ${this.#tokens[this.#index - 1]?.position ?? 1}`)
    }
    this.#depth++
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
  // `a or b or c …` costs no stack and comes out flat.
  #chain (keyword: 'and' | 'or', operand: () => FilterExpression): FilterExpression {
    const first = operand()
    if (!this.#atKeyword(keyword)) return first
    const operands = [first]
    while (this.#atKeyword(keyword)) {
      this.#index++
      operands.push(operand())
    }
    return { type: keyword, operands }
  }

  #not (): FilterExpression {
    if (!this.#atKeyword('not')) return this.#primary()
    this.#index++
    return this.#nested(() => ({ type: 'not', operand: this.#not() }))
  }

  #primary (): FilterExpression {
    const token = this.#peek()
    if (token?.kind === '(') {
      this.#index++
      const expression = this.#nested(() => this.#or())
      this.#expect(')')
      return expression
    }
    if (this.#atKeyword('pr')) {
      this.#index++
      return { type: 'pr', field: this.#field() }
    }
    const field = this.#field()
    const operator = this.#peek()
    if (operator?.kind !== 'word' || !FIELD_OPERATORS.has(operator.text)) {
      throw new FilterSyntaxError(this.#missingOperator(token as Token, field, operator))
    }
    this.#index++
    if (operator.text === 'isnull') return { type: 'isnull', field }
    if (operator.text === 'in') return { type: 'in', field, values: this.#valueList(field) }
    return { type: 'compare', field, operator: operator.text as CompareOperator, value: this.#value() }
  }

  #missingOperator (fieldToken: Token, field: string, operator: Token | undefined): string {
    if (operator?.kind === 'word' && isMiscasedKeyword(operator.text, FIELD_OPERATORS)) {
      return `unknown operator ${quote(operator.text)} after field ${quote(field)} at position ${operator.position} (operators are lowercase)`
    }
    // `NOT a eq "1"` or `PR a`: the "field" was a miscased keyword.
    if (isMiscasedKeyword(field, CONNECTIVES)) {
      return `unknown operator ${quote(field)} at position ${fieldToken.position} (keywords are lowercase)`
    }
    return `expected an operator after field ${quote(field)} ${this.#where(operator)}`
  }

  #field (): string {
    const token = this.#peek()
    if (token?.kind !== 'word' || KEYWORDS.has(token.text) || !isFieldName(token.text)) {
      throw new FilterSyntaxError(`expected a field name ${this.#where(token)}`)
    }
    this.#index++
    return token.text
  }

  #valueList (field: string): FilterValue[] {
    const open = this.#expect('(')
    if (this.#peek()?.kind === ')') {
      throw new FilterSyntaxError(`empty value list for 'in' after field ${quote(field)} at position ${open.position}`)
    }
    const values = [this.#value()]
    while (this.#peek()?.kind === ',') {
      this.#index++
      values.push(this.#value())
    }
    this.#expect(')')
    return values
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

/** Parses a V3 filter expression; throws FilterSyntaxError (400) on any syntax error. */
export function parseFilter (text: string): FilterExpression {
  const tokens = tokenize(text)
  if (tokens.length === 0) throw new FilterSyntaxError('empty filter')
  return new Parser(tokens).parse()
}
