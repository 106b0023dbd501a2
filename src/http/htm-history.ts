// A change-log entry as an item of the Human Task Manager's Task Instance History
// resource: its event types for what taskd does, its `principal` and `timeStamp`, and
// taskd's own sequence, version and changes.
import type { ChangeEntry, ChangeKind } from '../store/change-log.js'

const EVENTS: Record<ChangeKind, string> = {
  create: 'TaskCreated',
  patch: 'TaskUpdated',
  update: 'TaskUpdated',
  claim: 'TaskClaimed',
  cancelClaim: 'TaskClaimCancelled',
  complete: 'TaskCompleted',
  suspend: 'TaskSuspended',
  resume: 'TaskResumed',
  terminate: 'TaskTerminated',
  delete: 'TaskDeleted'
}

// An update that set custom properties alone (its other change being the modification
// time) is the Human Task Manager's TaskCustomPropertySet.
function setsCustomPropertiesOnly (changesJson: string | null): boolean {
  const changes = JSON.parse(changesJson ?? '[]') as Array<{ property: string }>
  return changes.some((change) => change.property === 'customProperties') &&
    changes.every((change) => change.property === 'customProperties' || change.property === 'lastModificationTime')
}

export function htmHistoryEvent (entry: ChangeEntry): string {
  return entry.kind === 'update' && setsCustomPropertiesOnly(entry.changesJson) ? 'TaskCustomPropertySet' : EVENTS[entry.kind]
}

/** The item's JSON text, what changed spliced in as stored. */
export function htmHistoryItemJson (entry: ChangeEntry): string {
  const fields = { event: htmHistoryEvent(entry), principal: entry.principal, timeStamp: entry.time, sequence: entry.sequence, version: entry.version }
  return `${JSON.stringify(fields).slice(0, -1)},"changes":${entry.changesJson ?? 'null'}}`
}
