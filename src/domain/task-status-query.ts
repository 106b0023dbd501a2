// GET /task-status: turns the `filters` and `sorters` strings into a query the stores
// can run. The parser knows the V3 grammar; this module knows which fields a task
// status can be filtered and sorted on, with which operators and value types.
import { FilterUnsupportedError, SorterInvalidError } from '../errors.js'
import { parseFilter, type FilterExpression, type FilterValue } from './filter-parser.js'
import { parameterExtension, propertySchema } from '../spec.js'
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

type Operator = 'eq' | 'ne' | 'co' | 'in' | 'sw' | 'gt' | 'ge' | 'lt' | 'le' | 'isnull' | 'pr'
type GrantedCompareOperator = Extract<TaskStatusCondition, { type: 'compare' }>['operator']

interface FilterableField {
  operators: ReadonlySet<Operator>
  /** A date-time to compare as an instant; else text, one of `values` when the schema lists them. */
  dateTime: boolean
  values?: readonly string[]
  /** How a value is spelled in the store, where it has more than one spelling. */
  stored?: (value: string) => string | undefined
}

const STORED_SPELLINGS: Partial<Record<TaskStatusFilterField, (value: string) => string | undefined>> = {
  completionStatus: canonicalCompletionStatus
}

// What the spec declares on the list's `filters` parameter (x-taskd-filterable-fields),
// with each value's rules taken from the schema of the TaskStatus property it compares.
function filterableFields (): ReadonlyMap<string, FilterableField> {
  const declared = parameterExtension<Record<string, { operators: Operator[], property?: string[] }>>('getTaskStatusList', 'filters', 'x-taskd-filterable-fields')
  const fields = new Map<string, FilterableField>()
  for (const [name, { operators, property }] of Object.entries(declared)) {
    const schema = propertySchema('TaskStatus', property ?? [name])
    const values = schema.enum?.filter((value): value is string => typeof value === 'string')
    const stored = STORED_SPELLINGS[name as TaskStatusFilterField]
    fields.set(name, {
      operators: new Set(operators),
      dateTime: schema.format === 'date-time',
      ...(values !== undefined && stored === undefined && { values }),
      ...(stored !== undefined && { stored })
    })
  }
  return fields
}

const FIELDS = filterableFields()
const SORT_FIELDS: ReadonlySet<string> = new Set(parameterExtension<string[]>('getTaskStatusList', 'sorters', 'x-taskd-sortable-fields'))

/** The fields a filter may name and the fields `sorters` may name, as the spec declares them. */
export const TASK_STATUS_FILTER_FIELDS: readonly string[] = [...FIELDS.keys()]
export const TASK_STATUS_SORT_FIELDS: readonly string[] = [...SORT_FIELDS]

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

function fieldOf (name: string, operator: Operator): TaskStatusFilterField {
  const field = FIELDS.get(name)
  if (field === undefined) {
    throw new FilterUnsupportedError(`unknown field '${name}'; filterable fields are ${[...FIELDS.keys()].join(', ')}`)
  }
  if (!field.operators.has(operator)) {
    throw new FilterUnsupportedError(`operator '${operator}' is not supported for '${name}'; use ${[...field.operators].join(', ')}`)
  }
  return name as TaskStatusFilterField
}

// Values are checked and put in the stored form, so the stores compare like with like.
function valueOf (name: TaskStatusFilterField, value: FilterValue): string {
  const field = FIELDS.get(name) as FilterableField
  if (field.dateTime) {
    const text = value.kind === 'bare' ? value.text : value.value
    const time = new Date(text)
    if (!ISO_DATE_TIME.test(text) || Number.isNaN(time.getTime())) {
      throw new FilterUnsupportedError(`'${text}' is not an ISO 8601 date-time for '${name}'`)
    }
    return time.toISOString()
  }
  if (value.kind !== 'string') {
    throw new FilterUnsupportedError(`'${value.text}' must be a double-quoted string for '${name}'`)
  }
  if (field.values !== undefined && !field.values.includes(value.value)) {
    throw new FilterUnsupportedError(`'${value.value}' is not a ${name}; use ${field.values.join(', ')}`)
  }
  if (field.stored !== undefined) {
    const stored = field.stored(value.value)
    if (stored === undefined) throw new FilterUnsupportedError(`'${value.value}' is not a ${name}`)
    return stored
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
