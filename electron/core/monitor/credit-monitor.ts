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
 *
 * This class is the public face; the work lives beside it: polling.ts (poll
 * loop, timers), answers.ts (what a read means), outside-contact.ts (what the
 * rest of the app tells it), panel-summary.ts (what it shows), core.ts (the
 * state they share).
 */
import type { CreditHistory, CreditSummary } from '../../shared/views'
import type { CoreContext } from '../ports'
import { BurnMemo } from './burn-memo'
import type { MonitorCore, MonitorNotice } from './core'
import { panelHistory } from './credit-views'
import { balanceStored, panelAnswered } from './outside-contact'
import { emit, knownCredits, summary } from './panel-summary'
import { clearTimers, poll, reconcile, refreshSoon, watchPanel } from './polling'
import { MINUTE_MS, realTimers, type Timers } from './schedule'

export type { MonitorNotice } from './core'

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
  private readonly core: MonitorCore

  constructor(ctx: CoreContext, opts: CreditMonitorOptions) {
    this.core = {
      ctx,
      timers: opts.timers ?? realTimers,
      watches: new Map(),
      listeners: new Set(),
      burnMemo: new BurnMemo(ctx.cache),
      notify: (n) => opts.notify(n),
      offlineAlertMs: (opts.offlineAlertMinutes ?? DEFAULT_OFFLINE_ALERT_MINUTES) * MINUTE_MS,
      paused: opts.paused ?? false,
      started: false,
      disposed: false,
    }
  }

  get paused(): boolean {
    return this.core.paused
  }

  /** What the tray shows: every enabled panel's summary, and whether monitoring is paused. */
  get state(): { panels: CreditSummary[]; paused: boolean } {
    return { panels: this.summary(), paused: this.core.paused }
  }

  /** Begin watching: every eligible panel is read now, then on its interval. */
  start(): void {
    const core = this.core
    if (core.started || core.disposed) return
    core.started = true
    reconcile(core)
    if (!core.paused) for (const w of core.watches.values()) void poll(core, w)
    emit(core)
  }

  dispose(): void {
    const core = this.core
    core.disposed = true
    for (const w of core.watches.values()) clearTimers(core, w)
    core.listeners.clear()
  }

  setPaused(paused: boolean): void {
    const core = this.core
    if (paused === core.paused) return
    core.paused = paused
    if (paused) {
      for (const w of core.watches.values()) clearTimers(core, w)
    } else if (core.started && !core.disposed) {
      reconcile(core)
      for (const w of core.watches.values()) void poll(core, w)
    }
    emit(core)
  }

  setOfflineAlertMinutes(minutes: number): void {
    this.core.offlineAlertMs = minutes * MINUTE_MS
  }

  /** Call after a panel was added, removed, enabled, disabled or edited (thresholds, interval, key). */
  profilesChanged(): void {
    reconcile(this.core)
    emit(this.core)
  }

  /**
   * Read now: one panel (rejects with the panel's error when it cannot be read),
   * or every eligible panel (never rejects; failures show as `offline`).
   */
  async refresh(profileId?: string): Promise<void> {
    const core = this.core
    if (profileId === undefined) {
      reconcile(core)
      await Promise.all([...core.watches.values()].map((w) => poll(core, w)))
      return
    }
    const profile = core.ctx.profiles.require(profileId)
    reconcile(core)
    const w = core.watches.get(profileId) ?? watchPanel(core, profile)
    const ok = await poll(core, w)
    if (!ok && w.lastError) throw w.lastError
  }

  /** A spending write just happened on this panel: read its balance shortly. */
  refreshSoon(profileId: string): void {
    refreshSoon(this.core, profileId)
  }

  /** Another part of the app talked to this panel and it answered: end a believed outage now. */
  panelAnswered(profileId: string): void {
    panelAnswered(this.core, profileId)
  }

  /** A sync stored this panel's account: take its balance as the monitor's own answer. */
  balanceStored(profileId: string): void {
    balanceStored(this.core, profileId)
  }

  /** Every enabled panel, in the panels' order. */
  summary(): CreditSummary[] {
    return summary(this.core)
  }

  history(profileId: string, days: number): CreditHistory {
    const { ctx } = this.core
    const profile = ctx.profiles.require(profileId)
    const now = ctx.now()
    return panelHistory(ctx.cache, profile.id, days, knownCredits(this.core, profile.id).credits, now)
  }

  /** Listen to every summary the monitor emits (the tray does). Returns an unsubscribe. */
  onChange(cb: (s: CreditSummary[]) => void): () => void {
    this.core.listeners.add(cb)
    return () => this.core.listeners.delete(cb)
  }

  /** Resolves when no poll is running (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.core.watches.values()].map((w) => w.inFlight).filter((p) => p !== null)
      if (running.length === 0) return
      await Promise.allSettled(running)
    }
  }

  /** When the panel will be read next (ms), or null when nothing is scheduled. */
  nextPollAt(profileId: string): number | null {
    return this.core.watches.get(profileId)?.dueAt ?? null
  }
}
