/**
 * Per-panel freshness of one cached resource, as `cache:query` reports it, and
 * the stale-while-revalidate kick that goes with a read.
 */
import type { PanelFreshness } from '../../shared/views'
import { freshnessOf, parseMetaError } from '../sync/freshness'
import type { SyncTarget } from '../sync/targets'
import type { ReadDeps } from './read-deps'

export function panelFreshness(d: ReadDeps, profileId: string, target: SyncTarget): PanelFreshness {
  const p = d.ctx.profiles.get(profileId)
  const meta = d.ctx.cache.getSyncMeta(profileId, target)
  const freshness = freshnessOf({
    syncedAt: meta.syncedAt,
    error: meta.error,
    pollMinutes: p?.pollMinutes ?? 5,
    now: d.ctx.now(),
    lastCheck: d.board.lastCheck(profileId),
  })
  const lastError = d.board.get(profileId).lastError
  const error = meta.error !== null ? parseMetaError(meta.error).message : freshness === 'offline' ? (lastError?.message ?? null) : null
  return { profileId, syncedAt: meta.syncedAt, freshness, error }
}

/** Answer from the cache now; bring it up to date in the background when it is not fresh. */
export function revalidate(d: ReadDeps, panels: PanelFreshness[], target: SyncTarget): void {
  for (const f of panels) {
    if (f.freshness !== 'fresh') d.sync.refreshIfStale(f.profileId, target)
  }
}
