/**
 * profiles:testDraft — the panel form's "Test connection" tests what is IN the
 * form, saved or not, against the simulator over HTTP: nothing is created,
 * nothing recorded, and the typed key never comes back in an answer or error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, type TestCore } from './helpers'

describe('profiles:testDraft', () => {
  let sim: RunningSimulator
  let t: TestCore
  const endpoint = () => ({ scheme: 'http' as const, host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode })

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, lines: 20, credits: 321 })
    t = await makeCore()
  })
  afterAll(async () => {
    await t?.close()
    await sim?.close()
  })

  it('an unsaved address with the typed key: who it is and the balance, and no panel is created', async () => {
    const r = await t.call('profiles:testDraft', { endpoint: endpoint(), apiKey: sim.apiKey })
    expect(r.username).toBe(sim.state.users.get(sim.state.resellerId)?.username)
    expect(r.credits).toBe(321)
    expect(await t.call('profiles:list')).toEqual([])
    expect(JSON.stringify(r)).not.toContain(sim.apiKey)
  })

  it('a refused key answers AUTH_INVALID without the key in it', async () => {
    const wrong = 'e'.repeat(32)
    const r = await t.raw('profiles:testDraft', { endpoint: endpoint(), apiKey: wrong })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('AUTH_INVALID')
    expect(JSON.stringify(r)).not.toContain(wrong)
  })

  it('a wrong access code in the form fails, even when the saved panel works', async () => {
    const saved = await addSimPanel(t, sim)
    expect((await t.raw('profiles:test', { profileId: saved.id })).ok).toBe(true)
    const r = await t.raw('profiles:testDraft', { endpoint: { ...endpoint(), accessCode: 'notthecode' }, profileId: saved.id })
    expect(r.ok).toBe(false)
    // Without a typed key the saved panel's key is used, for the form's address.
    const same = await t.raw('profiles:testDraft', { endpoint: endpoint(), profileId: saved.id })
    expect(same.ok).toBe(true)
    await t.call('profiles:remove', { profileId: saved.id })
  })

  it('no key typed and no saved key: NO_KEY', async () => {
    const r = await t.raw('profiles:testDraft', { endpoint: endpoint() })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('NO_KEY')
  })
})
