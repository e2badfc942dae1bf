/**
 * The credit monitor: reads `user_info` of every enabled panel that has a key,
 * at the panel's own interval, stores each balance as a snapshot, tells the
 * page and the tray (`credits:changed`), and raises a notification when a
 * balance reaches a threshold or a panel stays unreachable too long.
 *
 * Timing rules:
 * - every panel has its own timer; a poll that fails is retried with
 *   exponential backoff (30 s doubling, capped at 30 min) instead of hammering
 *   a panel that is down;
 * - after a spending write (`refreshSoon`) the balance is read once, 1.5 s
 *   later, however many writes came in between;
 * - paused = no automatic network calls at all; an explicit refresh still works.
 * Clock and timers come from outside, so tests never wait for real time.
 */
import type { CreditHistory, CreditSummary } from '../../shared/views'
import type { AccountInfo } from '../../shared/domain'
import type { Profile } from '../../shared/profile'
import { AppError, redactSecrets } from '../errors'
import type { CoreContext } from '../ports'
import { balanceMessage, creditState, offlineMessage } from './alerts'
import { BurnMemo } from './burn-memo'
import { panelHistory } from './credit-views'
import { MINUTE_MS, pollIntervalMs, realTimers, REFRESH_SOON_MS, type Timers } from './schedule'
import { endOutage, newWatch, nextPollDelay, recordAnswer, recordFailure, type Watch } from './watch'

export interface MonitorNotice {
  title: string
  body: string
  profileId: string
}

export interface CreditMonitorOptions {
  timers?: Timers
  /** Notify when a panel has been unreachable this long (Settings.offlineAlertMinutes). Default 15. */
  offlineAlertMinutes?: number
  notify: (n: MonitorNotice) => void
  /** Start paused (Settings.monitorPaused). */
  paused?: boolean
}

export const DEFAULT_OFFLINE_ALERT_MINUTES = 15

export class CreditMonitor {
  private readonly watches = new Map<string, Watch>()
  private readonly listeners = new Set<(s: CreditSummary[]) => void>()
  private readonly burnMemo: BurnMemo
  private readonly timers: Timers
  private offlineAlertMs: number
  private pausedFlag: boolean
  private started = false
  private disposed = false

  constructor(
    private readonly ctx: CoreContext,
    private readonly opts: CreditMonitorOptions,
  ) {
    this.timers = opts.timers ?? realTimers
    this.offlineAlertMs = (opts.offlineAlertMinutes ?? DEFAULT_OFFLINE_ALERT_MINUTES) * MINUTE_MS
    this.pausedFlag = opts.paused ?? false
    this.burnMemo = new BurnMemo(ctx.cache)
  }

  get paused(): boolean {
    return this.pausedFlag
  }

  /** What the tray shows: every enabled panel's summary, and whether monitoring is paused. */
  get state(): { panels: CreditSummary[]; paused: boolean } {
    return { panels: this.summary(), paused: this.pausedFlag }
  }

  /** Begin watching: every eligible panel is read now, then on its interval. */
  start(): void {
    if (this.started || this.disposed) return
    this.started = true
    this.reconcile()
    if (!this.pausedFlag) for (const w of this.watches.values()) void this.poll(w)
    this.emit()
  }

  dispose(): void {
    this.disposed = true
    for (const w of this.watches.values()) this.clearTimers(w)
    this.listeners.clear()
  }

  setPaused(paused: boolean): void {
    if (paused === this.pausedFlag) return
    this.pausedFlag = paused
    if (paused) {
      for (const w of this.watches.values()) this.clearTimers(w)
    } else if (this.started && !this.disposed) {
      this.reconcile()
      for (const w of this.watches.values()) void this.poll(w)
    }
    this.emit()
  }

  setOfflineAlertMinutes(minutes: number): void {
    this.offlineAlertMs = minutes * MINUTE_MS
  }

  /** Call after a panel was added, removed, enabled, disabled or edited (thresholds, interval, key). */
  profilesChanged(): void {
    this.reconcile()
    this.emit()
  }

  /**
   * Read now: one panel (rejects with the panel's error when it cannot be read),
   * or every eligible panel (never rejects; failures show as `offline`).
   */
  async refresh(profileId?: string): Promise<void> {
    if (profileId === undefined) {
      this.reconcile()
      await Promise.all([...this.watches.values()].map((w) => this.poll(w)))
      return
    }
    const profile = this.ctx.profiles.require(profileId)
    this.reconcile()
    const w = this.watches.get(profileId) ?? this.newWatch(profile)
    const ok = await this.poll(w)
    if (!ok && w.lastError) throw w.lastError
  }

