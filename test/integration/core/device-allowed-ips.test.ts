/**
 * A MAG/Enigma2 edit must not wipe the customer's allowed IPs. With the
 * group's allow_restrictions, edit_mag/edit_enigma reset the device line's
 * `allowed_ips` to [] unless resent (panel-api §4, §13), so the core resends them
 * from a fresh get_* read. Real core, real simulator over HTTP, a fetch that
 * records every request as it leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../../electron/shared/profile'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, type TestCore } from './helpers'

const sent: { action: string; url: string; body: string }[] = []
const countingFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = String(input)
  const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : ''
  sent.push({ action: new URL(url).searchParams.get('action') ?? '?', url, body })
  return globalThis.fetch(input, init)
}) as typeof fetch

/** Every [key, value] of a request: query and form body together. */
const paramsOf = (req: { url: string; body: string }) => [...new URL(req.url).searchParams.entries(), ...new URLSearchParams(req.body).entries()]

let sim: RunningSimulator
let t: TestCore
let p: Profile
let devicePackage: number

beforeAll(async () => {
  sim = await startSimulator({ seed: 83, lines: 2, mags: 2, enigmas: 2, activecodes: 0, subResellers: 0, credits: 5000 })
  t = await makeCore({ fetch: countingFetch })
  p = await addSimPanel(t, sim, 'IP panel')
  await t.call('credits:setPaused', { paused: true })
  await t.call('sync:run', { profileIds: [p.id] })
  await t.core.sync.idle()
  const pkgs = await t.call('packages:list', { profileId: p.id })
  const pkg = pkgs.find((x) => x.isOfficial && x.isMag !== false && x.isEnigma !== false && x.officialCredits > 0)
  if (!pkg) throw new Error('simulator has no official device package')
  devicePackage = pkg.id
})

afterAll(async () => {
  await t?.close()
  await sim?.close()
})

describe.each([
  { resource: 'mags' as const, action: 'edit_mag', mac: '00:1A:79:5E:00:01' },
  { resource: 'enigmas' as const, action: 'edit_enigma', mac: '00:1A:79:5E:00:02' },
])('$resource: an edit keeps the allowed IPs', ({ resource, action, mac }) => {
  /** The device line's IP list as the panel stores it (simulator state; no request). */
  const panelIps = (id: number): string[] => {
    const dev = resource === 'mags' ? sim.state.mags.get(id) : sim.state.enigmas.get(id)
    const line = dev ? sim.state.lines.get(dev.user_id) : undefined
    if (!line) throw new Error(`${resource} ${id} is not on the panel`)
    return [...line.allowed_ips]
  }
  const panelNotes = (id: number): string => {
    const dev = resource === 'mags' ? sim.state.mags.get(id) : sim.state.enigmas.get(id)
    return sim.state.lines.get(dev?.user_id ?? -1)?.reseller_notes ?? '?'
  }
  /** The one request of `action` a step sent. */
  async function sentBy(step: () => Promise<unknown>) {
    const from = sent.length
    await step()
    const reqs = sent.slice(from).filter((r) => r.action === action)
    expect(reqs, `${action} was sent once`).toHaveLength(1)
    return paramsOf(reqs[0]!)
  }

  it('created with allowed IPs, then a notes-only edit: the panel still has them', async () => {
    const created = await t.call(`${resource}:create`, { profileId: p.id, mac, packageId: devicePackage, trial: false, allowedIps: ['198.51.100.7', '203.0.113.8'] })
    const id = Number(created.item?.['id'])
    expect(panelIps(id)).toEqual(['198.51.100.7', '203.0.113.8'])
    expect(created.item?.['allowedIps']).toEqual(['198.51.100.7', '203.0.113.8'])

    const params = await sentBy(() => t.call(`${resource}:edit`, { profileId: p.id, id, notes: 'moved to the lobby' }))
    expect(panelNotes(id)).toBe('moved to the lobby')
    expect(panelIps(id)).toEqual(['198.51.100.7', '203.0.113.8'])
    expect(params.filter(([k]) => k === 'allowed_ips[]').map(([, v]) => v)).toEqual(['198.51.100.7', '203.0.113.8'])
    expect(params.filter(([k]) => /^is_isplock/.test(k))).toEqual([]) // unlocked: omitted, never 0 (panel-api §2)
  })

  it('IPs set on the panel outside the app survive an edit, and an explicit change replaces them', async () => {
    const id = resource === 'mags' ? sim.state.mags.rows[0]!.mag_id : sim.state.enigmas.rows[0]!.device_id
    const dev = resource === 'mags' ? sim.state.mags.get(id)! : sim.state.enigmas.get(id)!
    const line = sim.state.lines.get(dev.user_id)!
    line.allowed_ips = ['192.0.2.44']
    line.is_isplock = 0

    const params = await sentBy(() => t.call(`${resource}:edit`, { profileId: p.id, id, notes: 'note only' }))
    expect(panelIps(id)).toEqual(['192.0.2.44'])
    expect(params.filter(([k]) => k === 'allowed_ips[]').map(([, v]) => v)).toEqual(['192.0.2.44'])
    expect(params.some(([k, v]) => /^is_isplock/.test(k) && v === '0')).toBe(false)

    await t.call(`${resource}:edit`, { profileId: p.id, id, allowedIps: ['192.0.2.45'] })
    expect(panelIps(id)).toEqual(['192.0.2.45'])
    expect(panelNotes(id)).toBe('note only')
  })
})
