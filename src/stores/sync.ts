/**
 * Sync progress and panel connectivity, fed by the `sync:progress` and
 * `panel:status` events. Also counts `cache:changed` so views know to re-query.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { Resource } from '../../electron/shared/domain'
import type { PanelStatus, SyncProgress } from '../../electron/shared/views'
import { panelHealth } from '../../electron/shared/panel-health'
import { call } from '../lib/call'
import { useIpcEvent } from '../composables/useIpcEvent'

/** Failures that mean "unreachable" (as electron/core/sync/freshness.ts counts them): shown as offline, not as failed. */
const OFFLINE_CODES: ReadonlySet<string> = new Set(['OFFLINE', 'TIMEOUT'])

export interface CacheChange {
  profileId: string
  resource: string
  n: number
}

export const useSyncStore = defineStore('sync', () => {
  const statuses = ref<Record<string, PanelStatus>>({})
  /** Latest progress per panel (one resource at a time per panel). */
  const progress = ref<Record<string, SyncProgress>>({})
  /** Latest progress per panel and resource: a panel syncs two resources at a time. */
  const byTarget = ref<Record<string, SyncProgress>>({})
  const lastChange = shallowRef<CacheChange | null>(null)
  let changes = 0

  const running = computed(() => Object.values(progress.value).filter((p) => p.state === 'running'))
  const syncing = computed(() => running.value.length > 0 || Object.values(statuses.value).some((s) => s.syncing))
  const lastSyncAt = computed(() => {
    const times = Object.values(statuses.value).map((s) => s.lastSyncAt ?? 0)
    const max = Math.max(0, ...times)
    return max > 0 ? max : null
  })
  const offline = computed(() => Object.values(statuses.value).filter((s) => s.reachable === false))
  /** Panels that answer but refuse the app (a refused key, a refused IP): never counted as reachable. */
  const refused = computed(() => Object.values(statuses.value).filter((s) => panelHealth(s) === 'refused'))
  /**
   * Panels that answer, but whose last sync of some list failed — what that list's banner
   * says ("Last refresh failed"); the status bar reads the same fact, so it never says
   * "All panels reachable" beside it. Being offline or refused is shown as such instead.
   */
  const failing = computed(() =>
    Object.values(statuses.value).filter((s) => {
      const health = panelHealth(s)
      return health !== 'down' && health !== 'refused' && (s.syncErrors ?? []).some((e) => !OFFLINE_CODES.has(e.code))
    }),
  )

  /** Rows done / total across running syncs, for the status bar. */
  const totals = computed(() => {
    let rows = 0
    let rowsTotal = 0
    let eta = 0
    for (const p of running.value) {
      rows += p.rows
      rowsTotal += p.rowsTotal ?? p.rows
      eta = Math.max(eta, p.etaMs ?? 0)
    }
    return { rows, rowsTotal, etaMs: eta || null, percent: rowsTotal > 0 ? Math.min(100, Math.round((rows / rowsTotal) * 100)) : 0 }
  })

  async function loadStatus(): Promise<void> {
    const list = await call(() => xm.sync.status(), { quiet: true })
    if (list) statuses.value = Object.fromEntries(list.map((s) => [s.profileId, s]))
  }

  async function run(profileIds?: string[], resources?: Resource[]): Promise<boolean> {
    const r = await call(() => xm.sync.run({ ...(profileIds ? { profileIds } : {}), ...(resources ? { resources } : {}) }))
    return !!r
  }

  async function cancel(profileId?: string): Promise<void> {
    await call(() => xm.sync.cancel(profileId ? { profileId } : {}))
  }

  function onProgress(p: SyncProgress) {
    progress.value = { ...progress.value, [p.profileId]: p }
    byTarget.value = { ...byTarget.value, [`${p.profileId}/${p.resource}`]: p }
  }

  /** The running sync of one panel's resource, if one runs. */
  function runningFor(profileId: string, resource: string): SyncProgress | null {
    const p = byTarget.value[`${profileId}/${resource}`]
    return p && p.state === 'running' ? p : null
  }
  function onStatus(s: PanelStatus) {
    statuses.value = { ...statuses.value, [s.profileId]: s }
  }

  /** A write here changed the cache: views re-query even before main's event arrives. */
  function markChanged(profileId: string, resource: string) {
    lastChange.value = { profileId, resource, n: ++changes }
  }

  useIpcEvent(xm.sync.onProgress, onProgress)
  useIpcEvent(xm.panel.onStatus, onStatus)
  useIpcEvent(xm.cache.onChanged, (c) => markChanged(c.profileId, c.resource))

  return { statuses, progress, byTarget, runningFor, lastChange, running, syncing, lastSyncAt, offline, refused, failing, totals, loadStatus, run, cancel, onProgress, onStatus, markChanged }
})
