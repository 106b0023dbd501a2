// The fields a list may be filtered and sorted on are declared once, in the spec
// (x-taskd-filterable-fields, x-taskd-sortable-fields); each adapter's SQL reads them
// from one column table per entity. These tests hold the table to the spec.
import { describe, expect, it } from 'vitest'
import { HUMAN_TASK_SORT_FIELDS } from '../../src/domain/human-task-query.js'
import { parseTaskStatusFilter, parseTaskStatusSorters, TASK_STATUS_FILTER_FIELDS, TASK_STATUS_SORT_FIELDS } from '../../src/domain/task-status-query.js'
import { HUMAN_TASK_SORT_COLUMNS } from '../../src/store/sql/human-task-sql.js'
import { TASK_STATUS_COLUMNS } from '../../src/store/sql/task-status-sql.js'

describe('the fields lists are filtered and sorted on', () => {
  it('give every task status field the spec declares filterable or sortable a column, and no other field one', () => {
    expect(Object.keys(TASK_STATUS_COLUMNS).sort()).toEqual([...new Set([...TASK_STATUS_FILTER_FIELDS, ...TASK_STATUS_SORT_FIELDS])].sort())
  })

  it('give every human task field the spec declares sortable a column, and no other field one', () => {
    expect(Object.keys(HUMAN_TASK_SORT_COLUMNS).sort()).toEqual([...HUMAN_TASK_SORT_FIELDS].sort())
  })

  it('take the values a type filter accepts from the spec\'s TaskType enum', () => {
    expect(parseTaskStatusFilter('type in ("QUARTZ","QPOC","QUEUED_TASK")')).toMatchObject({ type: 'in', values: ['QUARTZ', 'QPOC', 'QUEUED_TASK'] })
    expect(() => parseTaskStatusFilter('type eq "CRON"')).toThrow(/'CRON' is not a type; use QUARTZ, QPOC, QUEUED_TASK/)
  })

  it('compare a sourceId filter with the property the spec names for it, target.id, as text', () => {
    expect(parseTaskStatusFilter('sourceId eq "2c91"')).toEqual({ type: 'compare', field: 'sourceId', operator: 'eq', value: '2c91' })
  })

  it('store a completion status in its one stored spelling, whichever spelling the filter used', () => {
    expect(parseTaskStatusFilter('completionStatus eq "TEMPERROR"')).toMatchObject({ value: 'TempError' })
  })

  it('compare a field whose schema is a date-time as an instant', () => {
    expect(parseTaskStatusFilter('created gt 2020-07-11T02:00:00+02:00')).toMatchObject({ value: '2020-07-11T00:00:00.000Z' })
  })

  it('refuse a sort field the spec does not declare', () => {
    expect(() => parseTaskStatusSorters('launcher')).toThrow(/unknown sort field 'launcher'/)
  })
})
