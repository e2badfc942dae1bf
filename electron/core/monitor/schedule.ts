/**
 * When the monitor looks at a panel next. Pure numbers; the monitor owns the timers.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const h = setTimeout(fn, ms)
    // The monitor must never be what keeps a process alive (tests, the loopback host).
    h.unref?.()
    return h
  },
  clearTimeout(h) {
    clearTimeout(h as ReturnType<typeof setTimeout>)
  },
}

export const DEFAULT_POLL_MINUTES = 5
export const MINUTE_MS = 60_000
/** After a spending write, wait this long for more writes before reading the balance once. */
export const REFRESH_SOON_MS = 1500
/** First retry of an unreachable panel; doubles per failure. */
export const BACKOFF_BASE_MS = 30_000
/** Retries never get sparser than this (unless the panel's own interval is longer). */
export const BACKOFF_CAP_MS = 30 * MINUTE_MS

export function pollIntervalMs(pollMinutes: number | undefined): number {
  const m =
    pollMinutes !== undefined && Number.isFinite(pollMinutes) && pollMinutes >= 1 ? pollMinutes : DEFAULT_POLL_MINUTES
  return m * MINUTE_MS
}

/** Delay before retry number `failures` (1 = the first failure): 30 s, 1, 2, 4, 8, 16, 30, 30 … min. */
export function backoffDelay(failures: number, intervalMs: number): number {
  const exp = BACKOFF_BASE_MS * 2 ** Math.min(Math.max(0, failures - 1), 20)
  return Math.min(Math.max(BACKOFF_CAP_MS, intervalMs), exp)
}
