// Task status queries as SQL, shared by the SQL adapters: columns, WHERE and ORDER BY
// built from the domain's query. Values always travel as parameters; the only text
// taken from a query is a field name, and that is looked up in a fixed table first.
import type { SortKey, TaskStatusCondition, TaskStatusFilterField, TaskStatusSortField } from '../../domain/task-status-query.js'
import { bind, type SqlDialect } from './sql-dialect.js'

export const TASK_STATUS_COLUMNS: Record<TaskStatusFilterField | TaskStatusSortField, string> = {
  id: 'id',
  type: 'type',
  completionStatus: 'completion_status',
  launcher: 'launcher',
  uniqueName: 'unique_name',
  parentName: 'parent_name',
  created: 'created',
  modified: 'modified',
  completed: 'completed',
  sourceId: 'source_id',
  percentComplete: 'percent_complete'
}

const COMPARISONS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const

export function whereSql (condition: TaskStatusCondition, dialect: SqlDialect, params: unknown[]): string {
  switch (condition.type) {
    case 'and':
    case 'or':
      return `(${condition.operands.map((operand) => whereSql(operand, dialect, params)).join(` ${condition.type.toUpperCase()} `)})`
    case 'not':
      // NOT of a comparison with a NULL column is NULL, not true: a task without a
      // parent must match `not parentName eq "x"`.
      return `(NOT COALESCE(${whereSql(condition.operand, dialect, params)}, FALSE))`
    case 'isnull':
      return `(${TASK_STATUS_COLUMNS[condition.field]} IS NULL)`
    case 'in':
      return `(${TASK_STATUS_COLUMNS[condition.field]} IN (${condition.values.map((value) => bind(dialect, params, value)).join(', ')}))`
    case 'compare': {
      const column = TASK_STATUS_COLUMNS[condition.field]
      if (condition.operator === 'sw') return `(${dialect.startsWith(column, params, condition.value)})`
      return `(${column} ${COMPARISONS[condition.operator]} ${bind(dialect, params, condition.value)})`
    }
  }
}

// The sort fields the schema lets be null; the others are never null, and their ORDER
// BY says nothing about nulls, so that SQLite (whose default puts nulls first
// ascending) can read them in index order instead of sorting every match.
const NULLABLE_SORT_FIELDS: ReadonlySet<TaskStatusSortField> = new Set(['completed'])

// NULL sorts after every value ascending (before them descending) in every adapter.
export function orderBySql (sort: readonly SortKey[]): string {
  return sort
    .map(({ field, descending }) => {
      const nulls = NULLABLE_SORT_FIELDS.has(field) ? (descending ? ' NULLS FIRST' : ' NULLS LAST') : ''
      return `${TASK_STATUS_COLUMNS[field]} ${descending ? 'DESC' : 'ASC'}${nulls}`
    })
    .join(', ')
}
