import { describe, expect, it } from 'vitest'
import {
  ARMED,
  balanceMessage,
  creditState,
  evaluateBalance,
  rearmMargin,
  type AlertArms,
} from '../../../electron/core/monitor/alerts'
import { backoffDelay, pollIntervalMs } from '../../../electron/core/monitor/schedule'

const T = { warning: 50, critical: 10 }

/** Run a series of balances through the rules; returns the alerts raised. */
function run(balances: number[], t = T): (string | null)[] {
  let arms: AlertArms = { ...ARMED }
  return balances.map((c) => {
    const r = evaluateBalance(arms, c, t)
    arms = r.arms
    return r.alert
  })
}

describe('creditState', () => {
  it.each([
    [100, true, 'ok'],
    [51, true, 'ok'],
    [50, true, 'low'],
    [11, null, 'low'],
    [10, true, 'critical'],
    [0, true, 'critical'],
    [100, false, 'offline'],
    [null, true, 'unknown'],
    [null, false, 'offline'],
  ] as const)('%s credits, reachable %s → %s', (credits, reachable, state) => {
    expect(creditState(credits, T, reachable)).toBe(state)
  })

  it('a critical threshold of 0 fires at 0 credits only', () => {
    expect(creditState(0, { warning: 5, critical: 0 }, true)).toBe('critical')
    expect(creditState(1, { warning: 5, critical: 0 }, true)).toBe('low')
  })
})

describe('evaluateBalance (hysteresis)', () => {
  it('notifies once when the warning is reached, not on every poll below it', () => {
    expect(run([100, 60, 50, 45, 45, 40, 30])).toEqual([null, null, 'low', null, null, null, null])
  })

  it('a balance hovering at the line does not re-notify', () => {
    // margin for 50 is max(1, 2.5) = 2.5: re-armed only above 52.5
    expect(rearmMargin(50)).toBe(2.5)
    expect(run([60, 49, 51, 49, 52, 50, 52.5, 48])).toEqual([null, 'low', null, null, null, null, null, null])
  })

  it('re-arms after climbing clearly back above the line, then notifies again', () => {
    expect(run([60, 49, 53, 49])).toEqual([null, 'low', null, 'low'])
  })

  it('warning then critical are two separate crossings', () => {
    expect(run([100, 40, 30, 10, 9, 5])).toEqual([null, 'low', null, 'critical', null, null])
  })

  it('jumping from ok straight to critical raises only the critical alert', () => {
    expect(run([100, 5, 11, 5])).toEqual([null, 'critical', null, null])
    // Climbing clearly above critical (but not above warning) and falling again is a new critical crossing, never a 'low'.
    expect(run([100, 5, 40, 5])).toEqual([null, 'critical', null, 'critical'])
  })

  it('the margin is at least one credit for small thresholds', () => {
    expect(rearmMargin(10)).toBe(1)
    expect(run([200, 10, 11, 10, 12, 10], T)).toEqual([null, 'critical', null, null, null, 'critical'])
  })

  it('a first observation already below the line notifies (the user should know)', () => {
    expect(run([30])).toEqual(['low'])
  })
})

describe('messages', () => {
  it('says how many credits are left and when they run out', () => {
    const m = balanceMessage('low', { name: 'Main panel', thresholds: T }, 45, 8.6)
    expect(m.title).toBe('Main panel: credits running low')
    expect(m.body).toContain('45 credits left')
    expect(m.body).toContain('~9 days')
    expect(balanceMessage('critical', { name: 'P', thresholds: T }, 3, null).body).not.toContain('run out')
  })
})

describe('schedule', () => {
  it('backs off exponentially from 30 s, capped at 30 min', () => {
    const five = pollIntervalMs(5)
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, five) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1800, 1800, 1800,
    ])
  })

  it('a panel polled less often than the cap is retried at most as rarely as its own interval', () => {
    expect(backoffDelay(20, pollIntervalMs(120))).toBe(120 * 60_000)
  })

  it('defaults to 5 minutes when the interval is missing or nonsense', () => {
    expect(pollIntervalMs(undefined)).toBe(300_000)
    expect(pollIntervalMs(0)).toBe(300_000)
    expect(pollIntervalMs(15)).toBe(900_000)
  })
})
