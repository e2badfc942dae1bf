/**
 * Every write the UI can make, in one place. Spending actions are guarded:
 * while one is in flight for a target, a second click does nothing (no second
 * request, so no double charge). After a write the table re-queries, every
 * open drawer of the object refreshes (`lastWritten`) and the balance shown
 * updates from the WriteResult.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { Result } from '../../electron/shared/errors'
import type { WriteResult } from '../../electron/shared/writes'
import { settle } from '../lib/call'
import { notifyError, notifyWarning } from '../lib/notify'
import { t } from '../i18n'
import type { ErrorCode } from '../../electron/shared/errors'
import type { WritableResource, WriteAction, WriteActionOf, WriteArgs } from '../../electron/shared/resources'
import { useCreditsStore } from './credits'
import { useSyncStore } from './sync'

/**
 * The object the newest write touched, so every open view of it (each tab's drawer) refreshes:
 * `item` is the object as the panel has it now (null: unknown, read it again); `gone` after a
 * delete or a convert; `becomes` is the line a converted device now is (panel-api §4 convert_mag).
 */
export interface WrittenObject {
  profileId: string
  resource: WritableResource
  id: number
  item: Record<string, unknown> | null
  gone: boolean
  becomes: { resource: 'lines'; item: Record<string, unknown> } | null
  n: number
}

export type { WriteAction }

/** Writes that can cost credits: the UI quotes and confirms before sending them. */
export const SPENDING: ReadonlySet<WriteAction> = new Set(['create', 'extend', 'adjustCredits'])

/** Every write names its panel, and its item unless it creates one. */
type WriteTarget = { profileId: string; id?: number }

/** Each resource's write methods on the handle, typed from the contract: a write a resource lacks is a type error here. */
type WriteEndpoints = {
  [R in WritableResource]: { [A in WriteActionOf<R>]: (args: WriteArgs<R, A>) => Promise<Result<WriteResult>> }
}
// Read at each call (not once at load): the handle is the page's, whichever transport built it.
const endpoints = (): WriteEndpoints => ({ lines: xm.lines, mags: xm.mags, enigmas: xm.enigmas, activecodes: xm.activecodes, subResellers: xm.subResellers })

function endpoint<R extends WritableResource, A extends WriteActionOf<R>>(resource: R, action: A): (args: WriteArgs<R, A>) => Promise<Result<WriteResult>> {
  // TypeScript cannot follow two correlated generics through the mapped type above (microsoft/TypeScript#30581);
  // `endpoints()` itself is checked against the handle, so the method exists for every R and A it accepts.
  const ofResource = endpoints()[resource] as unknown as Record<A, ((args: WriteArgs<R, A>) => Promise<Result<WriteResult>>) | undefined>
  const fn = ofResource[action]
  // Only a handle older than this page lacks one; said as an error, never a silent null.
  if (typeof fn !== 'function') throw new Error(`This version of the app cannot ${action} ${resource} (no ${resource}:${action}).`)
  return fn
}

export const useWritesStore = defineStore('writes', () => {
  const inFlight = ref<string[]>([])
  /** The code of the last failed write: a form must not offer to resend after OUTCOME_UNKNOWN. */
  const lastErrorCode = ref<ErrorCode | null>(null)
  /** Its details (e.g. `unlimited: true` when an extension found the item unlimited on the panel). */
  const lastErrorDetails = ref<Record<string, unknown> | null>(null)
  const credits = useCreditsStore()
  const sync = useSyncStore()
  const lastWritten = shallowRef<WrittenObject | null>(null)
  let written = 0

  function publish(resource: WritableResource, action: WriteAction, profileId: string, id: number | undefined, value: WriteResult | null) {
    if (id === undefined) return // a create: no view shows the new object yet
    const converted = action === 'convert' && value?.item ? { resource: 'lines' as const, item: value.item } : null
    const gone = value !== null && (action === 'delete' || action === 'convert')
    const item = gone || action === 'convert' ? null : (value?.item ?? null)
    lastWritten.value = { profileId, resource, id, item, gone, becomes: converted, n: ++written }
  }

  const busyKey = (resource: string, action: string, profileId: string, target: string | number | undefined) =>
    `${resource}:${action}:${profileId}:${target ?? 'new'}`
  const isBusy = (key: string) => inFlight.value.includes(key)

  async function write<R extends WritableResource, A extends WriteActionOf<R>>(resource: R, action: A, args: WriteArgs<R, A> & WriteTarget): Promise<WriteResult | null> {
    const target: WriteTarget = args
    const key = busyKey(resource, action, target.profileId, target.id)
    if (isBusy(key)) return null
    inFlight.value = [...inFlight.value, key]
    try {
      const r = await settle(() => endpoint(resource, action)(args))
      lastErrorCode.value = r.ok ? null : r.error.code
      lastErrorDetails.value = r.ok ? null : (r.error.details ?? null)
      // Even a failed or unknown write may have changed the panel: views re-query.
      sync.markChanged(target.profileId, resource)
      // An unknown outcome may have changed the object too: open views read it again.
      if (r.ok || r.error.code === 'OUTCOME_UNKNOWN') publish(resource, action, target.profileId, target.id, r.ok ? r.value : null)
      if (!r.ok) {
        notifyError(r.error)
        return null
      }
      credits.applyBalance(target.profileId, r.value.balanceAfter)
      // A spend whose balance could not be read with it: ask for the newest one known (the core stores each read).
      if (SPENDING.has(action) && r.value.balanceAfter === null) void credits.load()
      // The answer was lost but reading the panel showed the write happened (core's one check).
      if (r.value.extra?.reconciled === true) notifyWarning(t('done.reconciled'))
      return r.value
    } finally {
      inFlight.value = inFlight.value.filter((k) => k !== key)
    }
  }

  return { inFlight, lastErrorCode, lastErrorDetails, lastWritten, busyKey, isBusy, write }
})
