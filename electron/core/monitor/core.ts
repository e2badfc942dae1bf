/**
 * The monitor's shared state. CreditMonitor creates it; the pieces that act on
 * it (polling, answers, outside contact, summaries) take it as their first
 * argument, so each concern lives in its own small file without its own copy.
 */
import type { CreditSummary } from '../../shared/views'
import type { CoreContext } from '../ports'
import type { BurnMemo } from './burn-memo'
import type { Timers } from './schedule'
import type { Watch } from './watch'

export interface MonitorNotice {
  title: string
  body: string
  profileId: string
}

export interface MonitorCore {
  readonly ctx: CoreContext
  readonly timers: Timers
  /** One per eligible panel (enabled, with a key). */
  readonly watches: Map<string, Watch>
  readonly listeners: Set<(s: CreditSummary[]) => void>
  readonly burnMemo: BurnMemo
  readonly notify: (n: MonitorNotice) => void
  offlineAlertMs: number
  paused: boolean
  started: boolean
  disposed: boolean
}
