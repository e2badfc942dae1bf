/**
 * The rest of the app talked to a panel: what the monitor learns from it
 * without reading the panel itself.
 */
import type { AccountInfo } from '../../shared/domain'
import { takeAnswer } from './answers'
import type { MonitorCore } from './core'
import { emit } from './panel-summary'
import { schedule } from './polling'
import { pollIntervalMs, REFRESH_SOON_MS } from './schedule'
import { endOutage } from './watch'

/**
 * Another part of the app just talked to this panel and it answered (a sync,
 * a write, a fresh read). If the monitor still believes the panel is down, the
 * outage is over: say so now and read the balance shortly, instead of waiting
 * for a backoff timer that may be up to 30 min away.
 */
export function panelAnswered(core: MonitorCore, profileId: string): void {
  if (core.disposed) return
  const w = core.watches.get(profileId)
  if (!w || w.reachable !== false) return
  endOutage(w)
  emit(core)
  if (!core.started || core.paused) return
  if (w.inFlight) w.again = true
  // In place of the backoff step; a sync of the account that lands first replaces it with the interval.
  else schedule(core, w, REFRESH_SOON_MS)
}

/**
 * A sync read this panel's account and stored it (account row + snapshot):
 * take that balance as the monitor's own answer, so the panel is not read twice
 * and an outage or backoff ends at once.
 */
export function balanceStored(core: MonitorCore, profileId: string): void {
  if (core.disposed) return
  const w = core.watches.get(profileId)
  if (!w) return
  let acc: { info: AccountInfo; at: number } | null
  try {
    acc = core.ctx.cache.getAccount(profileId)
  } catch {
    return
  }
  if (!acc || (w.updatedAt !== null && acc.at < w.updatedAt)) return
  takeAnswer(core, w, acc.info.credits, acc.at)
  // The balance is fresh: the next look is a whole interval away, not a backoff step.
  if (core.started && !core.paused && !w.inFlight) {
    schedule(core, w, pollIntervalMs(core.ctx.profiles.get(profileId)?.pollMinutes))
  }
}
