// The soak's watch oracle on its own: what it accepts and what it reports, so that a
// soak that passes says the watchers heard every acknowledged write exactly once.
import { describe, expect, it } from 'vitest'
import { hasAllExpected, watcherViolations, type WatchedChange, type WatchedFamily, type WatchExpectation } from './soak-watchers.js'

function stream (family: WatchedFamily, changes: WatchedChange[], problems: string[] = []): { instance: number, family: WatchedFamily, changes: WatchedChange[], problems: string[] } {
  return { instance: 0, family, changes, problems }
}

function change (sequence: number, id: string, version: number, tags: string[] = [], family: WatchedFamily = 'task-status'): WatchedChange {
  return { sequence, family, id, version, tags }
}

const acknowledged: WatchExpectation = {
  'task-status': new Set(['a 2', 'a 3', 'b 1']),
  'human-task': new Set(['h 2', 'h 3']),
  humanTaskTags: new Map([['h', ['c1=c1-1', 'c2=c2-4']]])
}

const heardAll = [change(10, 'a', 2), change(11, 'b', 1), change(14, 'a', 3)]

describe('the soak watch oracle', () => {
  it('finds nothing wrong with a stream that heard each acknowledged write once, in order', () => {
    expect(watcherViolations(stream('task-status', heardAll), acknowledged)).toEqual([])
    expect(hasAllExpected(stream('task-status', heardAll), acknowledged)).toBe(true)
  })

  it('reports an acknowledged write the stream never heard', () => {
    const violations = watcherViolations(stream('task-status', [change(10, 'a', 2), change(14, 'a', 3)]), acknowledged)
    expect(violations).toEqual(['the task-status watcher of instance 0: missed 1 acknowledged writes, e.g. b 1'])
    expect(hasAllExpected(stream('task-status', [change(10, 'a', 2), change(14, 'a', 3)]), acknowledged)).toBe(false)
  })

  it('reports a write heard twice, as a resume from too early a cursor would repeat it', () => {
    const violations = watcherViolations(stream('task-status', [...heardAll, change(11, 'b', 1)]), acknowledged)
    expect(violations).toContain('the task-status watcher of instance 0: sequence 11 came after 14')
    expect(violations).toContain('the task-status watcher of instance 0: received 1 writes more than once, e.g. b 1')
  })

  it('reports sequences out of order even when every write is there once', () => {
    const violations = watcherViolations(stream('task-status', [change(11, 'b', 1), change(10, 'a', 2), change(14, 'a', 3)]), acknowledged)
    expect(violations).toEqual(['the task-status watcher of instance 0: sequence 10 came after 11'])
  })

  it('reports an entity whose versions arrive out of order', () => {
    const violations = watcherViolations(stream('task-status', [change(10, 'a', 3), change(11, 'b', 1), change(14, 'a', 2)]), acknowledged)
    expect(violations).toEqual(['the task-status watcher of instance 0: a version 2 came after version 3'])
  })

  it('reports a write that was never acknowledged', () => {
    const violations = watcherViolations(stream('task-status', [...heardAll, change(15, 'a', 4)]), acknowledged)
    expect(violations).toEqual(['the task-status watcher of instance 0: received a 4 (sequence 15), never acknowledged'])
  })

  it('reports an acknowledged human task update whose value no event set', () => {
    const heard = [change(20, 'h', 2, ['c1=c1-1'], 'human-task'), change(21, 'h', 3, ['c2=c2-3'], 'human-task')]
    expect(watcherViolations(stream('human-task', heard), acknowledged)).toEqual(['the human-task watcher of instance 0: h missed the updates setting c2=c2-4'])
  })

  it('reports what went wrong on the wire, such as a refused resume', () => {
    const violations = watcherViolations(stream('task-status', heardAll, ['/task-status/watch answered 410']), acknowledged)
    expect(violations).toEqual(['the task-status watcher of instance 0: /task-status/watch answered 410'])
  })
})
