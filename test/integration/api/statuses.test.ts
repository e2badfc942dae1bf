/**
 * Each STATUS_* answer the simulator can give, through the client: the right
 * code, `status`, outcome 'failed', the request echo where the panel sends one,
 * and nothing charged. Also what the client refuses before sending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { XtreamClient } from '../../../electron/core/api/client'
import { apiError, countingFetch, setup, type Sim } from './helpers'

describe('STATUS_* answers from the simulator', () => {
  let sim: Sim
  let client: XtreamClient
  let counter: ReturnType<typeof countingFetch>

  beforeAll(async () => {
    ;({ sim, client, counter } = await setup({
      seed: 31,
      lines: 40,
      mags: 5,
      enigmas: 5,
      activecodes: 5,
      subResellers: 5,
      credits: 500,
    }))
  })
  afterAll(async () => sim.close())

  async function refused(p: Promise<unknown>, code: string, status: string) {
    const ledger = sim.ledger().length
    const credits = sim.credits()
    const e = await apiError(p)
    expect(e).toMatchObject({ code, status, outcome: 'failed' })
    expect(e.message).toMatch(/\.$/)
    expect(sim.ledger()).toHaveLength(ledger)
    expect(sim.credits()).toBe(credits)
    return e
  }

  it('INVALID_PACKAGE: a package sold to another group; the request is echoed', async () => {
    const e = await refused(
      client.call('create_line', { package: 9, trial: false, username: 'echoed01' }),
      'INVALID_PACKAGE',
      'STATUS_INVALID_PACKAGE',
    )
    expect(e.echo).toMatchObject({ package: '9', username: 'echoed01' })
  })

  it('INVALID_TYPE: a MAG-only package for a line, and a package that does not exist', async () => {
    await refused(client.call('create_line', { package: 7, trial: false }), 'INVALID_TYPE', 'STATUS_INVALID_TYPE')
    await refused(
      client.call('create_mag', { mac: '00:1A:79:00:00:99', package: 999, trial: false }),
      'INVALID_TYPE',
      'STATUS_INVALID_TYPE',
    )
  })

  it('INSUFFICIENT_CREDITS', async () => {
    const saved = sim.credits()
    sim.setCredits(1)
    try {
      const e = await refused(
        client.call('create_line', { package: 4, trial: false }),
        'INSUFFICIENT_CREDITS',
        'STATUS_INSUFFICIENT_CREDITS',
      )
      expect(e.message).toMatch(/enough credits/)
    } finally {
      sim.setCredits(saved)
    }
  })

  it('NO_TRIALS when the trial allowance is used up', async () => {
    const group = sim.state.groups.get(sim.state.users.get(sim.state.resellerId)!.member_group_id)!
    const saved = group.total_allowed_gen_trials
    group.total_allowed_gen_trials = 0
    try {
      await refused(client.call('create_line', { package: 1, trial: true }), 'NO_TRIALS', 'STATUS_NO_TRIALS')
    } finally {
      group.total_allowed_gen_trials = saved
    }
  })

  it('INVALID_USERNAME / INVALID_PASSWORD / EXISTS_USERNAME', async () => {
    await refused(
      client.call('create_line', { package: 1, trial: false, username: 'short', password: 'longenough1' }),
      'INVALID_USERNAME',
      'STATUS_INVALID_USERNAME',
    )
    await refused(
      client.call('create_line', { package: 1, trial: false, username: 'longenough1', password: 'short' }),
      'INVALID_PASSWORD',
      'STATUS_INVALID_PASSWORD',
    )
    const taken = sim.state.lines.rows.find((l) => l.username.length >= 8)!.username
    await refused(
      client.call('create_line', { package: 1, trial: false, username: taken, password: 'longenough1' }),
      'EXISTS_USERNAME',
      'STATUS_EXISTS_USERNAME',
    )
    const subTaken = sim.state.users.rows.find((u) => u.id !== sim.state.resellerId && u.username.length >= 8)!.username
    await refused(
      client.call('create_user', { username: subTaken, password: 'longenough1' }),
      'EXISTS_USERNAME',
      'STATUS_EXISTS_USERNAME',
    )
  })

  it('EXISTS_MAC (the same MAC in any accepted form is one device, because the client normalises it)', async () => {
    const mag = await client.call('create_mag', { mac: '00:1A:79:AA:00:01', package: 7, trial: false })
    expect(mag.mac).toBe('00:1A:79:AA:00:01')
    await refused(
      client.call('create_mag', { mac: '00-1a-79-aa-00-01', package: 7, trial: false }),
      'EXISTS_MAC',
      'STATUS_EXISTS_MAC',
    )
  })

  it('NO_PERMISSIONS: editing a line outside our tree', async () => {
    const foreign = sim.state.lines.rows.find((l) => l.member_id !== null && !isInTree(sim, l.member_id))
    expect(foreign, 'the seed has lines outside our tree').toBeDefined()
    await refused(
      client.call('edit_line', { id: foreign!.id, reseller_notes: 'x' }),
      'NO_PERMISSIONS',
      'STATUS_NO_PERMISSIONS',
    )
  })

  it('FAILURE: unknown ids, a duplicate activation code, an adjustment that would go negative', async () => {
    await refused(client.call('get_line', { id: 999_999 }), 'FAILURE', 'STATUS_FAILURE')
    await refused(client.call('delete_mag', { id: 999_999 }), 'FAILURE', 'STATUS_FAILURE')
    await client.call('create_activecode', { package: 1, trial: false, code: '7770001111' })
    await refused(
      client.call('create_activecode', { package: 1, trial: false, code: '7770001111' }),
      'FAILURE',
      'STATUS_FAILURE',
    )
    const sub = sim.state.users.rows.find((u) => u.owner_id === sim.state.resellerId)!
    await refused(client.call('adjust_credits', { id: sub.id, credits: -1_000_000 }), 'FAILURE', 'STATUS_FAILURE')
  })

  it('AUTH_INVALID: a key the panel does not know', async () => {
    const { client: bad, sim: other } = await setup(
      { seed: 31, lines: 1 },
      { getApiKey: async () => '0123456789abcdef0123456789abcdef' },
    )
    try {
      const e = await apiError(bad.call('user_info', {}))
      expect(e).toMatchObject({ code: 'AUTH_INVALID', status: 'STATUS_FAILURE', outcome: 'failed' })
    } finally {
      await other.close()
    }
  })

  it('refuses bad input before anything is sent: bad MAC, unknown action, wrong params', async () => {
    const sent = counter.total()
    const mac = await apiError(client.call('create_mag', { mac: '00:1A:79:ZZ:00:01', package: 7, trial: false }))
    expect(mac).toMatchObject({ code: 'VALIDATION', outcome: 'failed' })
    expect(mac.message).toMatch(/not a MAC address/)
    const action = await apiError(client.call('frobnicate' as never, {} as never))
    expect(action.code).toBe('VALIDATION')
    const params = await apiError(client.call('create_line', { package: -1, trial: false }))
    expect(params.code).toBe('VALIDATION')
    expect(params.message).toMatch(/package/)
    const extra = await apiError(client.call('get_line', { id: 1, api_key: 'x' } as never))
    expect(extra.code).toBe('VALIDATION')
    expect(counter.total()).toBe(sent)
  })
})

function isInTree(sim: Sim, id: number): boolean {
  let u = sim.state.users.get(id)
  while (u) {
    if (u.id === sim.state.resellerId) return true
    u = u.owner_id === null ? undefined : sim.state.users.get(u.owner_id)
  }
  return false
}
