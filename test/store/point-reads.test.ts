import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { BatchedPointReads } from '../../src/store/point-reads.js'

interface Row { id: string, n: number }

// A table in memory, recording the ids of each read it is asked for.
function table (rows: Row[]) {
  const reads: string[][] = []
  let failNext: Error | undefined
  const read = async (ids: string[]): Promise<Map<string, Row>> => {
    reads.push(ids)
    await nextTurn()
    if (failNext !== undefined) {
      const error = failNext
      failNext = undefined
      throw error
    }
    return new Map(rows.filter((row) => ids.includes(row.id)).map((row) => [row.id, row]))
  }
  return { reads, read, failOnce: (error: Error) => { failNext = error } }
}

const ROWS = Array.from({ length: 200 }, (_, n) => ({ id: `id-${n}`, n }))

describe('batched point reads', () => {
  it('answer the reads asked in one turn with one read', async () => {
    const { reads, read } = table(ROWS)
    const points = new BatchedPointReads(read)
    const rows = await Promise.all(['id-1', 'id-2', 'id-3'].map(async (id) => await points.get(id)))
    expect(rows.map((row) => row?.n)).toEqual([1, 2, 3])
    expect(reads).toEqual([['id-1', 'id-2', 'id-3']])
  })

  it('answer an id that does not exist with undefined', async () => {
    const { read } = table(ROWS)
    const points = new BatchedPointReads(read)
    expect(await Promise.all([points.get('id-1'), points.get('nothing')])).toEqual([{ id: 'id-1', n: 1 }, undefined])
  })

  it('read an id asked twice in a turn once, and answer both', async () => {
    const { reads, read } = table(ROWS)
    const points = new BatchedPointReads(read)
    expect(await Promise.all([points.get('id-7'), points.get('id-7')])).toEqual([{ id: 'id-7', n: 7 }, { id: 'id-7', n: 7 }])
    expect(reads).toEqual([['id-7']])
  })

  it('put at most 64 ids in one read', async () => {
    const { reads, read } = table(ROWS)
    const points = new BatchedPointReads(read)
    const rows = await Promise.all(ROWS.map(async (row) => await points.get(row.id)))
    expect(rows.map((row) => row?.n)).toEqual(ROWS.map((row) => row.n))
    expect(reads.map((ids) => ids.length)).toEqual([64, 64, 64, 8])
  })

  it('send a read only after every read it answers was asked: one asked while a read is out waits for the next', async () => {
    const { reads, read } = table(ROWS)
    const points = new BatchedPointReads(read)
    const first = points.get('id-1')
    await nextTurn()
    expect(reads).toEqual([['id-1']])
    const second = points.get('id-2')
    expect((await first)?.n).toBe(1)
    expect((await second)?.n).toBe(2)
    expect(reads).toEqual([['id-1'], ['id-2']])
  })

  it('fail every read of a batch whose read fails, and read again for the next', async () => {
    const { read, failOnce } = table(ROWS)
    const points = new BatchedPointReads(read)
    const failure = new Error('connection lost')
    failOnce(failure)
    const outcomes = await Promise.allSettled([points.get('id-1'), points.get('id-2')])
    expect(outcomes).toEqual([{ status: 'rejected', reason: failure }, { status: 'rejected', reason: failure }])
    expect((await points.get('id-3'))?.n).toBe(3)
  })
})
