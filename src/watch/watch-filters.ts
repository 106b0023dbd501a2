// What a watch asks for, as a change-log filter over the entries' subject fields (see
// change-recorders.ts). Every query parameter is known, or the request is refused: a
// misspelled filter would otherwise watch everything.
import { FilterUnsupportedError, QueryParameterError } from '../errors.js'
import { parseFilter, type FilterExpression } from '../domain/filter-parser.js'
import { canonicalCompletionStatus } from '../domain/completion-status.js'
import type { ChangeFilter, ChangeSubject } from '../store/change-log.js'

const TASK_STATUS_FIELDS = ['id', 'type', 'completionStatus', 'launcher'] as const
const TASK_STATUS_PARAMETERS = new Set(['since', 'filters', 'access_token'])
const HUMAN_TASK_FIELDS = ['state', 'owner', 'namespace'] as const
const HUMAN_TASK_PARAMETERS = new Set(['since', 'access_token', ...HUMAN_TASK_FIELDS])

function refuseUnknown (query: object, known: ReadonlySet<string>, Refusal: new (message: string) => Error): void {
  for (const name of Object.keys(query)) {
    if (!known.has(name)) throw new Refusal(`unknown filter field or parameter '${name.slice(0, 40)}'; a watch takes ${[...known].join(', ')}`)
  }
}

function conditions (expression: FilterExpression): FilterExpression[] {
  return expression.type === 'and' ? expression.operands : [expression]
}

/** The `filters` of GET /task-status/watch: `eq` on id, type, completionStatus, launcher (and `completionStatus isnull`), joined by `and`. */
export function taskStatusWatchFilter (query: Record<string, unknown>): ChangeFilter {
  refuseUnknown(query, TASK_STATUS_PARAMETERS, FilterUnsupportedError)
  const filters = typeof query.filters === 'string' ? query.filters : ''
  const filter: ChangeFilter = { family: 'task-status' }
  if (filters.trim() === '') return filter
  const subject: ChangeSubject = {}
  for (const condition of conditions(parseFilter(filters))) {
    const field = 'field' in condition ? condition.field : undefined
    if (field === undefined || !(TASK_STATUS_FIELDS as readonly string[]).includes(field)) {
      throw new FilterUnsupportedError(`a watch filters on ${TASK_STATUS_FIELDS.join(', ')} only, with eq joined by and${field === undefined ? '' : `; got '${field}'`}`)
    }
    let value: string | null
    if (condition.type === 'isnull' && field === 'completionStatus') value = null
    else if (condition.type === 'compare' && condition.operator === 'eq' && condition.value.kind === 'string') value = condition.value.value
    else throw new FilterUnsupportedError(`a watch takes '${field} eq "…"'${field === 'completionStatus' ? " or 'completionStatus isnull'" : ''}`)
    if (field === 'completionStatus' && value !== null) {
      value = canonicalCompletionStatus(value) ?? null
      if (value === null) throw new FilterUnsupportedError('not a completion status')
    }
    if (field === 'id') filter.id = value ?? undefined
    else subject[field] = value
  }
  return Object.keys(subject).length === 0 ? filter : { ...filter, subject }
}

/** The query of GET /v1/tasks/watch: state, owner and namespace, each equal. */
export function humanTaskWatchFilter (query: Record<string, unknown>): ChangeFilter {
  refuseUnknown(query, HUMAN_TASK_PARAMETERS, QueryParameterError)
  const subject: ChangeSubject = {}
  for (const field of HUMAN_TASK_FIELDS) {
    const value = query[field]
    if (typeof value === 'string') subject[field] = value
  }
  return Object.keys(subject).length === 0 ? { family: 'human-task' } : { family: 'human-task', subject }
}
