/**
 * Issue #15 (credits): the balance history spans the range asked for
 * (7/30/90 days), drawn from the credit log's `credits_after` of the
 * account's own rows, not only from the balance checks since the app started.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import { balanceSeries } from '../../../electron/core/monitor/balance-series'
import { panelHistory } from '../../../electron/core/monitor/credit-views'
import type { AccountInfo, CreditLog } from '../../../electron/shared/domain'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 2, 12)
const sec = (ms: number) => Math.floor(ms / 1000)
const row = (daysAgo: number, cost: number, creditsAfter: number) => ({ date: sec(NOW - daysAgo * DAY), cost, creditsAfter })

describe('balanceSeries', () => {
  it('runs from the range start to now, through every charge the log has', () => {
    const pts = balanceSeries({
      logs: [row(60, 5, 195), row(20, 10, 185), row(3, 5, 180)],
      before: null,
      snapshots: [],
      since: NOW - 90 * DAY,
      now: NOW,
      current: 180,
    })
    expect(pts).toEqual([
      { t: NOW - 90 * DAY, credits: 200 }, // what the first charge started from
      { t: (NOW - 60 * DAY), credits: 195 },
      { t: (NOW - 20 * DAY), credits: 185 },
      { t: (NOW - 3 * DAY), credits: 180 },
      { t: NOW, credits: 180 },
    ])
  })

  it('starts at the last balance before the range when the log reaches back that far', () => {
    const pts = balanceSeries({ logs: [row(5, 5, 95)], before: row(40, 1, 120), snapshots: [], since: NOW - 30 * DAY, now: NOW, current: 95 })
    expect(pts[0]).toEqual({ t: NOW - 30 * DAY, credits: 120 }) // a top-up came between: the log's balance, not 95 + 5
  })

  it('merges the monitor checks (a top-up the log does not list) and ends at today’s balance', () => {
    const pts = balanceSeries({
      logs: [row(10, 5, 45)],
      before: null,
      snapshots: [{ t: NOW - 2 * DAY, credits: 145 }],
      since: NOW - 30 * DAY,
      now: NOW,
      current: 140,
    })
    expect(pts.map((p) => p.credits)).toEqual([50, 45, 145, 140])
    expect(pts[pts.length - 1]!.t).toBe(NOW)
  })

  it('with nothing logged or checked: a flat line at the known balance, or nothing', () => {
    expect(balanceSeries({ logs: [], before: null, snapshots: [], since: NOW - 7 * DAY, now: NOW, current: 30 })).toEqual([
      { t: NOW - 7 * DAY, credits: 30 },
      { t: NOW, credits: 30 },
    ])
    expect(balanceSeries({ logs: [], before: null, snapshots: [], since: NOW - 7 * DAY, now: NOW, current: null })).toEqual([])
  })
})

describe('panelHistory over a real cache', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

  function cacheWith(logs: CreditLog[]) {
    const dir = mkdtempSync(join(tmpdir(), 'xm-balance-'))
    dirs.push(dir)
    const cache = openCache(join(dir, 'cache.db'), { now: () => NOW })
    cache.setAccount('p1', { id: 1, username: 'me', credits: 180 } as AccountInfo, NOW)
    cache.replaceAll('p1', 'creditLogs', logs, null, NOW - DAY)
    cache.addCreditSnapshot('p1', NOW - 60_000, 180) // the app has only watched for a minute
    return cache
  }
  const log = (id: number, ownerName: string, daysAgo: number, cost: number, creditsAfter: number): CreditLog => ({
    id, ownerName, type: 'line', action: 'new', targetId: id, packageId: 1, cost, creditsAfter, date: sec(NOW - daysAgo * DAY),
  })

  it('the 90-day range shows 90 days from the log, the 7-day range only its week', () => {
    const cache = cacheWith([log(1, 'me', 80, 5, 195), log(2, 'me', 45, 10, 185), log(3, 'me', 2, 5, 180)])
    const h90 = panelHistory(cache, 'p1', 90, 180, NOW)
    expect(h90).toMatchObject({ from: NOW - 90 * DAY, to: NOW })
    expect(h90.points.map((p) => p.credits)).toEqual([200, 195, 185, 180, 180])
    expect(h90.points[0]!.t).toBe(NOW - 90 * DAY)
    const h7 = panelHistory(cache, 'p1', 7, 180, NOW)
    expect(h7.points[0]).toEqual({ t: NOW - 7 * DAY, credits: 185 }) // the balance the week started at
    expect(h7.points.some((p) => p.t < NOW - 7 * DAY)).toBe(false)
    cache.close()
  })

  it('a sub-reseller’s rows (its own balance) stay out of the account’s line', () => {
    const cache = cacheWith([log(1, 'me', 20, 5, 185), log(2, 'sub1', 10, 3, 7), log(3, 'me', 5, 5, 180)])
    const h = panelHistory(cache, 'p1', 30, 180, NOW)
    expect(h.points.map((p) => p.credits)).not.toContain(7)
    cache.close()
  })
})
