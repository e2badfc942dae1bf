/**
 * When a balance deserves a notification — pure, so the rules can be read and
 * tested on their own.
 *
 * A threshold is "reached" at or below it (a critical threshold of 0 fires at
 * 0 credits). Each threshold fires ONCE when the balance comes down to it and
 * is re-armed only after the balance has climbed clearly back above it
 * (threshold + max(1, 5 %)): a balance hovering at the line, or a sub-reseller
 * transfer bouncing it up and down by a credit, does not ring every poll.
 */
import type { Thresholds } from '../../shared/profile'
import type { CreditState } from '../../shared/views'

/** true = armed (will notify when reached). */
export interface AlertArms {
  warning: boolean
  critical: boolean
}

export const ARMED: AlertArms = Object.freeze({ warning: true, critical: true })

export type BalanceAlert = 'low' | 'critical'

export function creditState(credits: number | null, t: Thresholds, reachable: boolean | null): CreditState {
  if (reachable === false) return 'offline'
  if (credits === null) return 'unknown'
  if (credits <= t.critical) return 'critical'
  if (credits <= t.warning) return 'low'
  return 'ok'
}

/** How far above a threshold the balance must climb before it can fire again. */
export function rearmMargin(threshold: number): number {
  return Math.max(1, threshold * 0.05)
}

/**
 * One balance observation: which alert (if any) to raise, and the arms after it.
 * Reaching critical directly (e.g. from ok in one big purchase) raises only the
 * critical alert and disarms the warning too: one event, one notification.
 */
export function evaluateBalance(
  arms: AlertArms,
  credits: number,
  t: Thresholds,
): { arms: AlertArms; alert: BalanceAlert | null } {
  let { warning, critical } = arms
  let alert: BalanceAlert | null = null
  if (credits <= t.critical) {
    if (critical) alert = 'critical'
    critical = false
    warning = false
  } else if (credits <= t.warning) {
    if (warning) alert = 'low'
    warning = false
  }
  if (credits > t.critical + rearmMargin(t.critical)) critical = true
  if (credits > t.warning + rearmMargin(t.warning)) warning = true
  return { arms: { warning, critical }, alert }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

export function balanceMessage(
  alert: BalanceAlert,
  panel: { name: string; thresholds: Thresholds },
  credits: number,
  forecastDays: number | null,
): { title: string; body: string } {
  const runsOut =
    forecastDays !== null && forecastDays < 365
      ? ` At this rate they run out in ~${Math.max(1, Math.round(forecastDays))} days.`
      : ''
  if (alert === 'critical') {
    return {
      title: `${panel.name}: credits critically low`,
      body: `Only ${fmt(credits)} credits left (critical level ${fmt(panel.thresholds.critical)}). Top up before creating or extending.${runsOut}`,
    }
  }
  return {
    title: `${panel.name}: credits running low`,
    body: `${fmt(credits)} credits left (warning level ${fmt(panel.thresholds.warning)}).${runsOut}`,
  }
}

export function offlineMessage(panelName: string, minutes: number, reason: string): { title: string; body: string } {
  return {
    title: `${panelName}: credits cannot be checked`,
    body: `No answer for ${minutes} min — ${reason} The monitor keeps trying and will tell the tray when it is back.`,
  }
}
