/**
 * What a read of a panel's balance means: store it, end any outage, check the
 * thresholds, or count the failure; notify when it is worth telling.
 */
import type { AccountInfo } from '../../shared/domain'
import { AppError, redactSecrets } from '../errors'
import { balanceMessage, offlineMessage } from './alerts'
import type { MonitorCore } from './core'
import { emit, knownCredits } from './panel-summary'
import { MINUTE_MS } from './schedule'
import { recordAnswer, recordFailure, type Watch } from './watch'

export function onSuccess(core: MonitorCore, w: Watch, info: AccountInfo): void {
  const now = core.ctx.now()
  try {
    core.ctx.cache.setAccount(w.profileId, info, now)
    core.ctx.cache.addCreditSnapshot(w.profileId, now, info.credits)
  } catch {
    // A cache that cannot write must not stop the watch; the tray still shows the live balance.
  }
  takeAnswer(core, w, info.credits, now)
}

/** A balance the panel gave (to the monitor or to a sync): end any outage, check thresholds, tell everyone. */
export function takeAnswer(core: MonitorCore, w: Watch, credits: number, at: number): void {
  const profile = core.ctx.profiles.get(w.profileId)
  const alert = recordAnswer(w, credits, at, profile?.thresholds)
  if (alert && profile) {
    const { burn } = core.burnMemo.get(profile.id, knownCredits(core, profile.id), core.ctx.now(), true)
    notify(core, profile.id, balanceMessage(alert, profile, credits, burn.forecastDays))
  }
  emit(core)
}

export function onFailure(core: MonitorCore, w: Watch, e: unknown): void {
  const now = core.ctx.now()
  const error = e instanceof AppError ? e : new AppError('INTERNAL', 'The credit check failed unexpectedly.')
  if (recordFailure(w, error, now, core.offlineAlertMs)) {
    const name = core.ctx.profiles.get(w.profileId)?.name ?? 'A panel'
    const minutes = Math.round((now - (w.downSince ?? now)) / MINUTE_MS)
    notify(core, w.profileId, offlineMessage(name, minutes, redactSecrets(error.message)))
  }
  emit(core)
}

function notify(core: MonitorCore, profileId: string, m: { title: string; body: string }): void {
  try {
    core.notify({ ...m, profileId })
  } catch {
    // A notification that cannot be shown must not break the watch.
  }
}
