/**
 * What the monitor knows about one panel between polls: the last balance, the
 * outage it may be in, the alert arms, and its timers.
 */
import type { Thresholds } from '../../shared/profile'
import type { AppError } from '../errors'
import { ARMED, evaluateBalance, type AlertArms, type BalanceAlert } from './alerts'
import { backoffDelay } from './schedule'

export interface Watch {
  readonly profileId: string
  credits: number | null
  /** When `credits` was read (ms); from the cached account until the first poll of this run. */
  updatedAt: number | null
  /** null until the first poll of this run answers. */
  reachable: boolean | null
  lastError: AppError | null
  /** Failed polls in a row (drives the backoff). */
  failures: number
  /** First failed poll of the current outage. */
  downSince: number | null
  /** The offline notification for this outage was given. */
  offlineNotified: boolean
  arms: AlertArms
  timer: unknown
  soonTimer: unknown
  dueAt: number | null
  inFlight: Promise<boolean> | null
  /** A spend landed while a poll was in flight: read once more when it ends. */
  again: boolean
}

export function newWatch(profileId: string, known: { credits: number | null; at: number | null }): Watch {
  return {
    profileId,
    credits: known.credits,
    updatedAt: known.at,
    reachable: null,
    lastError: null,
    failures: 0,
    downSince: null,
    offlineNotified: false,
    arms: { ...ARMED },
    timer: null,
    soonTimer: null,
    dueAt: null,
    inFlight: null,
    again: false,
  }
}

/** The panel answered: note the balance, end any outage, and say which threshold alert (if any) it reached. */
export function recordAnswer(
  w: Watch,
  credits: number,
  now: number,
  thresholds: Thresholds | undefined,
): BalanceAlert | null {
  w.credits = credits
  w.updatedAt = now
  endOutage(w)
  if (!thresholds) return null
  const { arms, alert } = evaluateBalance(w.arms, credits, thresholds)
  w.arms = arms
  return alert
}

/** The panel answered (here or elsewhere in the app): it is reachable, the backoff starts over. */
export function endOutage(w: Watch): void {
  w.reachable = true
  w.lastError = null
  w.failures = 0
  w.downSince = null
  w.offlineNotified = false // re-armed: the next long outage is worth telling again
}

/** The panel did not answer. True when this outage just passed the alert limit: notify, once. */
export function recordFailure(w: Watch, error: AppError, now: number, offlineAlertMs: number): boolean {
  w.failures++
  w.reachable = false
  w.lastError = error
  w.downSince ??= now
  if (w.offlineNotified || now - w.downSince < offlineAlertMs) return false
  w.offlineNotified = true
  return true
}

/** How long until the next poll: the panel's interval, or the backoff while it is down. */
export function nextPollDelay(w: Watch, intervalMs: number, offlineAlertMs: number, now: number): number {
  if (w.reachable !== false) return intervalMs
  const delay = backoffDelay(w.failures, intervalMs)
  // Look again exactly when the outage reaches the alert limit, so the alert is not late by a backoff step.
  if (w.offlineNotified || w.downSince === null) return delay
  return Math.min(delay, Math.max(1, w.downSince + offlineAlertMs - now))
}
