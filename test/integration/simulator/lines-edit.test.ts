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

describe('edit_line', () => {
  it('without package: free edit that blanks notes and resets restrictions unless resent (panel-api §4)', async () => {
    const { mine } = ids(sim)
    mine.reseller_notes = 'keep me'
    mine.allowed_ips = ['9.9.9.9']
    mine.is_isplock = 1
    const before = sim.credits()
    const r = await call(sim, 'edit_line', { id: mine.id, password: 'newpassword' })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data).toMatchObject({
      id: mine.id,
      password: 'newpassword',
      reseller_notes: '',
      allowed_ips: [],
      is_isplock: 0,
    })
    expect(sim.credits()).toBe(before)
    expect(sim.ledger().at(-1)).toMatchObject({ action: 'edit_line', kind: 'edit', target: `line:${mine.id}`, cost: 0 })
    await call(sim, 'edit_line', { id: mine.id, reseller_notes: 'resent', allowed_ips: ['9.9.9.9'], is_isplock: 1 })
    expect(mine).toMatchObject({ reseller_notes: 'resent', allowed_ips: ['9.9.9.9'], is_isplock: 1 })
  })

  it('with package: an extension from the current exp_date (compatible), charged and logged `extend`', async () => {
    const { mine } = ids(sim)
    mine.exp_date = NOW + 10 * DAY
    mine.package_id = 1
    mine.enabled = 1
    const r = await call(sim, 'edit_line', { id: mine.id, package: 2 })
    expect(r.json.data.exp_date).toBe(Date.UTC(2025, 3, 25, 12) / 1000)
    expect(r.json.data.package_id).toBe(2)
    expect(sim.credits()).toBe(1000 - 12)
    expect(sim.ledger().at(-1)).toMatchObject({
      kind: 'extend',
      target: `line:${mine.id}`,
      cost: 12,
      balanceAfter: 988,
    })
    expect(sim.state.userLogs.rows.at(-1)).toMatchObject({ action: 'extend', cost: 12, log_id: mine.id })
  })

  it('extension of an expired line counts from now; incompatible package loses the remaining time', async () => {
    const { mine } = ids(sim)
    mine.exp_date = NOW - DAY
    mine.package_id = 1
    expect((await call(sim, 'edit_line', { id: mine.id, package: 1 })).json.data.exp_date).toBe(MONTH_FROM_NOW)
    mine.exp_date = NOW + 20 * DAY
    expect((await call(sim, 'edit_line', { id: mine.id, package: 8 })).json.data.exp_date).toBe(MONTH_FROM_NOW)
  })

  it('changes the username with the same checks, case-insensitive and excluding itself', async () => {
    const { mine } = ids(sim)
    const other = sim.state.lines.rows.find((l) => l.id !== mine.id)!
    expect((await call(sim, 'edit_line', { id: mine.id, username: other.username.toUpperCase() })).json.status).toBe(
      'STATUS_EXISTS_USERNAME',
    )
    expect((await call(sim, 'edit_line', { id: mine.id, username: 'short' })).json.status).toBe(
      'STATUS_INVALID_USERNAME',
    )
    expect((await call(sim, 'edit_line', { id: mine.id, username: mine.username.toUpperCase() })).json.status).toBe(
      'STATUS_SUCCESS',
    )
    expect((await call(sim, 'create_line', { package: 1, username: mine.username.toLowerCase() })).json.status).toBe(
      'STATUS_EXISTS_USERNAME',
    )
  })

  it('outside the tree → NO_PERMISSIONS; unknown id → FAILURE; extension errors echo', async () => {
    const { foreign, subLine, mine } = ids(sim)
    expect((await call(sim, 'edit_line', { id: foreign.id })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
    expect((await call(sim, 'edit_line', { id: 99999999 })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'edit_line', { id: subLine.id, reseller_notes: 'ok' })).json.status).toBe('STATUS_SUCCESS')
    sim.setCredits(1)
    const poor = await call(sim, 'edit_line', { id: mine.id, package: 1 })
    expect(poor.json.status).toBe('STATUS_INSUFFICIENT_CREDITS')
    expect(poor.json.data).toMatchObject({ id: String(mine.id), package: '1' })
  })
})

describe('get/delete/disable/enable_line', () => {
  it('get_line: doc shape with bouquets/allowed_ips arrays; show_columns applies', async () => {
    const { mine, foreign } = ids(sim)
    const r = await call(sim, 'get_line', { id: mine.id }, { method: 'GET' })
    expect(r.json.data).toMatchObject({
      id: mine.id,
      username: mine.username,
      package_id: mine.package_id,
      status: expect.any(Number),
    })
    expect(Array.isArray(r.json.data.bouquets)).toBe(true)
    expect(Array.isArray(r.json.data.allowed_ips)).toBe(true)
    expect(typeof r.json.data.created_at).toBe('string')
    expect(Object.keys((await call(sim, 'get_line', { id: mine.id, show_columns: 'id,username' })).json.data)).toEqual([
      'id',
      'username',
    ])
    expect((await call(sim, 'get_line', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'get_line', { id: 'abc' })).json).toEqual({ status: 'STATUS_FAILURE' })
  })

  it('get_line with numericStrings: upstream shape (bouquet JSON text, strings for truthy values)', async () => {
    await sim.close()
    sim = await start({ variants: { numericStrings: true } })
    const { mine } = ids(sim)
    mine.allowed_ips = []
    mine.is_trial = 0
    const r = await call(sim, 'get_line', { id: mine.id })
    expect(r.json.data.id).toBe(String(mine.id))
    expect(r.json.data.bouquet).toBe(JSON.stringify(mine.bouquet))
    expect(r.json.data.allowed_ips).toBe('[]')
    expect(r.json.data.is_trial).toBe(0)
    expect(r.json.data.created_at).toBe(String(mine.created_at))
    expect(r.json.data).not.toHaveProperty('bouquets')
  })

  it('toggles and deletes owned lines only, without refunds', async () => {
    const { mine, foreign } = ids(sim)
    expect((await call(sim, 'disable_line', { id: mine.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    expect(mine.enabled).toBe(0)
    expect((await call(sim, 'enable_line', { id: mine.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    expect(mine.enabled).toBe(1)
    expect((await call(sim, 'disable_line', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(foreign.enabled === 0 || foreign.enabled === 1).toBe(true)
    expect((await call(sim, 'delete_line', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(sim.state.lines.get(foreign.id)).toBeDefined()
    const before = sim.credits()
    expect((await call(sim, 'delete_line', { id: mine.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    expect(sim.state.lines.get(mine.id)).toBeUndefined()
    expect(sim.credits()).toBe(before)
    expect((await call(sim, 'get_line', { id: mine.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'delete_line', { id: mine.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(sim.ledger().map((e) => `${e.action}:${e.kind}:${e.target}`)).toEqual([
      `disable_line:disable:line:${mine.id}`,
      `enable_line:enable:line:${mine.id}`,
      `delete_line:delete:line:${mine.id}`,
    ])
  })
})
