/**
 * What the monitor shows: the newest balance known per panel, the summaries
 * the page and the tray read, and the `credits:changed` emit that carries them.
 */
import type { AccountInfo } from '../../shared/domain'
import type { Profile } from '../../shared/profile'
import type { CreditSummary } from '../../shared/views'
import { creditState } from './alerts'
import type { MonitorCore } from './core'

/**
 * The newest balance known: the monitor's own read, or the cached account when
 * that is newer — a write reads the balance after spending and stores it
 * there, and the quote shows it at once; the tray and the sidebar must not lag
 * behind it until the next poll (or forever, while paused). At start the
 * cached account is all there is, so the tray is not blank.
 */
export function knownCredits(core: MonitorCore, profileId: string): { credits: number | null; at: number | null } {
  const w = core.watches.get(profileId)
  let acc: { info: AccountInfo; at: number } | null = null
  try {
    acc = core.ctx.cache.getAccount(profileId)
  } catch {
    // an unreadable cache leaves what the monitor read itself
  }
  if (acc && (!w || w.updatedAt === null || acc.at > w.updatedAt)) return { credits: acc.info.credits, at: acc.at }
  return w ? { credits: w.credits, at: w.updatedAt } : { credits: null, at: null }
}

/** Every enabled panel, in the panels' order. */
export function summary(core: MonitorCore): CreditSummary[] {
  const now = core.ctx.now()
  return core.ctx.profiles
    .list()
    .filter((p) => p.enabled)
    .map((p) => summarise(core, p, now))
}

function summarise(core: MonitorCore, p: Profile, now: number): CreditSummary {
  const w = core.watches.get(p.id)
  const known = knownCredits(core, p.id)
  const monitored = w !== undefined
  const { burn, spark } = core.burnMemo.get(p.id, known, now)
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

/** Tell the page (`credits:changed`) and every listener (the tray) the current summaries. */
export function emit(core: MonitorCore): void {
  if (core.disposed || !core.started) return
  const s = summary(core)
  core.ctx.emit('credits:changed', s)
  for (const cb of core.listeners) {
    try {
      cb(s)
    } catch {
      // one bad listener must not starve the others
    }
  }
}
