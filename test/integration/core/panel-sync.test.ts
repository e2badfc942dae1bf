/**
 * A panel end to end through the real core: the simulator over HTTP, real
 * SQLite in a temp folder. Add it, test it, sync it, read it back from the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FULL_SYNC } from '../../../electron/core/sync/targets'
import type { Line } from '../../../electron/shared/domain'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, panelCount, waitForSync, type TestCore } from './helpers'

describe('a panel through the core', () => {
  let sim: RunningSimulator
  let t: TestCore
  let panel: Profile
  /** Lines the API reseller sees (its own and its sub-resellers'; the seed also has other resellers' lines). */
  let visible: number

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, lines: 2300, credits: 750 })
    t = await makeCore()
    panel = await addSimPanel(t, sim)
    visible = await panelCount(sim)
    expect(visible).toBeGreaterThan(2000)
  })
  afterAll(async () => {
    await t?.close()
    await sim?.close()
  })

  it('stores the key write-only: the panel learns hasKey and the last four characters', async () => {
    const [p] = await t.call('profiles:list')
    expect(p).toMatchObject({ id: panel.id, hasKey: true, keyHint: sim.apiKey.slice(-4) })
    expect(JSON.stringify(p)).not.toContain(sim.apiKey)
    expect(await t.secrets.get(panel.id)).toBe(sim.apiKey)
  })

  it('profiles:test reads user_info and answers username, credits and latency', async () => {
    const r = await t.call('profiles:test', { profileId: panel.id })
    expect(r.username).toBe(sim.state.users.get(sim.state.resellerId)?.username)
    expect(r.credits).toBe(750)
    expect(r.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('profiles:test gives the exact coded reason when the key is wrong', async () => {
    const p = await t.call('profiles:create', {
      ...PROFILE_DEFAULTS,
      name: 'Wrong key',
      host: '127.0.0.1',
      port: sim.port,
      accessCode: sim.accessCode,
      enabled: false,
    })
    await t.call('keys:set', { profileId: p.id, apiKey: 'f'.repeat(32) })
    const r = await t.raw('profiles:test', { profileId: p.id })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('AUTH_INVALID')
      expect(JSON.stringify(r)).not.toContain('f'.repeat(32))
    }
    await t.call('profiles:remove', { profileId: p.id })
  })

  it('sync:run brings every list into the cache, with progress events along the way', async () => {
    const from = t.events.length
    const { started } = await t.call('sync:run', { profileIds: [panel.id] })
    expect(started).toBe(FULL_SYNC.length)
    const ended = await waitForSync(t, panel.id, FULL_SYNC, from)
    for (const [resource, p] of ended) expect(p.state, `${resource}: ${p.error?.message}`).toBe('done')

    const lines = t.progress({ profileId: panel.id, resource: 'lines' }).filter((p) => p.pages > 0)
    const running = lines.filter((p) => p.state === 'running')
    // 2000+ lines at 1000 a page: three pages, each reported, with the page count known from recordsTotal
    expect(running.map((p) => p.pages)).toEqual([1, 2, 3])
    expect(running.map((p) => p.pagesTotal)).toEqual([3, 3, 3])
    expect(running[0]?.rowsTotal).toBe(visible)
    expect(running[0]?.etaMs).not.toBeNull()
    expect(lines.at(-1)).toMatchObject({ state: 'done', rows: visible, etaMs: 0, error: null })

    const changed = t.events.slice(from).filter((e) => e.name === 'cache:changed').map((e) => (e.payload as { resource: string }).resource)
    expect(new Set(changed)).toEqual(new Set(FULL_SYNC))

    const status = await t.call('sync:status')
    expect(status.find((s) => s.profileId === panel.id)).toMatchObject({ reachable: true, syncing: false, lastError: null })
  })

  it('cache:query answers from the cache with freshness, filters, search and sort', async () => {
    const all = await t.call('cache:query', { profileIds: [panel.id], resource: 'lines', offset: 0, limit: 50 })
    expect(all.total).toBe(visible)
    expect(all.rows).toHaveLength(50)
    expect(all.rows[0]).toHaveProperty('profileId', panel.id)
    expect(all.panels).toEqual([{ profileId: panel.id, syncedAt: expect.any(Number), freshness: 'fresh', error: null }])

    const disabled = await t.call('cache:query', { profileIds: 'all', resource: 'lines', status: ['disabled'], offset: 0, limit: 1000 })
    // the panel's own "disabled" filter (filter=2, panel-api §5) must agree with the cache's chip
    expect(disabled.total).toBe(await panelCount(sim, 'get_lines', '&filter=2'))
    expect(disabled.total).toBeGreaterThan(0)
    expect(disabled.rows.every((r) => (r as Line).enabled === false)).toBe(true)

    const someone = all.rows[7] as Line
    const found = await t.call('cache:query', { profileIds: [panel.id], resource: 'lines', search: someone.username, offset: 0, limit: 10 })
    expect(found.rows.map((r) => (r as Line).id)).toContain(someone.id)

    const sorted = await t.call('cache:query', { profileIds: [panel.id], resource: 'lines', sort: { column: 'username', dir: 'desc' }, offset: 0, limit: 100 })
    const names = sorted.rows.map((r) => (r as Line).username.toLowerCase())
    expect(names).toEqual([...names].sort().reverse())

    const hits = await t.call('search:global', { text: someone.username })
    expect(hits.some((h) => h.resource === 'lines' && h.id === someone.id && h.profileId === panel.id)).toBe(true)
  })

  it('packages, account and customer links come from the cache', async () => {
    const pkgs = await t.call('packages:list', { profileId: panel.id })
    const synced = t.progress({ profileId: panel.id, resource: 'packages', state: 'done' }).at(-1)
    expect(pkgs.length).toBeGreaterThan(0)
    expect(pkgs.length).toBe(synced?.rows)
    const account = await t.call('account:get', { profileId: panel.id })
    expect(account?.credits).toBe(750)

    const page = await t.call('cache:query', { profileIds: [panel.id], resource: 'lines', offset: 0, limit: 1 })
    const line = page.rows[0] as Line
    const links = await t.call('links:get', { profileId: panel.id, resource: 'lines', id: line.id })
    const m3u = new URL(links.m3u)
    expect(m3u.origin).toBe(`http://127.0.0.1:${sim.port}`)
    expect(m3u.searchParams.get('username')).toBe(line.username)
    expect(m3u.searchParams.get('password')).toBe(line.password)

    // customer DNS and port win over the API host
    await t.call('profiles:update', { profileId: panel.id, patch: { customerDns: 'tv.example.com', customerPort: 8080 } })
    const mags = await t.call('cache:query', { profileIds: [panel.id], resource: 'mags', offset: 0, limit: 1 })
    const mag = mags.rows[0] as { id: number; username: string }
    const magLinks = await t.call('links:get', { profileId: panel.id, resource: 'mags', id: mag.id })
    expect(magLinks.magPortal).toBe('http://tv.example.com:8080/c/')
    expect(magLinks.username).toBe(mag.username)
    await t.call('profiles:update', { profileId: panel.id, patch: { customerDns: null, customerPort: null } })
  })

  it('lines:get reads the line fresh from the panel and refreshes the cache', async () => {
    const simLine = sim.state.lines.rows[3]
    if (!simLine) throw new Error('seed has no lines')
    simLine.reseller_notes = 'changed on the panel'
    const from = t.events.length
    const line = await t.call('lines:get', { profileId: panel.id, id: simLine.id })
    expect(line.resellerNotes).toBe('changed on the panel')
    const cached = await t.call('cache:query', { profileIds: [panel.id], resource: 'lines', search: 'changed on the panel', offset: 0, limit: 5 })
    expect(cached.rows.map((r) => (r as Line).id)).toContain(simLine.id)
    expect(t.events.slice(from).some((e) => e.name === 'cache:changed')).toBe(true)
  })

  it('a stale read answers at once and refreshes in the background, once', async () => {
    let skew = 0
    const t2 = await makeCore({ now: () => Date.now() + skew })
    try {
      const p = await addSimPanel(t2, sim, 'Clocked', 1)
      await t2.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
      await waitForSync(t2, p.id, ['lines'])
      skew = 2 * 60_000 // past the 1-minute poll interval
      const from = t2.events.length
      const q = { profileIds: [p.id], resource: 'lines' as const, offset: 0, limit: 10 }
      const [a, b] = await Promise.all([t2.call('cache:query', q), t2.call('cache:query', q)])
      expect(a.panels[0]?.freshness).toBe('stale')
      expect(b.total).toBe(visible)
      await waitForSync(t2, p.id, ['lines'], from)
      const starts = t2.events.slice(from).filter((e) => e.name === 'sync:progress' && (e.payload as { pages: number; state: string }).pages === 0)
      expect(starts).toHaveLength(1)
      const after = await t2.call('cache:query', q)
      expect(after.panels[0]?.freshness).toBe('fresh')
    } finally {
      await t2.close()
    }
  })
})
