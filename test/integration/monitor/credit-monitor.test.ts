/**
 * The credit monitor against the real simulator over HTTP, the real client
 * and a real SQLite cache; only the clock is fake (no real waiting).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../electron/core/api'
import { AppError } from '../../../electron/core/errors'
import { methods } from '../../../electron/shared/contract'
import type { CreditSummary } from '../../../electron/shared/views'
import { MIN, monitorHarness, type MonitorHarness } from './harness'

let h: MonitorHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

async function start(o: Parameters<typeof monitorHarness>[0] = {}) {
  h = await monitorHarness(o)
  return h
}

let seq = 0
/** A real spend: create_line (package 1 costs 5) through the client, then the write path's onSpend. */
async function spend(t: MonitorHarness, profileId: string): Promise<void> {
  seq++
  await t
    .client(profileId)
    .call('create_line', { package: 1, trial: false, username: `monitor${seq}user`, password: `monitor${seq}pass` })
  t.ctx.onSpend(profileId)
}

const panelOf = (t: MonitorHarness, id: string): CreditSummary => t.monitor.summary().find((s) => s.profileId === id)!

describe('polling and snapshots', () => {
  it('reads every enabled panel with a key at start, stores the snapshot and the account, and emits the summary', async () => {
    const t = await start({ credits: 100 })
    const main = await t.addPanel('Main')
    await t.addPanel('No key', { key: false })
    await t.addPanel('Switched off', { enabled: false })
    t.service.start()
    await t.settle()

    expect(t.requests.user_info).toBe(1)
    expect(t.cache.creditSnapshots(main.id, 0)).toEqual([{ t: t.clock.now(), credits: 100 }])
    expect(t.cache.getAccount(main.id)?.info.credits).toBe(100)
    const summary = t.lastSummary()
    methods['credits:summary'].result.parse(summary)
    expect(summary.map((s) => [s.name, s.state, s.credits])).toEqual([
      ['Main', 'ok', 100],
      ['No key', 'unknown', null],
    ])
    expect(summary[0]!.updatedAt).toBe(t.clock.now())
  })

  it('polls at the panel interval', async () => {
    const t = await start({ pollMinutes: 10 })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    expect(t.monitor.nextPollAt(main.id)).toBe(t.clock.now() + 10 * MIN)
    await t.advance(9 * MIN)
    expect(t.requests.user_info).toBe(1)
    await t.advance(1 * MIN)
    expect(t.requests.user_info).toBe(2)
    await t.advance(60 * MIN)
    expect(t.requests.user_info).toBe(8)
    expect(t.cache.creditSnapshots(main.id, 0)).toHaveLength(8)
  })

  it('a spend is seen in the next snapshot, read 1.5 s after the write; several writes give one read', async () => {
    const t = await start({ credits: 100 })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    const reads = t.requests.user_info

    await spend(t, main.id)
    await spend(t, main.id)
    await spend(t, main.id)
    await t.advance(1000)
    expect(t.requests.user_info).toBe(reads) // still debouncing
    await t.advance(500)
    expect(t.requests.user_info).toBe(reads + 1)
    expect(t.sim.credits()).toBe(85)
    expect(t.cache.creditSnapshots(main.id, 0).map((s) => s.credits)).toEqual([100, 85])
    expect(panelOf(t, main.id).credits).toBe(85)
    expect(t.lastSummary()[0]!.credits).toBe(85)
  })
})

describe('threshold notifications', () => {
  it('crossing the warning threshold notifies exactly once over many polls', async () => {
    const t = await start({ credits: 60, thresholds: { warning: 50, critical: 10 } })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    expect(t.notes).toEqual([])

    await spend(t, main.id) // 55
    await spend(t, main.id) // 50: reached
    await t.advance(2000)
    expect(panelOf(t, main.id)).toMatchObject({ credits: 50, state: 'low' })
    expect(t.notes).toHaveLength(1)
    expect(t.notes[0]).toMatchObject({ profileId: main.id, title: 'Main: credits running low' })
    expect(t.notes[0]!.body).toContain('50 credits left')

    await spend(t, main.id) // 45, still low
    await t.advance(3 * 60 * MIN) // 36 more polls
    expect(t.requests.user_info).toBeGreaterThan(35)
    expect(t.notes).toHaveLength(1)
  })

  it('a balance hovering at the line does not re-notify; climbing clearly back re-arms; recovery is quiet', async () => {
    const t = await start({ credits: 49, thresholds: { warning: 50, critical: 10 } })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    expect(t.notes).toHaveLength(1) // first look: already below the line

    for (const c of [51, 49, 52, 50, 52.5, 48]) {
      t.sim.setCredits(c)
      await t.advance(5 * MIN)
    }
    expect(t.notes).toHaveLength(1)

    t.sim.setCredits(80) // recovery: state change, no notification
    await t.advance(5 * MIN)
    expect(panelOf(t, main.id).state).toBe('ok')
    expect(t.lastSummary()[0]!.state).toBe('ok')
    expect(t.notes).toHaveLength(1)

    t.sim.setCredits(45) // a new crossing
    await t.advance(5 * MIN)
    expect(t.notes).toHaveLength(2)

    t.sim.setCredits(8) // on down to critical: its own, single notification
    await t.advance(5 * MIN)
    await t.advance(30 * MIN)
    expect(t.notes.map((n) => n.title)).toEqual([
      'Main: credits running low',
      'Main: credits running low',
      'Main: credits critically low',
    ])
    expect(panelOf(t, main.id).state).toBe('critical')
  })
})

