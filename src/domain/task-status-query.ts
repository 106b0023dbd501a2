// GET /task-status: turns the `filters` and `sorters` strings into a query the stores
// can run. The parser knows the V3 grammar; this module knows which fields a task
// status can be filtered and sorted on, with which operators and value types.
import { FilterUnsupportedError, SorterInvalidError } from '../errors.js'
import { parseFilter, type FilterExpression, type FilterValue } from './filter-parser.js'
import { canonicalCompletionStatus } from './completion-status.js'

export type TaskStatusFilterField =
  'id' | 'type' | 'completionStatus' | 'launcher' | 'uniqueName' | 'parentName' |
  'created' | 'modified' | 'completed' | 'sourceId'

export type TaskStatusCondition =
  | { type: 'and' | 'or', operands: TaskStatusCondition[] }
  | { type: 'not', operand: TaskStatusCondition }
  | { type: 'compare', field: TaskStatusFilterField, operator: 'eq' | 'gt' | 'ge' | 'lt' | 'le' | 'sw', value: string }
  | { type: 'in', field: TaskStatusFilterField, values: string[] }
  | { type: 'isnull', field: TaskStatusFilterField }

export type TaskStatusSortField = 'created' | 'modified' | 'completed' | 'uniqueName' | 'percentComplete' | 'id'

export interface SortKey {
  field: TaskStatusSortField
  descending: boolean
}

export interface TaskStatusQuery {
  filter?: TaskStatusCondition
  /** Always ends with `id`, so the order is total and paging is stable. */
  sort: SortKey[]
  offset: number
  limit: number
}

type ValueKind = 'string' | 'date-time' | 'task-type' | 'completion-status'
type Operator = 'eq' | 'ne' | 'co' | 'in' | 'sw' | 'gt' | 'ge' | 'lt' | 'le' | 'isnull' | 'pr'
type GrantedCompareOperator = Extract<TaskStatusCondition, { type: 'compare' }>['operator']

const FIELDS: Record<TaskStatusFilterField, { kind: ValueKind, operators: ReadonlySet<Operator> }> = {
  id: { kind: 'string', operators: new Set(['eq', 'in']) },
  type: { kind: 'task-type', operators: new Set(['eq', 'in']) },
  sourceId: { kind: 'string', operators: new Set(['eq', 'in']) },
  completionStatus: { kind: 'completion-status', operators: new Set(['eq', 'in', 'isnull', 'pr']) },
  launcher: { kind: 'string', operators: new Set(['eq', 'in', 'sw']) },
  uniqueName: { kind: 'string', operators: new Set(['eq', 'in', 'sw']) },
  parentName: { kind: 'string', operators: new Set(['eq', 'in', 'sw', 'isnull', 'pr']) },
  created: { kind: 'date-time', operators: new Set(['gt', 'ge', 'lt', 'le']) },
  modified: { kind: 'date-time', operators: new Set(['gt', 'ge', 'lt', 'le']) },
  completed: { kind: 'date-time', operators: new Set(['gt', 'ge', 'lt', 'le', 'isnull', 'pr']) }
}

const TASK_TYPES = new Set(['QUARTZ', 'QPOC', 'QUEUED_TASK'])
const SORT_FIELDS = new Set<string>(['created', 'modified', 'completed', 'uniqueName', 'percentComplete', 'id'])
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

function fieldOf (name: string, operator: Operator): TaskStatusFilterField {
  const spec = Object.hasOwn(FIELDS, name) ? FIELDS[name as TaskStatusFilterField] : undefined
  if (spec === undefined) {
    throw new FilterUnsupportedError(`unknown field '${name}'; filterable fields are ${Object.keys(FIELDS).join(', ')}`)
  }
  if (!spec.operators.has(operator)) {
    throw new FilterUnsupportedError(`operator '${operator}' is not supported for '${name}'; use ${[...spec.operators].join(', ')}`)
  }
  return name as TaskStatusFilterField
}

// Values are checked and put in the stored form, so the stores compare like with like.
function valueOf (field: TaskStatusFilterField, value: FilterValue): string {
  const kind = FIELDS[field].kind
  if (kind === 'date-time') {
    const text = value.kind === 'bare' ? value.text : value.value
    const time = new Date(text)
    if (!ISO_DATE_TIME.test(text) || Number.isNaN(time.getTime())) {
      throw new FilterUnsupportedError(`'${text}' is not an ISO 8601 date-time for '${field}'`)
    }
    return time.toISOString()
  }
  if (value.kind !== 'string') {
    throw new FilterUnsupportedError(`'${value.text}' must be a double-quoted string for '${field}'`)
  }
  if (kind === 'task-type' && !TASK_TYPES.has(value.value)) {
    throw new FilterUnsupportedError(`'${value.value}' is not a task type; use ${[...TASK_TYPES].join(', ')}`)
  }
  if (kind === 'completion-status') {
    const status = canonicalCompletionStatus(value.value)
    if (status === undefined) throw new FilterUnsupportedError(`'${value.value}' is not a completion status`)
    return status
  }
  return value.value
}

function toCondition (expression: FilterExpression): TaskStatusCondition {
  switch (expression.type) {
    case 'and':
    case 'or':
      return { type: expression.type, operands: expression.operands.map(toCondition) }
    case 'not':
      return { type: 'not', operand: toCondition(expression.operand) }
    case 'isnull':
      return { type: 'isnull', field: fieldOf(expression.field, 'isnull') }
    case 'pr':
      return { type: 'not', operand: { type: 'isnull', field: fieldOf(expression.field, 'pr') } }
    case 'in': {
      const field = fieldOf(expression.field, 'in')
      return { type: 'in', field, values: expression.values.map((value) => valueOf(field, value)) }
    }
    case 'compare': {
      const field = fieldOf(expression.field, expression.operator)
      // FIELDS grants no field `ne` or `co`, so fieldOf has refused them already.
      const operator = expression.operator as GrantedCompareOperator
      return { type: 'compare', field, operator, value: valueOf(field, expression.value) }
    }
  }
}

export function parseTaskStatusFilter (filters: string | undefined): TaskStatusCondition | undefined {
  if (filters === undefined || filters.trim() === '') return undefined
  return toCondition(parseFilter(filters))
}

export function parseTaskStatusSorters (sorters: string | undefined): SortKey[] {
  const keys: SortKey[] = []
  if (sorters !== undefined && sorters.trim() !== '') {
    for (const raw of sorters.split(',')) {
      const item = raw.trim()
      const descending = item.startsWith('-')
      const field = descending ? item.slice(1) : item
      if (!SORT_FIELDS.has(field)) {
        throw new SorterInvalidError(`unknown sort field '${field}'; sortable fields are ${[...SORT_FIELDS].join(', ')}`)
      }
      if (keys.some((key) => key.field === field)) throw new SorterInvalidError(`'${field}' is listed twice`)
      keys.push({ field: field as TaskStatusSortField, descending })
    }
  } else {
    keys.push({ field: 'created', descending: false })
  }
  // Ties are broken by id, in the direction of the last key: then one index on
  // (field, id) read forwards or backwards gives the whole order.
  if (!keys.some((key) => key.field === 'id')) keys.push({ field: 'id', descending: keys.at(-1)?.descending ?? false })
  return keys
}
