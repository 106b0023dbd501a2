import { describe, expect, it } from 'vitest'
import { humanTaskWatchFilter, taskStatusWatchFilter } from '../../src/watch/watch-filters.js'

describe('taskStatusWatchFilter', () => {
  it('watches every task status without filters', () => {
    expect(taskStatusWatchFilter({})).toEqual({ family: 'task-status' })
  })

  it('turns id eq into the entity filter and the other fields into subject fields', () => {
    expect(taskStatusWatchFilter({ filters: 'id eq "abc" and type eq "QUARTZ" and launcher eq "ops"' }))
      .toEqual({ family: 'task-status', id: 'abc', subject: { type: 'QUARTZ', launcher: 'ops' } })
  })

  it('compares completionStatus in its stored spelling, whichever spelling is given', () => {
    expect(taskStatusWatchFilter({ filters: 'completionStatus eq "TEMPERROR"' }).subject).toEqual({ completionStatus: 'TempError' })
  })

  it('takes completionStatus isnull for the task statuses still running', () => {
    expect(taskStatusWatchFilter({ filters: 'completionStatus isnull' }).subject).toEqual({ completionStatus: null })
  })

  it.each([
    ['an or', 'type eq "QUARTZ" or type eq "QPOC"'],
    ['a not', 'not type eq "QUARTZ"'],
    ['isnull of another field', 'launcher isnull'],
    ['an unquoted value', 'launcher eq ops'],
    ['a field a watch does not filter on', 'created gt 2024-01-01T00:00:00Z'],
    ['a completion status that is none', 'completionStatus eq "Done"']
  ])('refuses %s', (_case, filters) => {
    expect(() => taskStatusWatchFilter({ filters })).toThrow(/filter/i)
  })
})

describe('humanTaskWatchFilter', () => {
  it('keeps the fields given as subject fields', () => {
    expect(humanTaskWatchFilter({ state: 'STATE_READY', namespace: 'hr', since: '3' }))
      .toEqual({ family: 'human-task', subject: { state: 'STATE_READY', namespace: 'hr' } })
  })

  it('refuses a parameter it does not know, naming it', () => {
    expect(() => humanTaskWatchFilter({ priority: '1' })).toThrow("unknown filter field or parameter 'priority'")
  })
})
