/**
 * The credit monitor, wired for the composition root:
 *
 *   const credits = createCreditMonitor(ctx, { notify, offlineAlertMinutes, paused })
 *   Object.assign(handlers, credits.handlers)   // credits:summary/history/refresh/setPaused
 *   ctx.onSpend = (id) => credits.monitor.refreshSoon(id)
 *   credits.start()                              // after the profiles are loaded
 *   …
 *   credits.dispose()                            // on quit
 */
import type { ContractHandlers } from '../../shared/contract'
import type { CoreContext } from '../ports'
import { CreditMonitor, type CreditMonitorOptions } from './credit-monitor'

export {
  CreditMonitor,
  DEFAULT_OFFLINE_ALERT_MINUTES,
  type CreditMonitorOptions,
  type MonitorNotice,
} from './credit-monitor'
export type { Timers } from './schedule'
export { creditState, evaluateBalance, rearmMargin } from './alerts'
export { burnRate, spendByDay, spendByPackage, spendEvents } from './forecast'

export type CreditHandlers = Pick<
  ContractHandlers,
  'credits:summary' | 'credits:history' | 'credits:refresh' | 'credits:setPaused'
>

export interface CreditMonitorService {
  monitor: CreditMonitor
  handlers: CreditHandlers
  start(): void
  dispose(): void
}

export function createCreditMonitor(ctx: CoreContext, opts: CreditMonitorOptions): CreditMonitorService {
  const monitor = new CreditMonitor(ctx, opts)
  const handlers: CreditHandlers = {
    'credits:summary': async () => monitor.summary(),
    'credits:history': async ({ profileId, days }) => monitor.history(profileId, days),
    'credits:refresh': async ({ profileId }) => {
      await monitor.refresh(profileId)
      return { done: true as const }
    },
    'credits:setPaused': async ({ paused }) => {
      monitor.setPaused(paused)
      return { paused: monitor.paused }
    },
  }
  return { monitor, handlers, start: () => monitor.start(), dispose: () => monitor.dispose() }
}
