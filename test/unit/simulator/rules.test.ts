import { describe, expect, it } from 'vitest'
import { createSimulatorState } from '../../../electron/simulator/seed'
import {
  canGenerateTrials,
  checkPackage,
  isCompatible,
  newExpiry,
  officialPrice,
  resolveBouquets,
  trialsUsed,
  trialWindowStart,
  ispLockFrom,
} from '../../../electron/simulator/rules'
import { charge } from '../../../electron/simulator/context'
import type { SimPackage, SimulatorState } from '../../../electron/simulator/model'

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0)
const NOW = NOW_MS / 1000
const DAY = 86400

function setup(): { st: SimulatorState; pkg: (id: number) => SimPackage } {
  const st = createSimulatorState({ now: () => NOW_MS, lines: 30, mags: 5, enigmas: 5, activecodes: 5 })
  return { st, pkg: (id) => st.packages.get(id) as SimPackage }
}
const me = (st: SimulatorState) => st.users.get(st.resellerId)!
const myGroup = (st: SimulatorState) => st.groups.get(me(st).member_group_id)!

describe('prices', () => {
  it('intvals prices and applies the per-user override', () => {
    const { st, pkg } = setup()
    expect(officialPrice(pkg(8), me(st))).toBe(9) // 9.5 → 9
    expect(officialPrice(pkg(2), me(st))).toBe(12) // override 13 → 12
    expect(officialPrice(pkg(2), st.users.get(5)!)).toBe(13)
  })
  it('charges intval(balance) - cost, losing fractions on the first charge', () => {
    const { st } = setup()
    const u = me(st)
    u.credits = 485.5
    charge(u, 5)
    expect(u.credits).toBe(480)
    charge(u, 0)
    expect(u.credits).toBe(480)
  })
})

describe('checkPackage order (panel-api §7)', () => {
  const run = (st: SimulatorState, params: Record<string, string>, type: 'is_line' | 'is_mag' | 'is_e2' = 'is_line') =>
    checkPackage(st, me(st), myGroup(st), params, type, NOW)
  it('no package → INVALID_PACKAGE', () => {
    const { st } = setup()
    expect(run(st, {})).toEqual({ ok: false, status: 'STATUS_INVALID_PACKAGE' })
    expect(run(st, { package: '0' })).toEqual({ ok: false, status: 'STATUS_INVALID_PACKAGE' })
  })
  it('nonexistent package or wrong type → INVALID_TYPE (before the group check)', () => {
    const { st } = setup()
    expect(run(st, { package: '999' })).toMatchObject({ status: 'STATUS_INVALID_TYPE' })
    expect(run(st, { package: '7' })).toMatchObject({ status: 'STATUS_INVALID_TYPE' }) // MAG/E2-only package for a line
    expect(run(st, { package: '6' }, 'is_mag')).toMatchObject({ status: 'STATUS_INVALID_TYPE' })
  })
  it('package not sold to the group → INVALID_PACKAGE', () => {
    const { st } = setup()
    expect(run(st, { package: '9' })).toMatchObject({ status: 'STATUS_INVALID_PACKAGE' })
  })
  it('trial refused → NO_TRIALS before the credit check', () => {
    const { st } = setup()
    myGroup(st).total_allowed_gen_trials = 0
    me(st).credits = 0
    expect(run(st, { package: '8', trial: '1' })).toMatchObject({ status: 'STATUS_NO_TRIALS' })
  })
  it('price > intval(balance) → INSUFFICIENT_CREDITS; price == balance passes', () => {
    const { st } = setup()
    me(st).credits = 4.9
    expect(run(st, { package: '1' })).toMatchObject({ status: 'STATUS_INSUFFICIENT_CREDITS' })
    me(st).credits = 5.2
    expect(run(st, { package: '1' })).toMatchObject({ ok: true, cost: 5, isTrial: false })
  })
  it('trials cost trial_credits', () => {
    const { st } = setup()
    expect(run(st, { package: '1', trial: '1' })).toMatchObject({ ok: true, cost: 0, isTrial: true })
    expect(run(st, { package: '8', trial: '1' })).toMatchObject({ ok: true, cost: 1, isTrial: true })
    expect(run(st, { package: '8', trial: '0' })).toMatchObject({ ok: true, cost: 9, isTrial: false })
  })
})

