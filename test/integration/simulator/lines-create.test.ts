import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { DAY, MONTH_FROM_NOW, NOW, call, ids, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

describe('create_line', () => {
  it('creates, charges after the write and answers with the doc subset', async () => {
    const r = await call(sim, 'create_line', {
      package: 1,
      trial: 0,
      username: 'customer1',
      password: 'securepass',
      reseller_notes: 'Premium <customer>',
    })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(Object.keys(r.json.data).sort()).toEqual(
      [
        'created_at',
        'exp_date',
        'id',
        'is_trial',
        'package_id',
        'password',
        'reseller_notes',
        'status',
        'username',
      ].sort(),
    )
    expect(r.json.data).toMatchObject({
      username: 'customer1',
      password: 'securepass',
      package_id: 1,
      exp_date: MONTH_FROM_NOW,
      is_trial: 0,
      status: 1,
      reseller_notes: 'Premium &lt;customer&gt;',
      created_at: '2025-01-15 12:00:00',
    })
    expect(sim.credits()).toBe(995)
    const line = sim.state.lines.get(r.json.data.id)!
    expect(line.reseller_notes).toBe('Premium <customer>')
    expect(line.bouquet).toEqual([2, 3, 1, 4])
    expect(sim.ledger()).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'create_line',
        kind: 'new',
        target: 'line:customer1',
        cost: 5,
        balanceAfter: 995,
      }),
    ])
    expect(sim.ledger()[0]?.params).not.toHaveProperty('api_key')
    const log = sim.state.userLogs.rows[sim.state.userLogs.rows.length - 1]!
    expect(log).toMatchObject({
      owner: sim.state.resellerId,
      type: 'line',
      action: 'new',
      log_id: line.id,
      cost: 5,
      credits_after: 995,
      date: NOW,
    })
  })

  it('returns the full row with createLineData=full', async () => {
    await sim.close()
    sim = await start({ variants: { createLineData: 'full' } })
    const r = await call(sim, 'create_line', { package: 1, username: 'fullrow01', password: 'password1' })
    expect(r.json.data).toMatchObject({
      username: 'fullrow01',
      bouquets: [2, 3, 1, 4],
      allowed_ips: [],
      max_connections: 1,
      member_id: sim.state.resellerId,
    })
  })

  it('auto-generates username and password (length 10, no ambiguous characters)', async () => {
    const r = await call(sim, 'create_line', { package: 1, username: '', password: '' })
    expect(r.json.data.username).toMatch(/^[23456789a-hjkmnp-zA-HJKMNP-Z]{10}$/)
    expect(r.json.data.password).toMatch(/^[23456789a-hjkmnp-zA-HJKMNP-Z]{10}$/)
  })

  it('ignores supplied credentials when the group may not change them (panel-api §9.2)', async () => {
    sim.state.groups.get(3)!.allow_change_username = 0
    const r = await call(sim, 'create_line', { package: 1, username: 'wantedname', password: 'wantedpass' })
    expect(r.json.data.username).not.toBe('wantedname')
    expect(r.json.data.password).toBe('wantedpass')
  })

  it('creates for a sub-reseller with member_id, charging the caller; foreign member_id is ignored', async () => {
    const { subs } = ids(sim)
    const sub = subs[0]!
    const r = await call(sim, 'create_line', {
      package: 1,
      username: 'forsub001',
      password: 'password1',
      member_id: sub,
    })
    expect(sim.state.lines.get(r.json.data.id)?.member_id).toBe(sub)
    expect(sim.credits()).toBe(995)
    const f = await call(sim, 'create_line', {
      package: 1,
      username: 'forforeign1',
      password: 'password1',
      member_id: 2,
    })
    expect(sim.state.lines.get(f.json.data.id)?.member_id).toBe(sim.state.resellerId)
  })

  it('checks in the panel-api §7 order and echoes the filtered request in data', async () => {
    const noPkg = await call(sim, 'create_line', { username: 'x', password: 'y', junk: 'dropped', reseller_notes: 'n' })
    expect(noPkg.json).toEqual({
      status: 'STATUS_INVALID_PACKAGE',
      data: { username: 'x', password: 'y', reseller_notes: 'n' },
    })
    expect((await call(sim, 'create_line', { package: 999, username: 'x' })).json.status).toBe('STATUS_INVALID_TYPE')
    expect((await call(sim, 'create_line', { package: 7 })).json.status).toBe('STATUS_INVALID_TYPE')
    expect((await call(sim, 'create_line', { package: 9 })).json.status).toBe('STATUS_INVALID_PACKAGE')
    sim.setCredits(4)
    const poor = await call(sim, 'create_line', { package: 1, username: 'short', trial: '0' })
    expect(poor.json).toEqual({
      status: 'STATUS_INSUFFICIENT_CREDITS',
      data: { package: '1', username: 'short', trial: '0' },
    })
    sim.setCredits(100)
    expect(
      (await call(sim, 'create_line', { package: 1, username: 'short', password: 'longenough' })).json.status,
    ).toBe('STATUS_INVALID_USERNAME')
    expect(
      (await call(sim, 'create_line', { package: 1, username: 'longenough', password: 'short' })).json.status,
    ).toBe('STATUS_INVALID_PASSWORD')
    const existing = sim.state.lines.rows[0]!.username.toUpperCase()
    const dup = await call(sim, 'create_line', { package: 1, username: existing, password: 'longenough' })
    expect(dup.json.status).toBe('STATUS_EXISTS_USERNAME')
    expect(dup.json.data.username).toBe(existing)
    expect(sim.ledger()).toHaveLength(0)
    expect(sim.credits()).toBe(100)
  })

  it('NO_PERMISSIONS when no package of the group sells lines', async () => {
    for (const p of sim.state.packages.rows) p.is_line = 0
    expect((await call(sim, 'create_line', { package: 1 })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
  })

  it('trials: cost trial_credits, last trial_duration from now, and stop at the quota (NO_TRIALS)', async () => {
    const r = await call(sim, 'create_line', { package: 8, trial: 1 })
    expect(r.json.data).toMatchObject({ is_trial: 1, exp_date: NOW + 2 * DAY })
    expect(sim.credits()).toBe(999)
    const g = sim.state.groups.get(3)!
    g.total_allowed_gen_trials = 1
    g.total_allowed_gen_in = 'hours' // window = 1 hour: only the trial just created counts
    expect((await call(sim, 'create_line', { package: 1, trial: 1 })).json.status).toBe('STATUS_NO_TRIALS')
    expect((await call(sim, 'create_line', { package: 1, trial: 0 })).json.status).toBe('STATUS_SUCCESS')
  })

  it('a trial-only package bought as official expires immediately (duration 0)', async () => {
    const r = await call(sim, 'create_line', { package: 5, trial: 0 })
    expect(r.json.data.exp_date).toBe(NOW)
  })

  it('is_isplock: any value turns the lock on (presence); the value variant reads it', async () => {
    const a = await call(sim, 'create_line', { package: 1, is_isplock: 0 })
    expect(sim.state.lines.get(a.json.data.id)?.is_isplock).toBe(1)
    const b = await call(sim, 'create_line', { package: 1 })
    expect(sim.state.lines.get(b.json.data.id)?.is_isplock).toBe(0)
    sim.state.variants.isplock = 'value'
    const c = await call(sim, 'create_line', { package: 1, is_isplock: 0 })
    expect(sim.state.lines.get(c.json.data.id)?.is_isplock).toBe(0)
  })

  it('stores allowed_ips[] and honours bouquets_selected[] within the package', async () => {
    const r = await call(sim, 'create_line', {
      package: 1,
      allowed_ips: ['1.2.3.4', '5.6.7.8'],
      bouquets_selected: [4, 1, 7],
    })
    const line = sim.state.lines.get(r.json.data.id)!
    expect(line.allowed_ips).toEqual(['1.2.3.4', '5.6.7.8'])
    expect(line.bouquet).toEqual([1, 4])
  })
})
