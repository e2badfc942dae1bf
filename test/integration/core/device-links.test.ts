/**
 * Issue #11 §5: the customer hand-off of a MAG / Enigma2 device. Device lists
 * carry no password (docs/panel-api.md §5), so links built from a synced row
 * had `password=` empty. The device is read fresh for its links, and a link
 * is never built from an empty credential.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator'
import { coreWithSimPanel, waitForSync, type TestCore } from './helpers'
import { closeAfterAll } from '../../helpers/close'

let sim: RunningSimulator
let t: TestCore
let profileId: string

beforeAll(async () => {
  ;({ sim, t, profileId } = await coreWithSimPanel({ port: 0, credits: 500 }))
  const from = t.events.length
  await t.call('sync:run', { profileIds: [profileId], resources: ['mags', 'enigmas'] })
  await waitForSync(t, profileId, ['mags', 'enigmas'], from)
})
closeAfterAll(() => [t, sim])

describe('device hand-off links', () => {
  for (const resource of ['mags', 'enigmas'] as const) {
    it(`${resource}: built with the device line's real password, though the synced row has none`, async () => {
      const page = await t.call('cache:query', { profileIds: [profileId], resource, offset: 0, limit: 1 })
      const row = page.rows[0] as { id: number; lineId: number; password: string }
      expect(row.password).toBe('') // what the list gave
      const line = sim.state.lines.get(row.lineId)!
      const links = await t.call('links:get', { profileId, resource, id: row.id })
      expect(links.password).toBe(line.password)
      expect(new URL(links.m3u).searchParams.get('password')).toBe(line.password)
    })
  }

  it('refuses to build links when the panel gives no password at all', async () => {
    const page = await t.call('cache:query', { profileIds: [profileId], resource: 'mags', offset: 1, limit: 1 })
    const row = page.rows[0] as { id: number; lineId: number }
    sim.state.lines.get(row.lineId)!.password = ''
    const r = await t.raw('links:get', { profileId, resource: 'mags', id: row.id })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.message).toMatch(/no working customer link can be built/)
    expect(JSON.stringify(r.error)).not.toContain('password=')
  })

  it('offline: a device copy without a password gives the offline error, not a broken link', async () => {
    const page = await t.call('cache:query', { profileIds: [profileId], resource: 'enigmas', offset: 2, limit: 1 })
    const row = page.rows[0] as { id: number; password: string }
    expect(row.password).toBe('')
    await sim.stop()
    try {
      const r = await t.raw('links:get', { profileId, resource: 'enigmas', id: row.id })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(['OFFLINE', 'TIMEOUT']).toContain(r.error.code)
    } finally {
      await sim.start()
    }
  })
})
