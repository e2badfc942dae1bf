/**
 * The seam between the credit monitor and the rest of the core: once a panel
 * that was down answers anybody (a sync, a write), the credits card must stop
 * saying "Offline" at once — not when the monitor's backoff timer fires.
 * Real simulator over HTTP, real core. The core's clock is injected and stands
 * still, so "when is the next poll" is compared with exact figures, not with
 * the wall clock; the monitor's real timers are 30 s or more away, far beyond
 * what these tests wait.
 */
import { describe, expect, it } from 'vitest'
import type { CreditSummary } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { BACKOFF_BASE_MS } from '../../../electron/core/monitor/schedule'
import { addSimPanel, makeCore, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

/** The core's clock in these tests: it does not move unless a test moves it. */
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0)
const fixedClock = { now: () => NOW }

const sims: RunningSimulator[] = []
const cores: TestCore[] = []
closeAfterEach(() => [...cores.splice(0), ...sims.splice(0)])

async function offlinePanel(credits = 300) {
  const sim = await startSimulator({ seed: 3, lines: 30, credits })
  sims.push(sim)
  const t = await makeCore(fixedClock)
  cores.push(t)
  const p = await addSimPanel(t, sim)
  t.core.monitor.start()
  await t.core.monitor.idle()
  const stateOf = async (): Promise<CreditSummary> => (await t.call('credits:summary')).find((s) => s.profileId === p.id)!
  expect((await stateOf()).state).toBe('ok')

  await sim.stop()
  const r = await t.raw('credits:refresh', { profileId: p.id })
  expect(r.ok).toBe(false)
  expect((await stateOf()).state).toBe('offline')
  // The monitor's own retry is a backoff step away (30 s at least): anything sooner came from the seam.
  expect(t.core.monitor.nextPollAt(p.id)).toBeGreaterThanOrEqual(NOW + BACKOFF_BASE_MS)
  await sim.start()
  return { sim, t, p, stateOf }
}

describe('the credit monitor learns of a panel that came back', () => {
  it('a sync of a list that succeeds ends "offline" at once', async () => {
    const { t, p, stateOf } = await offlinePanel()
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    const ended = await waitForSync(t, p.id, ['lines'], from)
    expect(ended.get('lines')?.state).toBe('done')
    expect((await stateOf()).state).toBe('ok')
    const told = t.events.slice(from).filter((e) => e.name === 'credits:changed')
    expect(told.length).toBeGreaterThan(0)
  })

  it('a sync of the account hands its fresh balance to the monitor and resets the backoff', async () => {
    const { sim, t, p, stateOf } = await offlinePanel(300)
    sim.setCredits(240)
    const from = t.events.length
    // Only the account target (the page's sync:run always adds the lists, which would prove the other path).
    await t.core.sync.run({ profileIds: [p.id], targets: ['account'] }).done
    const ended = await waitForSync(t, p.id, ['account'], from)
    expect(ended.get('account')?.state).toBe('done')
    const s = await stateOf()
    expect(s.state).toBe('ok')
    expect(s.credits).toBe(240)
    // Back on the panel's interval (5 min), not a backoff step.
    expect(t.core.monitor.nextPollAt(p.id)).toBe(NOW + 5 * 60_000)
  })
})

describe('the balance after a spend', () => {
  it('credits:summary shows the balance the write read, at once, even with monitoring paused', async () => {
    const sim = await startSimulator({ seed: 4, lines: 10, credits: 500 })
    sims.push(sim)
    const t = await makeCore()
    cores.push(t)
    const p = await addSimPanel(t, sim)
    t.core.monitor.start()
    await t.core.monitor.idle()
    await t.call('credits:setPaused', { paused: true })
    const pkg = (await t.call('packages:list', { profileId: p.id })).find((x) => x.isOfficial && x.isLine !== false && x.officialCredits > 0)
    if (!pkg) throw new Error('simulator has no paid line package')
    const created = await t.call('lines:create', { profileId: p.id, packageId: pkg.id, trial: false })
    expect(created.balanceAfter).toBe(500 - pkg.officialCredits)
    const quote = await t.call('spend:quote', { profileId: p.id, resource: 'lines', kind: 'create', packageId: pkg.id, trial: false })
    const summary = (await t.call('credits:summary')).find((s) => s.profileId === p.id)!
    expect(summary.credits).toBe(quote.balance)
    expect(summary.credits).toBe(sim.credits())
  })
})
