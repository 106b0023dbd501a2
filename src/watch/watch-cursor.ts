// Where a watch starts: after the sequence the client names (Last-Event-ID, which an
// EventSource sends when it reconnects, or `since`), else at the newest committed entry.
// A cursor the log can no longer serve, or one it has not reached, is refused before the
// stream opens, so the client hears it in its family's error shape.
import { WatchCursorError, WatchCursorExpiredError } from '../errors.js'
import type { ChangeLog } from '../store/change-log.js'

const SEQUENCE = /^[0-9]{1,15}$/

export async function watchCursor (changeLog: ChangeLog, lastEventId: string | undefined, since: string | undefined): Promise<number> {
  const text = lastEventId ?? since
  const head = await changeLog.head()
  if (text === undefined) return head
  if (!SEQUENCE.test(text)) throw new WatchCursorError(`The cursor '${text.slice(0, 40)}' is not a sequence number`)
  const cursor = Number(text)
  if (cursor > head) throw new WatchCursorError(`The cursor ${cursor} is past the newest committed change (${head})`)
  const trimmed = await changeLog.trimmedThrough()
  if (cursor < trimmed) throw new WatchCursorExpiredError(cursor, trimmed)
  return cursor
}
