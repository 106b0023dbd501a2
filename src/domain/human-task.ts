// The human task: how one is created, how its properties change, and the state rules
// its actions follow. Pure functions over documents; the store makes them atomic.
import { randomBytes } from 'node:crypto'
import { CustomPropertyNameError, HumanTaskStateError, TooManyCustomPropertiesError } from '../errors.js'
import type { components } from '../generated/openapi.js'
import { addIsoDuration } from './iso-duration.js'

export type HumanTask = components['schemas']['HumanTask']
export type HumanTaskCreate = components['schemas']['HumanTaskCreate']
export type HumanTaskProperties = components['schemas']['HumanTaskProperties']
export type HumanTaskState = components['schemas']['HumanTaskState']
export type HumanTaskAction = 'claim' | 'cancelClaim' | 'complete' | 'suspend' | 'resume' | 'terminate'

export function newTkiid (): string {
  return randomBytes(16).toString('hex')
}

function plus (start: string | null, duration: string | null | undefined): string | null {
  if (start === null || duration === null || duration === undefined) return null
  return addIsoDuration(new Date(start), duration)?.toISOString() ?? null
}

// dueTime and deletionTime are derived, never set: recomputed whenever what they are
// derived from changes.
function withDerivedTimes (task: HumanTask): HumanTask {
  return {
    ...task,
    dueTime: plus(task.activationTime, task.durationUntilDue),
    deletionTime: plus(task.completionTime, task.durationUntilDeleted)
  }
}

// OpenAPI 3.0 cannot constrain property names, so the spec's limit is checked here.
export function checkedCustomProperties (properties: Record<string, string> | undefined): Record<string, string> | undefined {
  for (const name of Object.keys(properties ?? {})) {
    if (name.length === 0 || name.length > 255) throw new CustomPropertyNameError(name.slice(0, 64))
  }
  return properties
}

export function createHumanTask (input: HumanTaskCreate, tkiid: string, originator: string, now: Date): HumanTask {
  const timestamp = now.toISOString()
  return withDerivedTimes({
    tkiid,
    state: 'STATE_READY',
    suspended: false,
    owner: null,
    originator,
    activationTime: timestamp,
    lastModificationTime: timestamp,
    dueTime: null,
    completionTime: null,
    deletionTime: null,
    contextAuthorizationOfOwner: input.contextAuthorizationOfOwner ?? 'AUTH_NONE',
    customProperties: checkedCustomProperties(input.customProperties) ?? {},
    description: input.description ?? null,
    displayName: input.displayName ?? null,
    durationUntilDeleted: input.durationUntilDeleted ?? null,
    durationUntilDue: input.durationUntilDue ?? null,
    eventHandlerName: input.eventHandlerName ?? null,
    isBusinessRelevant: input.isBusinessRelevant ?? false,
    name: input.name,
    namespace: input.namespace ?? null,
    parentContextID: input.parentContextID ?? null,
    priority: input.priority ?? null,
    supportsClaimIfSuspended: input.supportsClaimIfSuspended ?? false,
    supportsDelegation: input.supportsDelegation ?? false,
    supportsFollowOnTasks: input.supportsFollowOnTasks ?? false,
    supportsSubTasks: input.supportsSubTasks ?? false,
    type: input.type ?? null
  })
}

const END_STATES = new Set<HumanTaskState>(['STATE_FINISHED', 'STATE_TERMINATED'])

/**
 * When the task may be deleted, in ms since the epoch: its deletionTime once it is in
 * an end state ("the duration that the task is kept after it has reached an end state"),
 * null while it is not or when it has no deletionTime. A number rather than the text, so
 * that a deletionTime past year 9999 (ISO 8601's "+010000-…") is not taken for an early one.
 */
export function deletableAt (task: HumanTask): number | null {
  if (!END_STATES.has(task.state) || task.deletionTime === null) return null
  const time = Date.parse(task.deletionTime)
  return Number.isNaN(time) ? null : time
}

function refuse (task: HumanTask, action: string): never {
  const state = task.suspended ? `${task.state}, suspended` : task.state
  throw new HumanTaskStateError(task.tkiid, state, action)
}

/** The spec's maxProperties of customProperties: merging must not go past it. */
export const MAX_CUSTOM_PROPERTIES = 100

/**
 * The task with `properties` set (custom properties merged into its own). Refused
 * with HumanTaskStateError on a finished or terminated task, and with
 * TooManyCustomPropertiesError when the merge would give it more than
 * MAX_CUSTOM_PROPERTIES custom properties.
 */
export function updateHumanTask (task: HumanTask, properties: HumanTaskProperties, now: Date): HumanTask {
  if (END_STATES.has(task.state)) refuse(task, 'update')
  const { customProperties, ...rest } = properties
  checkedCustomProperties(customProperties)
  const merged = customProperties === undefined ? task.customProperties : { ...task.customProperties, ...customProperties }
  const count = Object.keys(merged ?? {}).length
  if (count > MAX_CUSTOM_PROPERTIES) throw new TooManyCustomPropertiesError(task.tkiid, count, MAX_CUSTOM_PROPERTIES)
  return withDerivedTimes({
    ...task,
    ...rest,
    customProperties: merged,
    lastModificationTime: now.toISOString()
  })
}

/** The task after `action` by `principal`, or HumanTaskStateError when its state does not allow it. */
export function actOnHumanTask (task: HumanTask, action: HumanTaskAction, principal: string, now: Date): HumanTask {
  const timestamp = now.toISOString()
  const changed = (fields: Partial<HumanTask>): HumanTask => withDerivedTimes({ ...task, ...fields, lastModificationTime: timestamp })
  switch (action) {
    case 'claim':
      if (task.state !== 'STATE_READY' || (task.suspended && !task.supportsClaimIfSuspended)) refuse(task, action)
      return changed({ state: 'STATE_CLAIMED', owner: principal })
    case 'cancelClaim':
      if (task.state !== 'STATE_CLAIMED') refuse(task, action)
      return changed({ state: 'STATE_READY', owner: null })
    case 'complete':
      if (task.state !== 'STATE_CLAIMED' || task.suspended) refuse(task, action)
      return changed({ state: 'STATE_FINISHED', completionTime: timestamp })
    case 'suspend':
      if (END_STATES.has(task.state) || task.suspended) refuse(task, action)
      return changed({ suspended: true })
    case 'resume':
      if (END_STATES.has(task.state) || !task.suspended) refuse(task, action)
      return changed({ suspended: false })
    case 'terminate':
      if (END_STATES.has(task.state)) refuse(task, action)
      return changed({ state: 'STATE_TERMINATED', suspended: false, completionTime: timestamp })
  }
}
