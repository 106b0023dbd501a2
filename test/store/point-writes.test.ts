import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { BatchedPointWrites, type PointWrite } from '../../src/store/point-writes.js'

interface Write extends PointWrite { value: string }

// A store in memory that records the ids of each commit it is asked for and writes those
// not listed in `overtaken`.
function store (overtaken: readonly string[] = []) {
  const commits: string[][] = []
  let failNext: Error | undefined
  const commit = async (writes: readonly Write[]): Promise<Set<string>> => {
    commits.push(writes.map((write) => write.id))
    await nextTurn()
    if (failNext !== undefined) {
      const error = failNext
      failNext = undefined
      throw error
    }
    return new Set(writes.map((write) => write.id).filter((id) => !overtaken.includes(id)))
  }
  return { commits, commit, failOnce: (error: Error) => { failNext = error } }
}

const write = (id: string, bytes = 100): Write => ({ id, bytes, value: id })

describe('batched point writes', () => {
  it('commit the writes of one turn together', async () => {
    const { commits, commit } = store()
    const writes = new BatchedPointWrites(commit)
    expect(await Promise.all(['a', 'b', 'c'].map(async (id) => await writes.write(write(id))))).toEqual([true, true, true])
    expect(commits).toEqual([['a', 'b', 'c']])
  })

  it('answer false for a write the commit did not make', async () => {
    const { commit } = store(['b'])
    const writes = new BatchedPointWrites(commit)
    expect(await Promise.all([writes.write(write('a')), writes.write(write('b'))])).toEqual([true, false])
  })

  it('put a second write of one id in the next batch', async () => {
    const { commits, commit } = store()
    const writes = new BatchedPointWrites(commit)
    await Promise.all([writes.write(write('a')), writes.write(write('b')), writes.write(write('a'))])
    expect(commits).toEqual([['a', 'b'], ['a']])
  })

  it('commit at most 64 writes at a time, in the order they came', async () => {
    const { commits, commit } = store()
    const writes = new BatchedPointWrites(commit)
    const ids = Array.from({ length: 150 }, (_, n) => `id-${n}`)
    await Promise.all(ids.map(async (id) => await writes.write(write(id))))
    expect(commits.map((batch) => batch.length)).toEqual([64, 64, 22])
    expect(commits.flat()).toEqual(ids)
  })

  it('commit at most 4 MiB of text at a time', async () => {
    const { commits, commit } = store()
    const writes = new BatchedPointWrites(commit)
    await Promise.all(['a', 'b', 'c'].map(async (id) => await writes.write(write(id, 1.5 * 1024 * 1024))))
    expect(commits).toEqual([['a', 'b'], ['c']])
  })

  it('commit a write larger than the bound by itself', async () => {
    const { commits, commit } = store()
    const writes = new BatchedPointWrites(commit)
    await Promise.all([writes.write(write('a', 5 * 1024 * 1024)), writes.write(write('b'))])
    expect(commits).toEqual([['a'], ['b']])
  })

  it('fail every write of a failed commit, and commit the next batch again', async () => {
    const { commits, commit, failOnce } = store()
    const writes = new BatchedPointWrites(commit)
    const failure = new Error('connection lost')
    failOnce(failure)
    const outcomes = await Promise.allSettled([writes.write(write('a')), writes.write(write('b'))])
    expect(outcomes).toEqual([{ status: 'rejected', reason: failure }, { status: 'rejected', reason: failure }])
    expect(await writes.write(write('a'))).toBe(true)
    expect(commits).toEqual([['a', 'b'], ['a']])
  })
})
