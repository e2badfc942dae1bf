import { describe, expect, it } from 'vitest'
import {
  burnRate,
  chartPoints,
  DAY_MS,
  localDay,
  sparkline,
  spendByDay,
  spendByPackage,
  spendEvents,
  type SpendInput,
} from '../../../electron/core/monitor/forecast'

const NOW = Date.UTC(2026, 2, 15, 12, 0, 0)
const HOUR = 3_600_000
const since14 = NOW - 14 * DAY_MS
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function input(over: Partial<SpendInput>): SpendInput {
  return { snapshots: [], logs: [], logsSyncedAt: null, since: since14, now: NOW, ...over }
}
const log = (daysAgo: number, cost: number, packageId: number | null = 1, type = 'line', action = 'new') => ({
  date: Math.floor((NOW - daysAgo * DAY_MS) / 1000),
  cost,
  packageId,
  type,
  action,
})

describe('spendEvents', () => {
  it('counts only decreases between snapshots; a top-up is not negative spend', () => {
    const ev = spendEvents(
      input({
        snapshots: [
          { t: NOW - 5 * HOUR, credits: 100 },
          { t: NOW - 4 * HOUR, credits: 90 }, // -10
          { t: NOW - 3 * HOUR, credits: 200 }, // top-up
          { t: NOW - 2 * HOUR, credits: 185 }, // -15
          { t: NOW - 1 * HOUR, credits: 185 },
        ],
      }),
    )
    expect(ev.map((e) => e.cost)).toEqual([10, 15])
    expect(ev.every((e) => e.source === 'snapshot')).toBe(true)
  })

  it('sorts snapshots given in any order', () => {
    const ev = spendEvents(
      input({
        snapshots: [
          { t: NOW - HOUR, credits: 80 },
          { t: NOW - 2 * HOUR, credits: 100 },
        ],
      }),
    )
    expect(ev).toHaveLength(1)
    expect(ev[0]!.cost).toBe(20)
  })

  it('uses the log up to its sync time and snapshots only after it (no double counting)', () => {
    const syncedAt = NOW - 2 * DAY_MS
    const ev = spendEvents(
      input({
        logs: [
          log(3, 10),
          log(2.5, 5),
          log(20, 99) /* outside the window */,
          log(1, -30, null, 'user', 'adjust_credits') /* pull-back */,
        ],
        logsSyncedAt: syncedAt,
        snapshots: [
          { t: syncedAt - HOUR, credits: 500 }, // pair straddling the sync: skipped
          { t: syncedAt + HOUR, credits: 490 },
          { t: syncedAt + 2 * HOUR, credits: 470 }, // -20, after the sync: counted
        ],
      }),
    )
    expect(ev.map((e) => [e.source, e.cost])).toEqual([
      ['log', 10],
      ['log', 5],
      ['snapshot', 20],
    ])
  })

  it('ignores the log entirely when it was never synced', () => {
    expect(spendEvents(input({ logs: [log(1, 10)], logsSyncedAt: null }))).toEqual([])
  })
})

describe('burnRate', () => {
  it('is null when nothing was spent', () => {
    expect(
      burnRate({
        ...input({
          snapshots: [
            { t: NOW - DAY_MS, credits: 50 },
            { t: NOW, credits: 60 },
          ],
        }),
        credits: 60,
      }),
    ).toEqual({
      burnPerDay: null,
      forecastDays: null,
    })
    expect(burnRate({ ...input({}), credits: null })).toEqual({ burnPerDay: null, forecastDays: null })
  })

  it('divides a synced log over the whole window: 140 credits in 14 days = 10/day; 90 left = 9 days', () => {
    const logs = Array.from({ length: 14 }, (_, i) => log(i + 0.5, 10))
    const r = burnRate({ ...input({ logs, logsSyncedAt: NOW }), credits: 90 })
    expect(r).toEqual({ burnPerDay: 10, forecastDays: 9 })
  })

  it('averages snapshots over the time actually observed, not the whole window', () => {
    // Watched for 2 days only, spent 30 → 15/day (not 30/14).
    const r = burnRate({
      ...input({
        snapshots: [
          { t: NOW - 2 * DAY_MS, credits: 130 },
          { t: NOW - DAY_MS, credits: 115 },
          { t: NOW, credits: 100 },
        ],
      }),
      credits: 100,
    })
    expect(r.burnPerDay).toBe(15)
    expect(r.forecastDays).toBeCloseTo(6.67, 2)
  })

  it('never extrapolates from less than a day', () => {
    // 10 credits in the last hour would be 240/day; it is 10/day.
    const r = burnRate({
      ...input({
        snapshots: [
          { t: NOW - HOUR, credits: 60 },
          { t: NOW, credits: 50 },
        ],
      }),
      credits: 50,
    })
    expect(r).toEqual({ burnPerDay: 10, forecastDays: 5 })
  })

  it('forecasts 0 days for an empty or negative balance, and null for an unknown one', () => {
    const logs = [log(1, 14)]
    expect(burnRate({ ...input({ logs, logsSyncedAt: NOW }), credits: 0 }).forecastDays).toBe(0)
    expect(burnRate({ ...input({ logs, logsSyncedAt: NOW }), credits: -5 }).forecastDays).toBe(0)
    expect(burnRate({ ...input({ logs, logsSyncedAt: NOW }), credits: null })).toEqual({
      burnPerDay: 1,
      forecastDays: null,
    })
  })
})

