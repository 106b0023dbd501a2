// Human task queries as SQL, shared by the SQL adapters. Every filter is a column
// compared with a parameter; the custom property test is the one place an adapter
// reaches into the document, so the adapter supplies it.
import type { HumanTaskQuery, HumanTaskSortField } from '../../domain/human-task-query.js'
import { bind, type SqlDialect } from './sql-dialect.js'

export const HUMAN_TASK_SORT_COLUMNS: Record<HumanTaskSortField, string> = {
  priority: 'priority',
  dueTime: 'due_time',
  activationTime: 'activation_time',
  lastModificationTime: 'last_modification_time',
  name: 'name',
  displayName: 'display_name',
  tkiid: 'tkiid'
}

export interface HumanTaskDialect extends SqlDialect {
  /** True when the task's custom property `name` has `value` (both added to params). */
  customPropertyEquals: (params: unknown[], name: string, value: string) => string
  /** How the adapter stores a boolean column. */
  boolean: (value: boolean) => unknown
}

export function humanTaskWhereSql (query: HumanTaskQuery, dialect: HumanTaskDialect, params: unknown[]): string {
  const conditions: string[] = []
  const equals = (column: string, value: unknown): void => { conditions.push(`${column} = ${bind(dialect, params, value)}`) }
  if (query.state !== undefined) equals('state', query.state)
  if (query.suspended !== undefined) equals('suspended', dialect.boolean(query.suspended))
  if (query.owner !== undefined) equals('owner', query.owner)
  if (query.namespace !== undefined) equals('namespace', query.namespace)
  if (query.type !== undefined) equals('type', query.type)
  if (query.priorityMin !== undefined) conditions.push(`priority >= ${bind(dialect, params, query.priorityMin)}`)
  if (query.priorityMax !== undefined) conditions.push(`priority <= ${bind(dialect, params, query.priorityMax)}`)
  if (query.customProperty !== undefined) conditions.push(dialect.customPropertyEquals(params, query.customProperty.name, query.customProperty.value))
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`
}

export function humanTaskOrderBySql (sort: HumanTaskQuery['sort']): string {
  return sort.map(({ field, descending }) => `${HUMAN_TASK_SORT_COLUMNS[field]} ${descending ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`).join(', ')
}