describe('trials quota', () => {
  it('counts own trials created within N days (N = quota) and refuses at the quota', () => {
    const { st } = setup()
    const g = myGroup(st)
    const since = trialWindowStart(g, NOW)
    expect(since).toBe(NOW - 10 * DAY)
    const used = trialsUsed(st, st.resellerId, since)
    expect(used).toBeLessThan(g.total_allowed_gen_trials)
    g.total_allowed_gen_trials = used
    expect(canGenerateTrials(st, me(st), g, NOW)).toBe(false)
    g.total_allowed_gen_trials = used + 1
    expect(canGenerateTrials(st, me(st), g, NOW)).toBe(true)
    st.settings.disable_trial = true
    expect(canGenerateTrials(st, me(st), g, NOW)).toBe(false)
  })
  it('honours the balance floor minimum_trial_credits', () => {
    const { st } = setup()
    const g = myGroup(st)
    g.minimum_trial_credits = 50
    me(st).credits = 49
    expect(canGenerateTrials(st, me(st), g, NOW)).toBe(false)
  })
})

describe('expiry arithmetic', () => {
  it('official from now on create; trial from now; duration 0 → now', () => {
    const { pkg } = setup()
    expect(newExpiry(null, pkg(1), false, NOW)).toBe(Date.UTC(2025, 1, 15, 12) / 1000)
    expect(newExpiry(null, pkg(1), true, NOW)).toBe(NOW + DAY)
    expect(newExpiry(null, pkg(5), false, NOW)).toBe(NOW)
    expect(newExpiry(null, pkg(4), false, NOW)).toBe(Date.UTC(2026, 0, 15, 12) / 1000)
  })
  it('extends from the current exp_date when not expired and compatible', () => {
    const { pkg } = setup()
    const cur = { exp_date: NOW + 10 * DAY, package_id: 1 }
    expect(newExpiry(cur, pkg(2), false, NOW, pkg(1))).toBe(Date.UTC(2025, 3, 25, 12) / 1000) // Jan 25 + 3 months
  })
  it('counts from now when expired, incompatible, unlimited or trial', () => {
    const { pkg } = setup()
    expect(newExpiry({ exp_date: NOW - DAY, package_id: 1 }, pkg(1), false, NOW, pkg(1))).toBe(
      Date.UTC(2025, 1, 15, 12) / 1000,
    )
    expect(newExpiry({ exp_date: NOW + 10 * DAY, package_id: 1 }, pkg(8), false, NOW, pkg(1))).toBe(
      Date.UTC(2025, 1, 15, 12) / 1000,
    )
    expect(newExpiry({ exp_date: null, package_id: 1 }, pkg(1), false, NOW, pkg(1))).toBe(
      Date.UTC(2025, 1, 15, 12) / 1000,
    )
    expect(newExpiry({ exp_date: NOW + 10 * DAY, package_id: 1 }, pkg(1), true, NOW, pkg(1))).toBe(NOW + DAY)
  })
  it('Jan 31 + 1 month extension lands on Mar 3', () => {
    const { pkg } = setup()
    const jan31 = Date.UTC(2025, 0, 31, 9) / 1000
    expect(newExpiry({ exp_date: jan31, package_id: 1 }, pkg(1), false, NOW, pkg(1))).toBe(
      Date.UTC(2025, 2, 3, 9) / 1000,
    )
  })
  it('compatibility needs check_compatible and matching delivery fields', () => {
    const { pkg } = setup()
    expect(isCompatible(pkg(1), pkg(3))).toBe(true)
    expect(isCompatible(undefined, pkg(3))).toBe(false)
    expect(isCompatible(pkg(1), pkg(6))).toBe(false) // different bouquets
    expect(isCompatible(pkg(1), pkg(8))).toBe(false) // check_compatible 0
  })
})

describe('bouquets and ISP lock', () => {
  it('narrows to selected bouquets in the package, sorted by global order; falls back to the package list', () => {
    const { st } = setup()
    const g = myGroup(st)
    // Global order: 2 (1), 3 (2), 1 (3), 5 (4), 4 (5), 6 (6)
    expect(resolveBouquets(st, [1, 2, 3, 4], undefined, g)).toEqual([2, 3, 1, 4])
    expect(resolveBouquets(st, [1, 2, 3, 4], ['4', '1', '99'], g)).toEqual([1, 4])
    expect(resolveBouquets(st, [1, 2, 3, 4], ['99'], g)).toEqual([2, 3, 1, 4])
    g.allow_change_bouquets = 0
    expect(resolveBouquets(st, [1, 2, 3, 4], ['4'], g)).toEqual([2, 3, 1, 4])
  })
  it('is_isplock: presence semantics turn the lock on even for 0', () => {
    expect(ispLockFrom({ is_isplock: '0' }, 'presence')).toBe(1)
    expect(ispLockFrom({}, 'presence')).toBe(0)
    expect(ispLockFrom({ is_isplock: '0' }, 'value')).toBe(0)
    expect(ispLockFrom({ is_isplock: '1' }, 'value')).toBe(1)
  })
})