describe('spendByDay', () => {
  it('groups by day, includes every day of the window with zeros, oldest first', () => {
    const since = NOW - 3 * DAY_MS
    const ev = spendEvents(input({ since, logs: [log(0, 4), log(0, 6), log(2, 3)], logsSyncedAt: NOW }))
    const days = spendByDay(ev, since, NOW, utcDay)
    expect(days).toEqual([
      { day: '2026-03-12', cost: 0 },
      { day: '2026-03-13', cost: 3 },
      { day: '2026-03-14', cost: 0 },
      { day: '2026-03-15', cost: 10 },
    ])
  })

  it('uses the local time zone by default', () => {
    const t = new Date(2026, 0, 5, 23, 30).getTime()
    expect(localDay(t)).toBe('2026-01-05')
  })
})

describe('spendByPackage', () => {
  it('joins package names, names unpackaged log rows by kind, groups snapshot drops, most expensive first', () => {
    const ev = spendEvents(
      input({
        logs: [log(1, 10, 7), log(2, 10, 7), log(1, 25, 9), log(1, 50, null, 'user', 'adjust_credits'), log(1, 3, 404)],
        logsSyncedAt: NOW - 12 * HOUR,
        snapshots: [
          { t: NOW - 6 * HOUR, credits: 100 },
          { t: NOW - 5 * HOUR, credits: 96 },
        ],
      }),
    )
    const names = new Map([
      [7, '1 month'],
      [9, '3 months'],
    ])
    expect(spendByPackage(ev, (id) => names.get(id))).toEqual([
      { packageId: null, name: 'Credits given to sub-resellers', cost: 50, group: 'kind', kind: 'user:adjust_credits' },
      { packageId: 9, name: '3 months', cost: 25, group: 'package', kind: null },
      { packageId: 7, name: '1 month', cost: 20, group: 'package', kind: null },
      { packageId: null, name: 'Not itemised (balance changes between checks)', cost: 4, group: 'unitemised', kind: null },
      { packageId: 404, name: 'Package #404', cost: 3, group: 'package', kind: null },
    ])
  })
})

describe('credit-log rows the panel logs with package 0', () => {
  // Non-package actions (credit transfers, new sub-resellers) carry package_id 0 (docs/panel-api.md §5).
  it('are named by what they were, never "Package #0"', () => {
    const ev = spendEvents(
      input({ logs: [log(1, 30, 0, 'user', 'adjust_credits'), log(1, 20, 0, 'user', 'new'), log(2, 5, 0, 'line', 'edit')], logsSyncedAt: NOW - HOUR }),
    )
    const groups = spendByPackage(ev, () => undefined)
    expect(groups.map((g) => g.name)).toEqual(['Credits given to sub-resellers', 'New sub-resellers', 'Other charges'])
    expect(groups.every((g) => g.packageId === null)).toBe(true)
  })
})

describe('chartPoints and sparkline', () => {
  const flat = Array.from({ length: 100 }, (_, i) => ({ t: i * 1000, credits: i < 50 ? 100 : 90 }))

  it('reduces flat runs to their ends', () => {
    expect(chartPoints(flat)).toEqual([
      { t: 0, credits: 100 },
      { t: 49_000, credits: 100 },
      { t: 50_000, credits: 90 },
      { t: 99_000, credits: 90 },
    ])
  })

  it('thins to at most max points, keeping first and last', () => {
    const varied = Array.from({ length: 5000 }, (_, i) => ({ t: i, credits: i % 2 }))
    const pts = chartPoints(varied, 100)
    expect(pts).toHaveLength(100)
    expect(pts[0]).toEqual({ t: 0, credits: 0 })
    expect(pts[99]).toEqual({ t: 4999, credits: 1 })
  })

  it('sparkline lists the last n balance changes, oldest first', () => {
    expect(sparkline(flat)).toEqual([100, 90])
    const steps = Array.from({ length: 40 }, (_, i) => ({ t: i, credits: 400 - i }))
    const s = sparkline(steps, 30)
    expect(s).toHaveLength(30)
    expect(s[0]).toBe(390)
    expect(s[29]).toBe(361)
  })
})
