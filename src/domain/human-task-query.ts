// GET /v1/tasks: the query parameters as a query the stores can run.
import { QueryParameterError, SorterInvalidError } from '../errors.js'
import type { operations } from '../generated/openapi.js'
import { parameterExtension } from '../spec.js'

export type HumanTaskSortField = 'priority' | 'dueTime' | 'activationTime' | 'lastModificationTime' | 'name' | 'displayName' | 'tkiid'

/** The query string of GET /v1/tasks, as the spec declares it. */
export type HumanTaskQueryParameters = NonNullable<operations['queryHumanTasks']['parameters']['query']>

type Filters = Omit<HumanTaskQueryParameters, 'customPropertyName' | 'customPropertyValue' | 'sort' | 'offset' | 'limit'>

export interface HumanTaskQuery extends Filters {
  customProperty?: { name: string, value: string }
  /** Always ends with `tkiid`, so the order is total and paging is stable. */
  sort: Array<{ field: HumanTaskSortField, descending: boolean }>
  offset: number
  limit: number
}

const SORT_FIELDS: ReadonlySet<string> = new Set(parameterExtension<string[]>('queryHumanTasks', 'sort', 'x-taskd-sortable-fields'))

/** The fields `sort` may name, as the spec declares them. */
export const HUMAN_TASK_SORT_FIELDS: readonly string[] = [...SORT_FIELDS]

function sortOf (sort: string | undefined): HumanTaskQuery['sort'] {
  const keys: HumanTaskQuery['sort'] = []
  for (const raw of (sort ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const descending = raw.startsWith('-')
    const field = descending ? raw.slice(1) : raw
    if (!SORT_FIELDS.has(field)) throw new SorterInvalidError(`unknown sort field '${field}'; sortable fields are ${[...SORT_FIELDS].join(', ')}`)
    if (keys.some((key) => key.field === field)) throw new SorterInvalidError(`'${field}' is listed twice`)
    keys.push({ field: field as HumanTaskSortField, descending })
  }
  if (keys.length === 0) keys.push({ field: 'activationTime', descending: false })
  if (!keys.some((key) => key.field === 'tkiid')) keys.push({ field: 'tkiid', descending: false })
  return keys
}

export function humanTaskQuery (parameters: HumanTaskQueryParameters): HumanTaskQuery {
  const { customPropertyName: name, customPropertyValue: value, sort, offset, limit, ...filters } = parameters
  if ((name === undefined) !== (value === undefined)) {
    throw new QueryParameterError('customPropertyName and customPropertyValue go together; give both or neither')
  }
  if (filters.priorityMin !== undefined && filters.priorityMax !== undefined && filters.priorityMin > filters.priorityMax) {
    throw new QueryParameterError(`priorityMin (${filters.priorityMin}) is greater than priorityMax (${filters.priorityMax})`)
  }
  return {
    ...filters,
    ...(name !== undefined && value !== undefined && { customProperty: { name, value } }),
    sort: sortOf(sort),
    offset: offset ?? 0,
    limit: limit ?? 100
  }
}
