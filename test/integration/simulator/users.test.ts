import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { call, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

const direct = () => sim.state.users.rows.filter((u) => u.owner_id === sim.state.resellerId)
const indirect = () => {
  const d = new Set(direct().map((u) => u.id))
  return sim.state.users.rows.filter((u) => u.owner_id !== null && d.has(u.owner_id))
}

describe('sub-resellers', () => {
  it('create_user costs create_sub_resellers_price; the new user starts at 0 credits; password never returned', async () => {
    const r = await call(sim, 'create_user', {
      username: 'subreseller1',
      password: 'strongpass123',
      email: 'sub@example.com',
      member_group_id: 99,
      notes: 'n',
    })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data).toMatchObject({
      username: 'subreseller1',
      email: 'sub@example.com',
      credits: 0,
      status: 1,
      owner_id: sim.state.resellerId,
      member_group_id: 4,
    })
    expect(r.json.data).not.toHaveProperty('password')
    expect(r.json.data).not.toHaveProperty('api_key')
    expect(sim.credits()).toBe(995)
    expect(sim.ledger()).toEqual([
      expect.objectContaining({ action: 'create_user', kind: 'new', target: 'user:subreseller1', cost: 5 }),
    ])
    const got = await call(sim, 'get_user', { id: r.json.data.id })
    expect(got.json.data.username).toBe('subreseller1')
    expect(got.json.data).not.toHaveProperty('password')
  })

  it('create_user errors: INSUFFICIENT_CREDITS, INVALID_USERNAME/PASSWORD, EXISTS_USERNAME (case-insensitive), NO_PERMISSIONS', async () => {
    sim.setCredits(4)
    expect((await call(sim, 'create_user', { username: 'subreseller2' })).json).toEqual({
      status: 'STATUS_INSUFFICIENT_CREDITS',
      data: { username: 'subreseller2' },
    })
    sim.setCredits(100)
    expect((await call(sim, 'create_user', { username: 'short', password: 'longenough' })).json.status).toBe(
      'STATUS_INVALID_USERNAME',
    )
    expect((await call(sim, 'create_user', { username: 'longenough', password: 'short' })).json.status).toBe(
      'STATUS_INVALID_PASSWORD',
    )
    expect((await call(sim, 'create_user', { username: 'MYRESELLER', password: 'longenough' })).json.status).toBe(
      'STATUS_EXISTS_USERNAME',
    )
    sim.state.groups.get(3)!.subresellers = []
    expect((await call(sim, 'create_user', {})).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
    expect(sim.ledger()).toHaveLength(0)
  })

  it('edit_user changes sent fields only; outside the tree → NO_PERMISSIONS; unknown → FAILURE', async () => {
    const sub = direct()[0]!
    const r = await call(sim, 'edit_user', { id: sub.id, email: 'new@example.com' })
    expect(r.json.data).toMatchObject({ id: sub.id, email: 'new@example.com', username: sub.username })
    expect(sim.ledger().at(-1)).toMatchObject({ kind: 'edit', target: `user:${sub.id}`, cost: 0 })
    expect((await call(sim, 'edit_user', { id: 2 })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
    expect((await call(sim, 'edit_user', { id: sim.state.resellerId })).json).toEqual({
      status: 'STATUS_NO_PERMISSIONS',
    })
    expect((await call(sim, 'edit_user', { id: 9999 })).json).toEqual({ status: 'STATUS_FAILURE' })
  })

  it('get_user reaches indirect sub-resellers but not self or foreign users', async () => {
    const deep = indirect()[0]
    if (!deep) throw new Error('seed lacks an indirect sub-reseller')
    expect((await call(sim, 'get_user', { id: deep.id })).json.status).toBe('STATUS_SUCCESS')
    expect((await call(sim, 'get_user', { id: sim.state.resellerId })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'get_user', { id: 4 })).json).toEqual({ status: 'STATUS_FAILURE' })
  })

  it("disable/enable/delete_user; delete re-owns the user's lines and sub-resellers, no refund", async () => {
    const sub = direct().find((u) => sim.state.lines.rows.some((l) => l.member_id === u.id))!
    expect((await call(sim, 'disable_user', { id: sub.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    expect(sub.status).toBe(0)
    expect((await call(sim, 'user_info', {}, { key: sub.api_key })).json.error).toBe('Invalid API key.')
    expect((await call(sim, 'enable_user', { id: sub.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    const theirLines = sim.state.lines.rows.filter((l) => l.member_id === sub.id)
    const before = sim.credits()
    expect((await call(sim, 'delete_user', { id: sub.id })).json).toEqual({ status: 'STATUS_SUCCESS' })
    expect(sim.state.users.get(sub.id)).toBeUndefined()
    expect(theirLines.every((l) => l.member_id === sim.state.resellerId)).toBe(true)
    expect(sim.credits()).toBe(before)
    expect((await call(sim, 'delete_user', { id: sim.state.resellerId })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'disable_user', { id: 2 })).json).toEqual({ status: 'STATUS_FAILURE' })
  })
})

describe('adjust_credits (a transfer, panel-api §7)', () => {
  it('moves credits parent → child; doc response reports the child', async () => {
    const sub = direct()[0]!
    sub.credits = 100
    const r = await call(sim, 'adjust_credits', { id: sub.id, credits: 50, note: 'Monthly top-up' })
    expect(r.json).toEqual({
      status: 'STATUS_SUCCESS',
      data: { id: sub.id, credits_before: 100, credits_after: 150, adjusted: 50, note: 'Monthly top-up' },
    })
    expect(sim.credits()).toBe(950)
    expect(sub.credits).toBe(150)
    expect(sim.ledger()).toEqual([
      expect.objectContaining({
        action: 'adjust_credits',
        kind: 'adjust',
        target: `user:${sub.id}`,
        cost: 50,
        balanceAfter: 950,
      }),
    ])
    expect(sim.state.userLogs.rows.at(-1)).toMatchObject({
      type: 'user',
      action: 'adjust_credits',
      cost: 50,
      credits_after: 950,
      log_id: sub.id,
    })
  })

  it('negative pulls back; either side going below 0 → FAILURE; intval truncation', async () => {
    const sub = direct()[0]!
    sub.credits = 30
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: -20 })).json.data.credits_after).toBe(10)
    expect(sim.credits()).toBe(1020)
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: -11 })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: 1021 })).json).toEqual({
      status: 'STATUS_FAILURE',
    })
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: '2.9' })).json.data.adjusted).toBe(2)
    expect(sim.credits()).toBe(1018)
  })

  it('refuses non-numeric amounts, self, foreign users; reaches indirect subs', async () => {
    const sub = direct()[0]!
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: 'ten' })).json).toEqual({
      status: 'STATUS_FAILURE',
    })
    expect((await call(sim, 'adjust_credits', { id: sub.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'adjust_credits', { id: sim.state.resellerId, credits: 5 })).json).toEqual({
      status: 'STATUS_FAILURE',
    })
    expect((await call(sim, 'adjust_credits', { id: 2, credits: 5 })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(sim.credits()).toBe(1000)
    const deep = indirect()[0]
    if (!deep) throw new Error('seed lacks an indirect sub-reseller')
    expect((await call(sim, 'adjust_credits', { id: deep.id, credits: 5 })).json.status).toBe('STATUS_SUCCESS')
  })

  it('bare variant answers without data', async () => {
    sim.state.variants.adjustResponse = 'bare'
    const sub = direct()[0]!
    expect((await call(sim, 'adjust_credits', { id: sub.id, credits: 1 })).json).toEqual({ status: 'STATUS_SUCCESS' })
  })
})
