import { afterEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { call, start } from './helpers'

let sim: RunningSimulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

describe('user_info', () => {
  it('returns the doc data fields plus a sibling permissions object (panel-api §4)', async () => {
    sim = await start()
    const r = await call(sim, 'user_info', {}, { method: 'GET' })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    expect(r.json.data).toMatchObject({
      id: sim.state.resellerId,
      username: 'myreseller',
      email: 'reseller@example.com',
      credits: 1000,
      status: 1,
      reseller_dns: 'my.dns.com',
      member_group_id: 3,
    })
    expect(r.json.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(r.json.data.allowed_pages).toEqual(expect.arrayContaining(['lines', 'mag', 'enigma', 'activecodes']))
    expect(r.json.data.notes).toBe('API reseller &lt;main&gt;') // clean_row escaping
    expect(r.json.data).not.toHaveProperty('password')
    expect(r.json.data).not.toHaveProperty('api_key')
    expect(r.json.permissions).toMatchObject({
      allow_change_username: 1,
      allow_change_password: 1,
      minimum_username_length: 8,
      minimum_password_length: 8,
      total_allowed_gen_trials: 10,
      create_sub_resellers_price: 5,
      min_code_length: 10,
      max_code_length: 12,
      default_code_length: 10,
      allow_restrictions: 1,
      allow_change_bouquets: 1,
      create_line: true,
      create_mag: true,
      create_enigma: true,
    })
    expect(r.json.permissions.all_reports).toEqual(expect.arrayContaining(r.json.permissions.direct_reports))
  })

  it('applies show_columns / hide_columns to data (show wins)', async () => {
    sim = await start()
    expect(
      Object.keys((await call(sim, 'user_info', { show_columns: 'id,credits', hide_columns: 'id' })).json.data),
    ).toEqual(['id', 'credits'])
    expect((await call(sim, 'user_info', { hide_columns: 'email,credits' })).json.data).not.toHaveProperty('email')
  })

  it('types values as strings with numericStrings (panel-api §3)', async () => {
    sim = await start({ variants: { numericStrings: true } })
    const r = await call(sim, 'user_info')
    expect(r.json.data.id).toBe(String(sim.state.resellerId))
    expect(r.json.data.credits).toBe('1000')
    expect(r.json.permissions.minimum_username_length).toBe('8')
    expect(r.json.permissions.is_admin).toBe(0)
    expect(r.json.permissions.create_line).toBe(true)
  })
})

describe('packages', () => {
  it("xm shape: credits (intval, per-user override), duration_months, groups array; only our group's packages", async () => {
    sim = await start()
    const r = await call(sim, 'packages', {}, { method: 'GET' })
    expect(r.json.status).toBe('STATUS_SUCCESS')
    const byId = new Map<number, Record<string, unknown>>(r.json.data.map((p: { id: number }) => [p.id, p]))
    expect(byId.get(1)).toMatchObject({
      package_name: '1 Month',
      credits: 5,
      duration_months: 1,
      is_trial: 1,
      is_official: 1,
      groups: [3, 4],
      is_line: 1,
    })
    expect(byId.get(2)?.['credits']).toBe(12)
    expect(byId.get(8)?.['credits']).toBe(9)
    expect(byId.get(4)?.['duration_months']).toBe(12)
    expect(byId.get(5)).toMatchObject({
      package_name: '24h Trial',
      credits: 0,
      duration_months: 0,
      trial_duration: 24,
      trial_duration_in: 'hours',
    })
    expect(byId.has(9)).toBe(false)
  })

  it('xui shape: official_* fields and JSON-string arrays; prices stay numbers under numericStrings', async () => {
    sim = await start({ variants: { packageFields: 'xui', numericStrings: true } })
    const r = await call(sim, 'packages')
    const p1 = r.json.data.find((p: { id: string }) => p.id === '1')
    expect(p1).toMatchObject({
      official_credits: 5,
      official_duration: '1',
      official_duration_in: 'months',
      groups: '[3,4]',
      bouquets: '[1,2,3,4]',
      is_addon: 0,
    })
    expect(p1).not.toHaveProperty('credits')
    expect(r.json.data.find((p: { id: string }) => p.id === '2').official_credits).toBe(12)
  })
})
