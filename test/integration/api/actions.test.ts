/**
 * Every one of the 44 actions' success path against the real simulator over
 * HTTP, in the doc variant and in the real-server variant (numbers as strings,
 * no list counts, XUI package fields, bare adjust_credits, create_activecode
 * without `code`). Results must satisfy the domain schemas and match the
 * simulator's state and ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { XtreamClient } from '../../../electron/core/api/client'
import { ACTION_NAMES, type ActionName, type ParamsOf, type ResultOf } from '../../../electron/core/api/actions'
import type { SimulatorVariants } from '../../../electron/simulator'
import { resultSchema } from '../../unit/api/result-schemas'
import { apiError, setup, type Sim } from './helpers'

const VARIANTS: [string, Partial<SimulatorVariants>][] = [
  ['doc variant', {}],
  [
    'real-server variant',
    {
      numericStrings: true,
      listCounts: false,
      packageFields: 'xui',
      adjustResponse: 'bare',
      activecodeCreateReturnsCode: false,
    },
  ],
]

describe.each(VARIANTS)('all 44 actions, %s', (_name, variants) => {
  let sim: Sim
  let client: XtreamClient
  const covered = new Set<ActionName>()
  const real = variants.numericStrings === true

  /** Call, record the action as covered, and check the result against the domain schema. */
  async function call<A extends ActionName>(action: A, params: ParamsOf<A>): Promise<ResultOf<A>> {
    const value = await client.call(action, params)
    const check = resultSchema(action).safeParse(value)
    expect(check.success, `${action}: ${JSON.stringify(check.error?.issues[0])}`).toBe(true)
    covered.add(action)
    return value
  }
  const lastLedger = () => sim.ledger().at(-1)!
  /** Official prices as the panel quotes them to us (per-reseller overrides applied). */
  const price = new Map<number, number>()

  beforeAll(async () => {
    ;({ sim, client } = await setup({
      seed: 21,
      lines: 60,
      mags: 10,
      enigmas: 10,
      activecodes: 10,
      subResellers: 5,
      credits: 1000,
      variants,
    }))
  })
  afterAll(async () => sim.close())

  it('general: user_info and packages', async () => {
    const info = await call('user_info', {})
    expect(info.id).toBe(sim.state.resellerId)
    expect(info.credits).toBe(sim.credits())
    expect(info.permissions.minUsernameLength).toBe(8)
    const pkgs = await call('packages', {})
    const ids = pkgs.map((p) => p.id)
    expect(ids).toContain(1)
    expect(ids).not.toContain(9) // sold to another group only
    for (const p of pkgs) price.set(p.id, p.officialCredits)
    const month = pkgs.find((p) => p.id === 1)!
    expect(month.officialCredits).toBe(5)
    if (real)
      expect(month).toMatchObject({
        officialDurationIn: 'months',
        trialDuration: 24,
        trialDurationIn: 'hours',
        isLine: true,
      })
  })

  it('lines: create, get, edit, extend, list, disable, enable, delete', async () => {
    const before = sim.credits()
    const line = await call('create_line', {
      package: 1,
      trial: false,
      username: 'itestuser01',
      password: 'itestpass01',
      reseller_notes: 'VIP <lobby> & "co"',
      allowed_ips: ['10.0.0.1', '10.0.0.2'],
      bouquets_selected: [2, 1],
    })
    expect(line).toMatchObject({
      username: 'itestuser01',
      password: 'itestpass01',
      packageId: 1,
      isTrial: false,
      enabled: true,
    })
    expect(sim.credits()).toBe(before - price.get(1)!)
    expect(lastLedger()).toMatchObject({ action: 'create_line', cost: price.get(1) })
    const stored = sim.state.lines.get(line.id)!
    expect(stored.is_isplock).toBe(0) // is_isplock omitted, so the presence-testing server leaves it off
    expect(stored.allowed_ips).toEqual(['10.0.0.1', '10.0.0.2'])

    const got = await call('get_line', { id: line.id })
    expect(got).toMatchObject({
      id: line.id,
      resellerNotes: 'VIP <lobby> & "co"',
      allowedIps: ['10.0.0.1', '10.0.0.2'],
      isIspLock: false,
    })
    expect(got.bouquets.sort()).toEqual([1, 2])

    const locked = await call('edit_line', {
      id: line.id,
      is_isplock: true,
      reseller_notes: 'locked',
      allowed_ips: ['10.0.0.1'],
    })
    expect(locked).toMatchObject({ isIspLock: true, resellerNotes: 'locked', allowedIps: ['10.0.0.1'] })
    const unlocked = await call('edit_line', { id: line.id, is_isplock: false, reseller_notes: 'unlocked' })
    expect(unlocked.isIspLock).toBe(false)
    expect(sim.state.lines.get(line.id)!.is_isplock).toBe(0)

    const creditsBeforeExtend = sim.credits()
    const extended = await call('edit_line', { id: line.id, package: 2, reseller_notes: 'unlocked' })
    const cost = price.get(2)!
    expect(cost).toBeGreaterThan(0)
    expect(sim.credits()).toBe(creditsBeforeExtend - cost)
    expect(extended.packageId).toBe(2)
    expect(extended.expDate!).toBeGreaterThan(got.expDate!)
    expect(lastLedger()).toMatchObject({ action: 'edit_line', kind: 'extend', cost })

    const list = await call('get_lines', { search: 'itestuser01', limit: 10 })
    expect(list.rows.map((r) => r.id)).toEqual([line.id])
    expect(list.total).toBe(real ? null : 1)
    expect(list.skipped).toBe(0)

    expect(await call('disable_line', { id: line.id })).toBe(true)
    expect(sim.state.lines.get(line.id)!.enabled).toBe(0)
    expect(await call('enable_line', { id: line.id })).toBe(true)
    expect(sim.state.lines.get(line.id)!.enabled).toBe(1)
    expect(await call('delete_line', { id: line.id })).toBe(true)
    expect((await apiError(client.call('get_line', { id: line.id }))).code).toBe('FAILURE')
  })

  it('MAG devices: MACs are normalised before sending; convert gives the line', async () => {
    const mag = await call('create_mag', {
      mac: '00-1a-79-12-34-56',
      package: 7,
      trial: false,
      reseller_notes: 'kitchen',
    })
    expect(mag.mac).toBe('00:1A:79:12:34:56')
    expect(sim.state.mags.get(mag.id)!.mac).toBe('00:1A:79:12:34:56') // stored exactly as sent
    expect(mag.lineId).not.toBeNull()
    expect(mag.username).toHaveLength(32)
    expect(await call('get_mag', { id: mag.id })).toMatchObject({
      id: mag.id,
      lineId: mag.lineId,
      resellerNotes: 'kitchen',
    })
    const edited = await call('edit_mag', { id: mag.id, mac: '001a.7912.3457', reseller_notes: 'bedroom' })
    expect(edited).toMatchObject({ mac: '00:1A:79:12:34:57', resellerNotes: 'bedroom' })
    const list = await call('get_mags', { search: '00:1A:79:12:34:57' })
    expect(list.rows.map((r) => [r.id, r.lineId])).toEqual([[mag.id, mag.lineId]])
    expect(await call('disable_mag', { id: mag.id })).toBe(true)
    expect(sim.state.lines.get(mag.lineId!)!.enabled).toBe(0)
    expect(await call('enable_mag', { id: mag.id })).toBe(true)
    const line = await call('convert_mag', { id: mag.id })
    expect(line.id).toBe(mag.lineId)
    expect(line.username).toBe(mag.username)
    expect(sim.state.mags.get(mag.id)).toBeUndefined()

    const other = await call('create_mag', { mac: '00:1A:79:12:34:58', package: 7, trial: false })
    expect(await call('delete_mag', { id: other.id })).toBe(true)
    expect(sim.state.mags.get(other.id)).toBeUndefined()
  })

  it('Enigma2 devices', async () => {
    const e2 = await call('create_enigma', { mac: 'aabb.ccdd.ee01', package: 7, trial: false })
    expect(e2.mac).toBe('AA:BB:CC:DD:EE:01')
    expect(await call('get_enigma', { id: e2.id })).toMatchObject({ id: e2.id, lineId: e2.lineId })
    expect((await call('edit_enigma', { id: e2.id, reseller_notes: 'e2 box' })).resellerNotes).toBe('e2 box')
    const list = await call('get_enigmas', { search: 'AA:BB:CC:DD:EE:01' })
    expect(list.rows.map((r) => r.id)).toEqual([e2.id])
    expect(await call('disable_enigma', { id: e2.id })).toBe(true)
    expect(await call('enable_enigma', { id: e2.id })).toBe(true)
    expect((await call('convert_enigma', { id: e2.id })).id).toBe(e2.lineId)
    const other = await call('create_enigma', { mac: 'AA:BB:CC:DD:EE:02', package: 7, trial: false })
    expect(await call('delete_enigma', { id: other.id })).toBe(true)
  })

  it('activation codes', async () => {
    const ac = await call('create_activecode', {
      package: 1,
      trial: false,
      code: '5550001234',
      reseller_notes: 'promo',
    })
    expect(ac.code).toBe('5550001234') // from the answer, or (real variant) the code we sent
    const auto = await call('create_activecode', { package: 1, trial: false })
    const autoStored = sim.state.activecodes.get(auto.id)!.code
    expect(auto.code).toBe(real ? '' : autoStored)
    expect((await call('get_activecode', { id: auto.id })).code).toBe(autoStored)
    expect((await call('edit_activecode', { id: ac.id, reseller_notes: 'promo 2' })).resellerNotes).toBe('promo 2')
    const list = await call('get_activecodes', { search: '5550001234' })
    expect(list.rows.map((r) => r.id)).toEqual([ac.id])
    expect(await call('disable_activecode', { id: ac.id })).toBe(true)
    expect(await call('enable_activecode', { id: ac.id })).toBe(true)
    const reset = await call('reset_activecode', { id: ac.id })
    expect(reset.oldCode).toBe('5550001234')
    expect(reset.newCode).toBe(sim.state.activecodes.get(ac.id)!.code)
    expect(reset.newCode).not.toBe(reset.oldCode)
    expect(await call('delete_activecode', { id: ac.id })).toBe(true)
  })

  it('sub-resellers and adjust_credits', async () => {
    const sub = await call('create_user', {
      username: 'itestsub01',
      password: 'itestpass01',
      email: 'sub@example.com',
      member_group_id: 4,
      notes: 'north <shop>',
    })
    expect(sub).toMatchObject({
      username: 'itestsub01',
      email: 'sub@example.com',
      memberGroupId: 4,
      credits: 0,
      notes: 'north <shop>',
    })
    expect(await call('get_user', { id: sub.id })).toMatchObject({ id: sub.id, username: 'itestsub01' })
    expect((await call('edit_user', { id: sub.id, notes: 'south' })).notes).toBe('south')
    const list = await call('get_users', { search: 'itestsub01' })
    expect(list.rows.map((r) => r.id)).toEqual([sub.id])
    const parentBefore = sim.credits()
    const adj = await call('adjust_credits', { id: sub.id, credits: 20, note: 'top-up' })
    expect(adj).toEqual(
      real
        ? { id: sub.id, creditsBefore: null, creditsAfter: null, adjusted: 20 }
        : { id: sub.id, creditsBefore: 0, creditsAfter: 20, adjusted: 20 },
    )
    expect(sim.credits()).toBe(parentBefore - 20)
    expect(sim.state.users.get(sub.id)!.credits).toBe(20)
    expect(await call('disable_user', { id: sub.id })).toBe(true)
    expect(await call('enable_user', { id: sub.id })).toBe(true)
    expect(await call('delete_user', { id: sub.id })).toBe(true)
  })

  it('logs: activity, live connections, credit log', async () => {
    const activity = await call('activity_logs', { limit: 50 })
    expect(activity.rows.length).toBeGreaterThan(0)
    await call('live_connections', { limit: 50 })
    const credit = await call('user_logs', { limit: 1000, orderColumn: 0, orderDir: 'desc' })
    expect(credit.rows.some((r) => r.type === 'line' && r.action === 'extend' && r.cost === price.get(2))).toBe(true)
  })

  it('covered every action', () => {
    expect([...covered].sort()).toEqual([...ACTION_NAMES].sort())
  })
})
