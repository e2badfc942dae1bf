import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIONS, type RunningSimulator } from '../../../electron/simulator/index'
import { type P, call, start } from './helpers'

/** One success-path call per action, in an order where each finds what it needs. */
let sim: RunningSimulator
const ctx: Record<string, number> = {}
beforeAll(async () => {
  sim = await start()
})
afterAll(async () => {
  await sim.close()
})

const steps: Array<[string, () => P, ((data: Record<string, number>) => void)?]> = [
  ['user_info', () => ({})],
  ['packages', () => ({})],
  [
    'create_line',
    () => ({ package: 1, username: 'every0001', password: 'password1' }),
    (d) => (ctx['line'] = d['id']!),
  ],
  ['edit_line', () => ({ id: ctx['line']!, package: 2 })],
  ['get_line', () => ({ id: ctx['line']! })],
  ['get_lines', () => ({})],
  ['disable_line', () => ({ id: ctx['line']! })],
  ['enable_line', () => ({ id: ctx['line']! })],
  ['delete_line', () => ({ id: ctx['line']! })],
  ['create_mag', () => ({ package: 7, mac: '00:1A:79:12:34:56' }), (d) => (ctx['mag'] = d['mag_id']!)],
  ['edit_mag', () => ({ id: ctx['mag']!, stb_type: 'MAG524' })],
  ['get_mag', () => ({ id: ctx['mag']! })],
  ['get_mags', () => ({})],
  ['disable_mag', () => ({ id: ctx['mag']! })],
  ['enable_mag', () => ({ id: ctx['mag']! })],
  ['convert_mag', () => ({ id: ctx['mag']! })],
  ['create_mag', () => ({ package: 7, mac: '00:1A:79:12:34:57' }), (d) => (ctx['mag'] = d['mag_id']!)],
  ['delete_mag', () => ({ id: ctx['mag']! })],
  ['create_enigma', () => ({ package: 7, mac: '00:1D:EC:12:34:56' }), (d) => (ctx['e2'] = d['device_id']!)],
  ['edit_enigma', () => ({ id: ctx['e2']!, package: 7 })],
  ['get_enigma', () => ({ id: ctx['e2']! })],
  ['get_enigmas', () => ({})],
  ['disable_enigma', () => ({ id: ctx['e2']! })],
  ['enable_enigma', () => ({ id: ctx['e2']! })],
  ['convert_enigma', () => ({ id: ctx['e2']! })],
  ['create_enigma', () => ({ package: 7, mac: '00:1D:EC:12:34:57' }), (d) => (ctx['e2'] = d['device_id']!)],
  ['delete_enigma', () => ({ id: ctx['e2']! })],
  ['create_activecode', () => ({ package: 1 }), (d) => (ctx['code'] = d['id']!)],
  ['edit_activecode', () => ({ id: ctx['code']!, reseller_notes: 'x' })],
  ['get_activecode', () => ({ id: ctx['code']! })],
  ['get_activecodes', () => ({})],
  ['disable_activecode', () => ({ id: ctx['code']! })],
  ['enable_activecode', () => ({ id: ctx['code']! })],
  ['reset_activecode', () => ({ id: ctx['code']! })],
  ['delete_activecode', () => ({ id: ctx['code']! })],
  ['create_user', () => ({ username: 'everysub01', password: 'password1' }), (d) => (ctx['user'] = d['id']!)],
  ['edit_user', () => ({ id: ctx['user']!, notes: 'n' })],
  ['get_user', () => ({ id: ctx['user']! })],
  ['get_users', () => ({})],
  ['adjust_credits', () => ({ id: ctx['user']!, credits: 10 })],
  ['disable_user', () => ({ id: ctx['user']! })],
  ['enable_user', () => ({ id: ctx['user']! })],
  ['delete_user', () => ({ id: ctx['user']! })],
  ['activity_logs', () => ({})],
  ['live_connections', () => ({})],
  ['user_logs', () => ({})],
]

describe('every action has a success path', () => {
  it('the steps cover all 44 actions', () => {
    expect(new Set(steps.map(([a]) => a))).toEqual(new Set(ACTIONS))
  })
  it.each(steps.map((s, i) => [i, ...s] as const))('%i %s', async (_i, action, params, keep) => {
    const r = await call(sim, action, params())
    expect(r.json?.status, r.text.slice(0, 300)).toBe('STATUS_SUCCESS')
    keep?.(r.json.data)
  })
  it('every applied write is in the ledger exactly once', () => {
    const writes = steps.filter(([a]) => /^(create|edit|delete|disable|enable|convert|reset|adjust)_/.test(a))
    expect(sim.ledger().map((e) => e.action)).toEqual(writes.map(([a]) => a))
    expect(sim.credits()).toBe(1000 - 5 - 12 - 6 - 6 - 6 - 6 - 6 - 5 - 5 - 10)
  })
})
