// Request ids: the ErrorResponseDto trackingId form, 32 hexadecimal digits, random (128
// bits), taken from a buffer of random bytes filled 4,096 ids at a time. A request id was
// randomUUID() without its dashes, whose formatting and removal of the dashes cost
// several times what these do, on every request.
import { randomFillSync } from 'node:crypto'

const ID_BYTES = 16
const pool = Buffer.alloc(ID_BYTES * 4096)
let offset = pool.length

/** A new request id: 32 lower-case hexadecimal digits. */
export function newRequestId (): string {
  if (offset === pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const id = pool.toString('hex', offset, offset + ID_BYTES)
  offset += ID_BYTES
  return id
}