  /** A spending write just happened on this panel: read its balance shortly. */
  refreshSoon(profileId: string): void {
    if (this.pausedFlag || this.disposed) return
    if (!this.watches.has(profileId)) this.reconcile()
    const w = this.watches.get(profileId)
    if (!w || w.soonTimer !== null) return
    w.soonTimer = this.timers.setTimeout(() => {
      w.soonTimer = null
      if (this.disposed || this.pausedFlag || this.watches.get(profileId) !== w) return
      if (w.inFlight) w.again = true
      else void this.poll(w)
    }, REFRESH_SOON_MS)
  }

  /**
   * Another part of the app just talked to this panel and it answered (a sync,
   * a write, a fresh read). If the monitor still believes the panel is down, the
   * outage is over: say so now and read the balance shortly, instead of waiting
   * for a backoff timer that may be up to 30 min away.
   */
  panelAnswered(profileId: string): void {
    if (this.disposed) return
    const w = this.watches.get(profileId)
    if (!w || w.reachable !== false) return
    endOutage(w)
    this.emit()
    if (!this.started || this.pausedFlag) return
    if (w.inFlight) w.again = true
    // In place of the backoff step; a sync of the account that lands first replaces it with the interval.
    else this.schedule(w, REFRESH_SOON_MS)
  }

  /**
   * A sync read this panel's account and stored it (account row + snapshot):
   * take that balance as the monitor's own answer, so the panel is not read twice
   * and an outage or backoff ends at once.
   */
  balanceStored(profileId: string): void {
    if (this.disposed) return
    const w = this.watches.get(profileId)
    if (!w) return
    let acc: { info: AccountInfo; at: number } | null
    try {
      acc = this.ctx.cache.getAccount(profileId)
    } catch {
      return
    }
    if (!acc || (w.updatedAt !== null && acc.at < w.updatedAt)) return
    this.takeAnswer(w, acc.info.credits, acc.at)
    // The balance is fresh: the next look is a whole interval away, not a backoff step.
    if (this.started && !this.pausedFlag && !w.inFlight) {
      this.schedule(w, pollIntervalMs(this.ctx.profiles.get(profileId)?.pollMinutes))
    }
  }

  /** Every enabled panel, in the panels' order. */
  summary(): CreditSummary[] {
    const now = this.ctx.now()
    return this.ctx.profiles
      .list()
      .filter((p) => p.enabled)
      .map((p) => this.summarise(p, now))
  }

  history(profileId: string, days: number): CreditHistory {
    const profile = this.ctx.profiles.require(profileId)
    const now = this.ctx.now()
    return panelHistory(this.ctx.cache, profile.id, days, this.knownCredits(profile.id).credits, now)
  }

