/**
 * What the app knows right now about each panel's connection: reachable or
 * not, the last error, whether a sync runs, when it last synced. Every call
 * the read side makes (sync pages, a connection test, a fresh `get_*`) reports
 * here; each change goes to the page as a `panel:status` event.
 */
import type { ErrorCode } from '../../shared/errors'
import type { PanelStatus } from '../../shared/views'
import type { CacheDb, Clock, Emit } from '../ports'
import { isOfflineCode, parseMetaError } from './freshness'
import { FULL_SYNC, type SyncTarget } from './targets'

interface Entry {
  reachable: boolean | null
  lastError: { code: ErrorCode; message: string } | null
  checkedAt: number | null
  running: number
  lastSyncAt: number | null
  /**
   * The lists whose last sync failed, and why — the same fact a view's banner reads
   * from sync meta ("Last refresh failed"), so the status bar never says all is well
   * beside it. A later success of that list clears it; another list's success does not.
   */
  syncErrors: Map<SyncTarget, { code: ErrorCode; message: string }>
}

export class PanelStatusBoard {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly deps: { now: Clock; emit: Emit; cache: CacheDb },
  ) {}

  /** The panel answered (even with a refusal such as a bad key: it is reachable). */
  answered(profileId: string, error: { code: ErrorCode; message: string } | null = null): void {
    this.change(profileId, (e) => {
      e.reachable = true
      e.lastError = error
      e.checkedAt = this.deps.now()
    })
  }

  /** A call failed. OFFLINE / TIMEOUT mean unreachable; other codes mean it answered badly. */
  failed(profileId: string, error: { code: ErrorCode; message: string }): void {
    if (error.code === 'CANCELLED' || error.code === 'NO_KEY' || error.code === 'VALIDATION') return
    this.change(profileId, (e) => {
      e.reachable = !isOfflineCode(error.code)
      e.lastError = { code: error.code, message: error.message }
      e.checkedAt = this.deps.now()
    })
  }

  syncStarted(profileId: string): void {
    this.change(profileId, (e) => {
      e.running++
    })
  }

  /** One list's sync ended: `error` null = it succeeded (a cancel is neither and is not reported). */
  targetSettled(profileId: string, target: SyncTarget, error: { code: ErrorCode; message: string } | null): void {
    this.change(profileId, (e) => {
      if (error) e.syncErrors.set(target, { code: error.code, message: error.message })
      else e.syncErrors.delete(target)
    })
  }

  syncEnded(profileId: string, succeededAt: number | null): void {
    this.change(profileId, (e) => {
      e.running = Math.max(0, e.running - 1)
      if (succeededAt !== null) e.lastSyncAt = Math.max(e.lastSyncAt ?? 0, succeededAt)
    })
  }

  lastCheck(profileId: string): { reachable: boolean; at: number } | null {
    const e = this.entries.get(profileId)
    return e && e.reachable !== null && e.checkedAt !== null ? { reachable: e.reachable, at: e.checkedAt } : null
  }

  get(profileId: string): PanelStatus {
    const e = this.entry(profileId)
    return {
      profileId,
      reachable: e.reachable,
      lastError: e.lastError,
      checkedAt: e.checkedAt,
      syncing: e.running > 0,
      lastSyncAt: e.lastSyncAt,
      syncErrors: [...e.syncErrors].map(([resource, err]) => ({ resource, ...err })),
    }
  }

  forget(profileId: string): void {
    this.entries.delete(profileId)
  }

  private entry(profileId: string): Entry {
    let e = this.entries.get(profileId)
    if (!e) {
      e = { reachable: null, lastError: null, checkedAt: null, running: 0, lastSyncAt: this.cachedSyncAt(profileId), syncErrors: this.cachedErrors(profileId) }
      this.entries.set(profileId, e)
    }
    return e
  }

  /** The newest successful sync of an earlier run, so a restart does not show "never synced". */
  private cachedSyncAt(profileId: string): number | null {
    let latest: number | null = null
    try {
      for (const t of FULL_SYNC) {
        const at = this.deps.cache.getSyncMeta(profileId, t).syncedAt
        if (at !== null && (latest === null || at > latest)) latest = at
      }
    } catch {
      // An unreadable cache only costs the "last synced" hint.
    }
    return latest
  }

  /** The failures an earlier run left in sync meta: after a restart the banner still shows them. */
  private cachedErrors(profileId: string): Entry['syncErrors'] {
    const out: Entry['syncErrors'] = new Map()
    try {
      for (const t of FULL_SYNC) {
        const error = this.deps.cache.getSyncMeta(profileId, t).error
        if (error !== null) out.set(t, parseMetaError(error))
      }
    } catch {
      // An unreadable cache: nothing known to have failed.
    }
    return out
  }

  private change(profileId: string, fn: (e: Entry) => void): void {
    const e = this.entry(profileId)
    const before = signature(e)
    fn(e)
    // checkedAt alone moves on every page of a sync: not worth an event.
    if (signature(e) !== before) this.deps.emit('panel:status', this.get(profileId))
  }
}

const signature = (e: Entry): string => JSON.stringify([e.reachable, e.lastError, e.running > 0, e.lastSyncAt, [...e.syncErrors]])
