/**
 * Issue #11 §5: a sub-reseller created with a generated password. The panel
 * never shows that password again (get_user hides it, docs/panel-api.md §4),
 * so the create's answer hands it back once — and the journal never keeps it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator'
import { coreWithSimPanel, type TestCore } from '../core/helpers'
import { closeAfterAll } from '../../helpers/close'

let sim: RunningSimulator
let t: TestCore
let profileId: string

beforeAll(async () => {
  ;({ sim, t, profileId } = await coreWithSimPanel({ port: 0, credits: 500 }))
})
closeAfterAll(() => [t, sim])

describe('creating a sub-reseller', () => {
  it('with no password given: the answer carries the generated one, which the panel stored', async () => {
    const r = await t.call('subResellers:create', { profileId })
    const password = r.extra?.password
    expect(typeof password).toBe('string')
    expect((password as string).length).toBeGreaterThanOrEqual(10)
    const stored = sim.state.users.get(r.item!.id as number)!
    expect(stored.password).toBe(password)
    expect(r.extra?.username).toBe(stored.username)
    const journal = await t.call('journal:query', { limit: 50, offset: 0 })
    expect(JSON.stringify(journal)).not.toContain(password as string)
  })

  it('with a password the user chose: nothing is echoed back', async () => {
    const r = await t.call('subResellers:create', { profileId, username: 'subchosen01', password: 'Chosen-pass-01' })
    expect(r.extra?.password).toBeUndefined()
  })
})