  /** Listen to every summary the monitor emits (the tray does). Returns an unsubscribe. */
  onChange(cb: (s: CreditSummary[]) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Resolves when no poll is running (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.watches.values()].map((w) => w.inFlight).filter((p) => p !== null)
      if (running.length === 0) return
      await Promise.allSettled(running)
    }
  }

  /** When the panel will be read next (ms), or null when nothing is scheduled. */
  nextPollAt(profileId: string): number | null {
    return this.watches.get(profileId)?.dueAt ?? null
  }

  // ---------------------------------------------------------------------------

  private reconcile(): void {
    if (this.disposed) return
    const eligible = this.ctx.profiles.list().filter((p) => p.enabled && p.hasKey)
    const ids = new Set(eligible.map((p) => p.id))
    for (const [id, w] of this.watches) {
      if (ids.has(id)) continue
      this.clearTimers(w)
      this.watches.delete(id)
      this.burnMemo.delete(id)
    }
    for (const p of eligible) {
      if (this.watches.has(p.id)) continue
      const w = this.newWatch(p)
      if (this.started && !this.pausedFlag) void this.poll(w)
    }
  }

  private newWatch(p: Profile): Watch {
    const w = newWatch(p.id, this.knownCredits(p.id))
    if (p.enabled && p.hasKey) this.watches.set(p.id, w)
    return w
  }

  /**
   * The newest balance known: the monitor's own read, or the cached account when
   * that is newer — a write reads the balance after spending and stores it
   * there, and the quote shows it at once; the tray and the sidebar must not lag
   * behind it until the next poll (or forever, while paused). At start the
   * cached account is all there is, so the tray is not blank.
   */
  private knownCredits(profileId: string): { credits: number | null; at: number | null } {
    const w = this.watches.get(profileId)
    let acc: { info: AccountInfo; at: number } | null = null
    try {
      acc = this.ctx.cache.getAccount(profileId)
    } catch {
      // an unreadable cache leaves what the monitor read itself
    }
    if (acc && (!w || w.updatedAt === null || acc.at > w.updatedAt)) return { credits: acc.info.credits, at: acc.at }
    return w ? { credits: w.credits, at: w.updatedAt } : { credits: null, at: null }
  }

  /** One read of the panel's balance. Resolves true when it answered. */
  private poll(w: Watch): Promise<boolean> {
    if (w.inFlight) return w.inFlight
    this.clearTimer(w)
    const run = this.readBalance(w).finally(() => {
      w.inFlight = null
      this.afterPoll(w)
    })
    w.inFlight = run
    return run
  }

  private async readBalance(w: Watch): Promise<boolean> {
    let info: AccountInfo
    try {
      info = await this.ctx.clients.forProfile(w.profileId).call('user_info', {})
    } catch (e) {
      if (!this.disposed) this.onFailure(w, e)
      return false
    }
    if (!this.disposed) this.onSuccess(w, info)
    return true
  }

  private onSuccess(w: Watch, info: AccountInfo): void {
    const now = this.ctx.now()
    try {
      this.ctx.cache.setAccount(w.profileId, info, now)
      this.ctx.cache.addCreditSnapshot(w.profileId, now, info.credits)
    } catch {
      // A cache that cannot write must not stop the watch; the tray still shows the live balance.
    }
    this.takeAnswer(w, info.credits, now)
  }

  /** A balance the panel gave (to the monitor or to a sync): end any outage, check thresholds, tell everyone. */
  private takeAnswer(w: Watch, credits: number, at: number): void {
    const profile = this.ctx.profiles.get(w.profileId)
    const alert = recordAnswer(w, credits, at, profile?.thresholds)
    if (alert && profile) {
      const { burn } = this.burnMemo.get(profile.id, this.knownCredits(profile.id), this.ctx.now(), true)
      this.notify(profile.id, balanceMessage(alert, profile, credits, burn.forecastDays))
    }
    this.emit()
  }

  private onFailure(w: Watch, e: unknown): void {
    const now = this.ctx.now()
    const error = e instanceof AppError ? e : new AppError('INTERNAL', 'The credit check failed unexpectedly.')
    if (recordFailure(w, error, now, this.offlineAlertMs)) {
      const name = this.ctx.profiles.get(w.profileId)?.name ?? 'A panel'
      const minutes = Math.round((now - (w.downSince ?? now)) / MINUTE_MS)
      this.notify(w.profileId, offlineMessage(name, minutes, redactSecrets(error.message)))
    }
    this.emit()
  }

  private afterPoll(w: Watch): void {
    if (this.disposed || this.watches.get(w.profileId) !== w) return
    if (w.again) {
      w.again = false
      if (!this.pausedFlag) {
        void this.poll(w)
        return
      }
    }
    if (!this.started || this.pausedFlag) return
    const interval = pollIntervalMs(this.ctx.profiles.get(w.profileId)?.pollMinutes)
    this.schedule(w, nextPollDelay(w, interval, this.offlineAlertMs, this.ctx.now()))
  }

  private schedule(w: Watch, delay: number): void {
    this.clearTimer(w)
    w.dueAt = this.ctx.now() + delay
    w.timer = this.timers.setTimeout(() => {
      w.timer = null
      w.dueAt = null
      if (this.disposed || this.pausedFlag) return
      this.reconcile()
      if (this.watches.get(w.profileId) === w) void this.poll(w)
    }, delay)
  }

  private clearTimer(w: Watch): void {
    if (w.timer !== null) this.timers.clearTimeout(w.timer)
    w.timer = null
    w.dueAt = null
  }

  private clearTimers(w: Watch): void {
    this.clearTimer(w)
    if (w.soonTimer !== null) this.timers.clearTimeout(w.soonTimer)
    w.soonTimer = null
  }

  private summarise(p: Profile, now: number): CreditSummary {
    const w = this.watches.get(p.id)
    const known = this.knownCredits(p.id)
    const monitored = w !== undefined
    const { burn, spark } = this.burnMemo.get(p.id, known, now)
    return {
      profileId: p.id,
      name: p.name,
      color: p.color,
      credits: known.credits,
      updatedAt: known.at,
      // A panel that cannot be watched (no key) is 'unknown' whatever its last balance was.
      state: monitored ? creditState(known.credits, p.thresholds, w.reachable) : 'unknown',
      burnPerDay: burn.burnPerDay,
      forecastDays: burn.forecastDays,
      sparkline: spark,
    }
  }

  private notify(profileId: string, m: { title: string; body: string }): void {
    try {
      this.opts.notify({ ...m, profileId })
    } catch {
      // A notification that cannot be shown must not break the watch.
    }
  }

  private emit(): void {
    if (this.disposed || !this.started) return
    const s = this.summary()
    this.ctx.emit('credits:changed', s)
    for (const cb of this.listeners) {
      try {
        cb(s)
      } catch {
        // one bad listener must not starve the others
      }
    }
  }
}
