/**
 * Issue #11 §5: adjust_credits moves WHOLE credits (the panel intval()s the
 * amount, docs/panel-api.md §7). A fraction is refused at the contract with the
 * panel's rule stated, before anything is journaled or sent; never rounded.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator'
import { coreWithSimPanel, type TestCore } from '../core/helpers'
import { closeAfterAll } from '../../helpers/close'

let sim: RunningSimulator
let t: TestCore
let profileId: string
let subId: number

beforeAll(async () => {
  ;({ sim, t, profileId } = await coreWithSimPanel({ port: 0, credits: 500 }))
  subId = [...sim.state.users.rows].find((u) => u.owner_id === sim.state.resellerId)!.id
})
closeAfterAll(() => [t, sim])

describe('adjusting credits by a fraction', () => {
  it('is refused with the panel\'s rule, and nothing is journaled or sent', async () => {
    const ledger = sim.ledger().length
    const r = await t.raw('subResellers:adjustCredits', { profileId, id: subId, credits: 2.5 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toMatch(/whole credits only/)
    expect(r.error.message).toMatch(/2\.5 to 2/)
    expect(sim.ledger()).toHaveLength(ledger)
    const journal = await t.call('journal:query', { limit: 10, offset: 0 })
    expect(journal.rows.filter((e) => e.action === 'adjust_credits')).toHaveLength(0)
  })

  it('a whole amount still moves, as a transfer', async () => {
    const before = sim.credits()
    const r = await t.call('subResellers:adjustCredits', { profileId, id: subId, credits: 3 })
    expect(r.extra).toMatchObject({ credits: 3 })
    expect(sim.credits()).toBe(before - 3)
  })
})
