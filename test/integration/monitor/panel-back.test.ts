/**
 * A panel that comes back is noticed as soon as anything else in the app talks
 * to it (panelAnswered) or a sync stores its balance (balanceStored) — not at
 * the monitor's next backoff step. Real simulator and cache; fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CreditSummary } from '../../../electron/shared/views'
import { MIN, monitorHarness, type MonitorHarness } from './harness'

let h: MonitorHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const panelOf = (t: MonitorHarness, id: string): CreditSummary => t.monitor.summary().find((s) => s.profileId === id)!

/** A panel watched, then down long enough that the next retry is 16 min away. */
async function downPanel() {
  const t = (h = await monitorHarness({ credits: 100, offlineAlertMinutes: 60 }))
  const main = await t.addPanel('Main')
  t.service.start()
  await t.settle()
  await t.sim.stop()
  await t.advance(5 * MIN)
  for (let i = 0; i < 5; i++) await t.advance(t.monitor.nextPollAt(main.id)! - t.clock.now())
  expect(panelOf(t, main.id).state).toBe('offline')
  expect(t.monitor.nextPollAt(main.id)! - t.clock.now()).toBeGreaterThanOrEqual(16 * MIN)
  await t.sim.start()
  return { t, main }
}

describe('a panel that came back', () => {
  it('panelAnswered ends the outage at once and reads the balance 1.5 s later', async () => {
    const { t, main } = await downPanel()
    t.sim.setCredits(90)
    const reads = t.requests.user_info
    t.monitor.panelAnswered(main.id)
    expect(panelOf(t, main.id).state).toBe('ok')
    expect(t.lastSummary().find((s) => s.profileId === main.id)?.state).toBe('ok')
    await t.advance(1500)
    expect(t.requests.user_info).toBe(reads + 1)
    expect(panelOf(t, main.id).credits).toBe(90)
    expect(t.monitor.nextPollAt(main.id)! - t.clock.now()).toBe(5 * MIN)
  })

  it('balanceStored takes the balance a sync stored, without a second read, and returns to the interval', async () => {
    const { t, main } = await downPanel()
    t.sim.setCredits(70)
    // What a sync of 'account' does: read user_info, store the account row .
    const info = await t.client(main.id).call('user_info', {})
    t.cache.setAccount(main.id, info, t.clock.now())
    const reads = t.requests.user_info
    t.monitor.balanceStored(main.id)
    const s = panelOf(t, main.id)
    expect([s.state, s.credits]).toEqual(['ok', 70])
    expect(t.monitor.nextPollAt(main.id)! - t.clock.now()).toBe(5 * MIN)
    await t.advance(4 * MIN)
    expect(t.requests.user_info).toBe(reads)
  })

  it('does nothing to a panel that was never down', async () => {
    const t = (h = await monitorHarness({ credits: 100 }))
    const main = await t.addPanel('Main')
    t.service.start()
    await t.settle()
    const due = t.monitor.nextPollAt(main.id)
    t.monitor.panelAnswered(main.id)
    expect(t.monitor.nextPollAt(main.id)).toBe(due)
  })
})
