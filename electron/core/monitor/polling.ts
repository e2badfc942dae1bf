/**
 * The poll loop: which panels are watched, one read at a time per panel, and
 * the timer that brings the next read (the panel's interval, or the backoff
 * while it is down — see schedule.ts and watch.ts for the numbers).
 */
import type { AccountInfo } from '../../shared/domain'
import type { Profile } from '../../shared/profile'
import { onFailure, onSuccess } from './answers'
import type { MonitorCore } from './core'
import { knownCredits } from './panel-summary'
import { pollIntervalMs, REFRESH_SOON_MS } from './schedule'
import { newWatch, nextPollDelay, type Watch } from './watch'

/** Watch every eligible panel (enabled, with a key) and drop the watches of the others. */
export function reconcile(core: MonitorCore): void {
  if (core.disposed) return
  const eligible = core.ctx.profiles.list().filter((p) => p.enabled && p.hasKey)
  const ids = new Set(eligible.map((p) => p.id))
  for (const [id, w] of core.watches) {
    if (ids.has(id)) continue
    clearTimers(core, w)
    core.watches.delete(id)
    core.burnMemo.delete(id)
  }
  for (const p of eligible) {
    if (core.watches.has(p.id)) continue
    const w = watchPanel(core, p)
    if (core.started && !core.paused) void poll(core, w)
  }
}

/** A fresh watch for the panel; kept only when the panel is eligible. */
export function watchPanel(core: MonitorCore, p: Profile): Watch {
  const w = newWatch(p.id, knownCredits(core, p.id))
  if (p.enabled && p.hasKey) core.watches.set(p.id, w)
  return w
}

/** One read of the panel's balance. Resolves true when it answered. */
export function poll(core: MonitorCore, w: Watch): Promise<boolean> {
  if (w.inFlight) return w.inFlight
  clearTimer(core, w)
  const run = readBalance(core, w).finally(() => {
    w.inFlight = null
    afterPoll(core, w)
  })
  w.inFlight = run
  return run
}

async function readBalance(core: MonitorCore, w: Watch): Promise<boolean> {
  let info: AccountInfo
  try {
    info = await core.ctx.clients.forProfile(w.profileId).call('user_info', {})
  } catch (e) {
    if (!core.disposed) onFailure(core, w, e)
    return false
  }
  if (!core.disposed) onSuccess(core, w, info)
  return true
}

function afterPoll(core: MonitorCore, w: Watch): void {
  if (core.disposed || core.watches.get(w.profileId) !== w) return
  if (w.again) {
    w.again = false
    if (!core.paused) {
      void poll(core, w)
      return
    }
  }
  if (!core.started || core.paused) return
  const interval = pollIntervalMs(core.ctx.profiles.get(w.profileId)?.pollMinutes)
  schedule(core, w, nextPollDelay(w, interval, core.offlineAlertMs, core.ctx.now()))
}

/** A spending write just happened on this panel: read its balance once, REFRESH_SOON_MS later. */
export function refreshSoon(core: MonitorCore, profileId: string): void {
  if (core.paused || core.disposed) return
  if (!core.watches.has(profileId)) reconcile(core)
  const w = core.watches.get(profileId)
  if (!w || w.soonTimer !== null) return
  w.soonTimer = core.timers.setTimeout(() => {
    w.soonTimer = null
    if (core.disposed || core.paused || core.watches.get(profileId) !== w) return
    if (w.inFlight) w.again = true
    else void poll(core, w)
  }, REFRESH_SOON_MS)
}

export function schedule(core: MonitorCore, w: Watch, delay: number): void {
  clearTimer(core, w)
  w.dueAt = core.ctx.now() + delay
  w.timer = core.timers.setTimeout(() => {
    w.timer = null
    w.dueAt = null
    if (core.disposed || core.paused) return
    reconcile(core)
    if (core.watches.get(w.profileId) === w) void poll(core, w)
  }, delay)
}

function clearTimer(core: MonitorCore, w: Watch): void {
  if (w.timer !== null) core.timers.clearTimeout(w.timer)
  w.timer = null
  w.dueAt = null
}

export function clearTimers(core: MonitorCore, w: Watch): void {
  clearTimer(core, w)
  if (w.soonTimer !== null) core.timers.clearTimeout(w.soonTimer)
  w.soonTimer = null
}