describe('unreachable panels', () => {
  it('goes offline, backs off exponentially, notifies once after the limit, and re-arms on success', async () => {
    const t = await start({ credits: 100, offlineAlertMinutes: 10 })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    const t0 = t.clock.now()
    await t.sim.stop()

    // The next regular poll (5 min) fails: offline, and the retries space out.
    await t.advance(5 * MIN)
    expect(panelOf(t, main.id).state).toBe('offline')
    expect(panelOf(t, main.id).credits).toBe(100) // last known balance kept
    const gaps: number[] = []
    for (let i = 0; i < 4; i++) {
      const next = t.monitor.nextPollAt(main.id)!
      gaps.push(next - t.clock.now())
      await t.advance(next - t.clock.now())
    }
    expect(gaps).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(t.notes).toEqual([]) // 5 min 30 s + 3 min 30 s of outage is still below 10 min

    await t.advance(30 * MIN)
    expect(t.notes).toHaveLength(1)
    expect(t.notes[0]).toMatchObject({ profileId: main.id, title: 'Main: credits cannot be checked' })
    expect(t.notes[0]!.body).not.toMatch(/api_key=(?!\*)/)
    await t.advance(3 * 60 * MIN)
    expect(t.notes).toHaveLength(1) // once per outage
    // Backoff is capped at 30 min.
    expect(t.monitor.nextPollAt(main.id)! - t.clock.now()).toBeLessThanOrEqual(30 * MIN)
    expect(t.clock.requested.filter((ms) => ms > 30 * MIN)).toEqual([])

    await t.sim.start()
    await t.advance(t.monitor.nextPollAt(main.id)! - t.clock.now()) // exactly the next retry
    expect(panelOf(t, main.id).state).toBe('ok')
    expect(t.monitor.nextPollAt(main.id)! - t.clock.now()).toBe(5 * MIN) // back to the normal interval
    expect(t.clock.now() - t0).toBeGreaterThan(4 * 60 * MIN)

    await t.sim.stop() // a second outage is worth a second notification
    await t.advance(60 * MIN)
    expect(t.notes).toHaveLength(2)
  })

  it('the offline alert comes at the limit, not a backoff step later', async () => {
    const t = await start({ offlineAlertMinutes: 7 })
    await t.addPanel('Main')
    t.service.start()
    await t.settle()
    await t.sim.stop()
    await t.advance(5 * MIN) // first failure at 5 min
    await t.advance(7 * MIN - 1)
    expect(t.notes).toHaveLength(0)
    await t.advance(1)
    expect(t.notes).toHaveLength(1)
  })

  it('refresh of one panel rejects with the panel error; of all panels it does not', async () => {
    const t = await start()
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    await t.sim.stop()
    const err = await t.service.handlers['credits:refresh']({ profileId: main.id }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('OFFLINE')
    await expect(t.service.handlers['credits:refresh']({})).resolves.toEqual({ done: true })
    const missing = await t.service.handlers['credits:refresh']({ profileId: 'nope' }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(AppError)
    expect((missing as AppError).code).toBe('NOT_FOUND_LOCAL')
  })
})

describe('pause', () => {
  it('stops all polling (even after spends) and resumes with a read', async () => {
    const t = await start()
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    await expect(t.service.handlers['credits:setPaused']({ paused: true })).resolves.toEqual({ paused: true })
    expect(t.monitor.nextPollAt(main.id)).toBeNull()
    const before = t.requests.user_info
    await spend(t, main.id)
    await t.advance(6 * 60 * MIN)
    expect(t.requests.user_info).toBe(before)
    expect(t.clock.size).toBe(0)

    await t.service.handlers['credits:setPaused']({ paused: false })
    await t.settle()
    expect(t.requests.user_info).toBe(before + 1)
    expect(panelOf(t, main.id).credits).toBe(95)
    expect(t.monitor.nextPollAt(main.id)).toBe(t.clock.now() + 5 * MIN)
  })

  it('an explicit refresh still works while paused', async () => {
    const t = await start({ paused: true })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    expect(t.requests.user_info).toBe(0)
    await t.service.handlers['credits:refresh']({ profileId: main.id })
    expect(t.requests.user_info).toBe(1)
    expect(t.clock.size).toBe(0)
  })
})

describe('profiles changing', () => {
  it('a panel added later is read at once; a removed one is dropped', async () => {
    const t = await start()
    const a = await t.addPanel('A')
    t.service.start()
    await t.settle()
    const b = await t.addPanel('B')
    t.monitor.profilesChanged()
    await t.settle()
    expect(t.lastSummary().map((s) => [s.name, s.state])).toEqual([
      ['A', 'ok'],
      ['B', 'ok'],
    ])
    await t.profiles.remove(a.id)
    t.monitor.profilesChanged()
    expect(t.monitor.nextPollAt(a.id)).toBeNull()
    expect(t.lastSummary().map((s) => s.profileId)).toEqual([b.id])
  })
})

describe('history, burn rate and forecast', () => {
  it('spend by day and by package come from the credit log, later drops from snapshots; burn and forecast follow', async () => {
    const t = await start({ credits: 500 })
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    const DAY = 24 * 60 * MIN
    /** Sale number `n` (histuser0n) of package `pkg`, straight to the panel. */
    const sell = (n: number, pkg: number) =>
      t.client(main.id).call('create_line', { package: pkg, trial: false, username: `histuser0${n}`, password: `histpass0${n}` })

    // Three days of selling: packages 1 + 2 on day one, 3 on day two, 1 on day three.
    await sell(1, 1)
    await sell(2, 2)
    t.ctx.onSpend(main.id)
    await t.advance(DAY)
    await sell(3, 3)
    t.ctx.onSpend(main.id)
    await t.advance(DAY)
    await sell(4, 1)
    t.ctx.onSpend(main.id)
    await t.advance(5000)

    // What the sync engine does for the credit log and packages.
    const now = t.clock.now()
    const logs = await t.client(main.id).call('user_logs', { start: 0, limit: 1000 })
    t.cache.replaceAll(main.id, 'creditLogs', logs.rows, null, now)
    t.cache.setPackages(main.id, await t.client(main.id).call('packages', {}), now)

    // After the log sync, one more sale is seen only through the balance snapshots.
    await t.advance(5 * MIN)
    await sell(5, 1)
    t.ctx.onSpend(main.id)
    await t.advance(5000)
    const ledger = t.sim.ledger()
    expect(ledger.map((e) => e.action)).toEqual([
      'create_line',
      'create_line',
      'create_line',
      'create_line',
      'create_line',
    ])
    expect(t.sim.credits()).toBe(500 - ledger.reduce((s, e) => s + e.cost, 0))

    const hist = await t.service.handlers['credits:history']({ profileId: main.id, days: 14 })
    methods['credits:history'].result.parse(hist)
    const since = t.clock.now() - 14 * DAY
    const logged = logs.rows
      .filter((r) => r.cost > 0 && r.date !== null && r.date * 1000 >= since)
      .reduce((s, r) => s + r.cost, 0)
    const ours = ledger.slice(0, 4).reduce((s, e) => s + e.cost, 0)
    expect(logged).toBeGreaterThanOrEqual(ours) // ours at least (the seeded history may add older sales)
    const total = hist.spendByDay.reduce((s, d) => s + d.cost, 0)
    expect(total).toBeCloseTo(logged + ledger[4]!.cost, 6)
    expect(hist.spendByDay.length).toBeGreaterThanOrEqual(14)

    const byName = new Map(hist.spendByPackage.map((p) => [p.name, p]))
    expect(byName.get('Not itemised (balance changes between checks)')?.cost).toBe(ledger[4]!.cost)
    expect(byName.get('3 Months')?.packageId).toBe(2)
    expect(byName.get('6 Months')?.cost).toBeGreaterThanOrEqual(ledger[2]!.cost)

    expect(hist.burnPerDay).toBeCloseTo((logged + ledger[4]!.cost) / 14, 2)
    expect(hist.forecastDays).toBeCloseTo(t.sim.credits() / ((logged + ledger[4]!.cost) / 14), 1)
    expect(hist.points.at(-1)).toEqual({ t: expect.any(Number), credits: t.sim.credits() })

    const summary = panelOf(t, main.id)
    expect(summary.burnPerDay).toBe(hist.burnPerDay)
    expect(summary.forecastDays).toBe(hist.forecastDays)
    // One balance read after each day's sales (the two of day one coalesced into one read).
    expect(summary.sparkline).toEqual([500, ...[1, 2, 3, 4].map((i) => ledger[i]!.balanceAfter)])
  })
})
