import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { DAY, NOW, call, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

const owned = () => sim.state.activecodes.rows.filter((a) => a.member_id === sim.state.resellerId)

describe('activation codes (panel-api §9.3)', () => {
  it('create with a custom code: stored as sent, exp_date set at creation, charged', async () => {
    const r = await call(sim, 'create_activecode', { package: 1, trial: 0, code: 'PROMO-2025-ABCD' })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data).toMatchObject({
      code: 'PROMO-2025-ABCD',
      package_id: 1,
      is_trial: 0,
      status: 1,
      reseller_notes: '',
      exp_date: Date.UTC(2025, 1, 15, 12) / 1000,
    })
    expect(typeof r.json.data.id).toBe('number')
    expect(sim.credits()).toBe(995)
    expect(sim.ledger()).toEqual([
      expect.objectContaining({
        action: 'create_activecode',
        kind: 'new',
        target: 'activecode:PROMO-2025-ABCD',
        cost: 5,
      }),
    ])
  })

  it('generates a 10-digit code when none is given; trial codes count from now', async () => {
    const r = await call(sim, 'create_activecode', { package: 1, trial: 1 })
    expect(r.json.data.code).toMatch(/^[1-9]\d{9}$/)
    expect(r.json.data.exp_date).toBe(NOW + DAY)
    sim.state.groups.get(3)!.default_code_length = 12
    expect((await call(sim, 'create_activecode', { package: 1 })).json.data.code).toMatch(/^\d{12}$/)
  })

  it('a duplicate code is a plain STATUS_FAILURE echoing the request; nothing charged', async () => {
    const existing = sim.state.activecodes.rows[0]!.code
    const r = await call(sim, 'create_activecode', { package: 1, code: existing })
    expect(r.json).toEqual({ status: 'STATUS_FAILURE', data: { package: '1', code: existing } })
    expect(sim.credits()).toBe(1000)
  })

  it('variant: create data without `code` (field report)', async () => {
    sim.state.variants.activecodeCreateReturnsCode = false
    const r = await call(sim, 'create_activecode', { package: 1 })
    expect(r.json.data).not.toHaveProperty('code')
    expect(sim.state.activecodes.get(r.json.data.id)?.code).toMatch(/^\d{10}$/)
  })

  it('package checks apply like lines', async () => {
    expect((await call(sim, 'create_activecode', {})).json.status).toBe('STATUS_INVALID_PACKAGE')
    expect((await call(sim, 'create_activecode', { package: 7 })).json.status).toBe('STATUS_INVALID_TYPE')
    sim.setCredits(0)
    expect((await call(sim, 'create_activecode', { package: 1 })).json.status).toBe('STATUS_INSUFFICIENT_CREDITS')
    sim.state.groups.get(3)!.enable_activecode = 0
    expect((await call(sim, 'create_activecode', { package: 1 })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
  })

  it('edit: rename (duplicate → FAILURE), extend (charged), notes', async () => {
    const [a, b] = owned()
    if (!a || !b) throw new Error('seed lacks owned codes')
    expect((await call(sim, 'edit_activecode', { id: a.id, code: b.code })).json.status).toBe('STATUS_FAILURE')
    const r = await call(sim, 'edit_activecode', { id: a.id, code: '5555555555', package: 1, reseller_notes: 'n' })
    expect(r.json.data).toMatchObject({ id: a.id, code: '5555555555', package_id: 1, reseller_notes: 'n' })
    expect(sim.credits()).toBe(995)
    expect(sim.ledger().at(-1)).toMatchObject({ kind: 'extend', target: `activecode:${a.id}`, cost: 5 })
  })

  it('reset returns old and new codes; get/disable/enable/delete on owned codes only', async () => {
    const [a, foreign] = owned()
    if (!a || !foreign) throw new Error('seed lacks owned codes')
    foreign.member_id = 4 // the foreign reseller's sub: outside our tree
    const old = a.code
    const r = await call(sim, 'reset_activecode', { id: a.id })
    expect(r.json.data.old_code).toBe(old)
    expect(r.json.data.new_code).toMatch(/^\d{10}$/)
    expect(r.json.data.new_code).not.toBe(old)
    expect((await call(sim, 'get_activecode', { id: a.id })).json.data.code).toBe(r.json.data.new_code)
    expect((await call(sim, 'disable_activecode', { id: a.id })).json.status).toBe('STATUS_SUCCESS')
    expect(a.enabled).toBe(0)
    expect((await call(sim, 'enable_activecode', { id: a.id })).json.status).toBe('STATUS_SUCCESS')
    expect(a.enabled).toBe(1)
    expect((await call(sim, 'delete_activecode', { id: a.id })).json.status).toBe('STATUS_SUCCESS')
    expect((await call(sim, 'get_activecode', { id: a.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect(sim.ledger().map((e) => e.kind)).toEqual(['reset', 'disable', 'enable', 'delete'])
    expect((await call(sim, 'get_activecode', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'reset_activecode', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'delete_activecode', { id: foreign.id })).json).toEqual({ status: 'STATUS_FAILURE' })
    expect((await call(sim, 'edit_activecode', { id: foreign.id })).json).toEqual({ status: 'STATUS_NO_PERMISSIONS' })
  })
})
