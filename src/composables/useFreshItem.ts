/**
 * An edit form starts from what the PANEL has now, not from the cached row:
 * notes, e-mail or the ISP lock may have been changed on the panel's own web
 * page since the last sync. The form shows "refreshing…" and cannot be saved
 * until the fresh read arrives. When the panel cannot be reached, the cached
 * copy is shown with a warning and the user decides (the core reads the object
 * again before sending anyway, and refuses when it cannot).
 *
 * The row the form started from is the BASELINE: an edit sends only the fields
 * that differ from it (`changedOnly`), so a field the user did not touch can
 * never carry an old value back to the panel.
 */
import { computed, onMounted, ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { Result } from '../../electron/shared/errors'
import { settle } from '../lib/call'
import { errorText } from '../lib/notify'
import type { WritableResource } from '../lib/resources'
import type { Row } from '../stores/table'

/** loading: the read is under way · fresh: the panel's values · stale: the cached copy (panel unreachable) · failed: the row as opened. */
export type FreshState = 'none' | 'loading' | 'fresh' | 'stale' | 'failed'

type Get = (a: { profileId: string; id: number }) => Promise<Result<Record<string, unknown>>>

export function useFreshItem(resource: WritableResource, row: Row | undefined, apply: (fresh: Row) => void) {
  const state = ref<FreshState>(row ? 'loading' : 'none')
  const baseline = shallowRef<Row | null>(row ?? null)
  /** When the stale copy was synced (ms), and why the fresh read failed, in words. */
  const syncedAt = ref<number | null>(null)
  const problem = ref<string | null>(null)

  async function refresh(): Promise<void> {
    if (!row) return
    state.value = 'loading'
    const { get }: { get: Get } = xm[resource]
    const r = await settle(() => get({ profileId: row.profileId, id: row.id }))
    if (r.ok && r.value) {
      baseline.value = { ...r.value, profileId: row.profileId } as Row
      state.value = 'fresh'
      apply(baseline.value)
      return
    }
    if (r.ok) {
      state.value = 'failed' // an empty answer: keep the row as opened
      return
    }
    problem.value = errorText(r.error)
    // Offline: the core hands back the copy saved on this computer, clearly marked (reads/item-handlers.ts).
    const cached = r.error.details?.cached
    if (cached && typeof cached === 'object') {
      baseline.value = { ...(cached as Record<string, unknown>), profileId: row.profileId } as Row
      const at = r.error.details?.syncedAt
      syncedAt.value = typeof at === 'number' ? at : null
      state.value = 'stale'
      apply(baseline.value)
      return
    }
    state.value = 'failed'
  }

  onMounted(() => void refresh())

  /** Saving waits for the fresh read; with a stale or failed read the user may still decide to try. */
  const ready = computed(() => state.value !== 'loading')
  return { state, baseline, syncedAt, problem, ready, refresh }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The request fields whose value differs from the baseline: `{ arg: [now, baselineValue] }`
 * in, `{ arg: now }` out for each changed one. Without a baseline (a create) everything given is kept.
 */
export function changedOnly(editing: boolean, pairs: Record<string, [now: unknown, before: unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, [now, before]] of Object.entries(pairs)) if (!editing || !same(now, before)) out[key] = now
  return out
}
