/**
 * The composition root as a whole: the full contract, the data folder's files,
 * removing a panel, settings, the demo panel, a rebuilt cache.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import { FULL_SYNC } from '../../../electron/core/sync/targets'
import { METHOD_NAMES } from '../../../electron/shared/contract'
import type { Line } from '../../../electron/shared/domain'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, panelCount, tempDir, waitFor, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

const sims: RunningSimulator[] = []
let cores: TestCore[] = []
closeAfterEach(() => [...cores.splice(0), ...sims.splice(0)])
const sim = async (opts: Parameters<typeof startSimulator>[0] = {}) => {
  const s = await startSimulator(opts)
  sims.push(s)
  return s
}
const core = async (opts: Parameters<typeof makeCore>[0] = {}) => {
  const c = await makeCore(opts)
  cores.push(c)
  return c
}

/** Every file under dir (recursively), as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p))
    else out.push({ path: p, bytes: readFileSync(p) })
  }
  return out
}

describe('the core', () => {
  it('has exactly one handler per contract method', async () => {
    const t = await core()
    expect(Object.keys(t.core.handlers)).toEqual([...METHOD_NAMES])
    for (const name of METHOD_NAMES) expect(typeof t.core.handlers[name]).toBe('function')
  })

  it('never writes the API key into the data folder, whatever was done', async () => {
    const s = await sim({ seed: 11, lines: 150 })
    const t = await core()
    const p = await addSimPanel(t, s)
    await t.call('profiles:test', { profileId: p.id })
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id] })
    await waitForSync(t, p.id, FULL_SYNC, from)
    const pkg = (await t.call('packages:list', { profileId: p.id })).find((x) => x.isOfficial && x.isLine !== false)
    if (!pkg) throw new Error('simulator has no official line package')
    const created = await t.raw('lines:create', { profileId: p.id, packageId: pkg.id, trial: false, notes: 'key check' })
    expect(created.ok).toBe(true)
    await t.raw('lines:get', { profileId: p.id, id: 999_999 }) // an error path too
    await t.call('profiles:export')
    await t.close({ keepDir: true })
    cores = cores.filter((c) => c !== t)

    const files = filesUnder(t.dataDir)
    expect(files.map((f) => f.path.slice(t.dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['cache.db', 'journal.db', 'profiles.json']))
    for (const f of files) {
      expect(f.bytes.includes(Buffer.from(s.apiKey)), f.path).toBe(false)
      expect(f.bytes.includes(Buffer.from(s.apiKey.toUpperCase())), f.path).toBe(false)
    }
    // the journal did record the spending call (so the check above looked at real content)
    expect(files.find((f) => f.path.endsWith('journal.db'))!.bytes.includes(Buffer.from('key check'))).toBe(true)
  })

  it('removing a panel removes its cached rows and its key', async () => {
    const s = await sim({ seed: 12, lines: 120 })
    const t = await core()
    const keep = await addSimPanel(t, s, 'Keep')
    const drop = await addSimPanel(t, s, 'Drop')
    const from = t.events.length
    await t.call('sync:run', { resources: ['lines'] })
    await waitForSync(t, keep.id, ['lines'], from)
    await waitForSync(t, drop.id, ['lines'], from)
    const visible = await panelCount(s)
    expect((await t.call('cache:query', { profileIds: [drop.id], resource: 'lines', offset: 0, limit: 1 })).total).toBe(visible)

    await t.call('profiles:remove', { profileId: drop.id })
    expect(await t.secrets.get(drop.id)).toBeNull()
    expect(await t.secrets.get(keep.id)).toBe(s.apiKey)
    expect((await t.call('profiles:list')).map((p) => p.id)).toEqual([keep.id])
    const gone = await t.raw('cache:query', { profileIds: [drop.id], resource: 'lines', offset: 0, limit: 1 })
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND_LOCAL')
    const all = await t.call('cache:query', { profileIds: 'all', resource: 'lines', offset: 0, limit: 1000 })
    expect(all.total).toBe(visible)
    expect(all.rows.every((r) => r.profileId === keep.id)).toBe(true)

    await t.close({ keepDir: true })
    cores = cores.filter((c) => c !== t)
    const cache = openCache(join(t.dataDir, 'cache.db'), { now: Date.now })
    try {
      expect(cache.count(drop.id, 'lines')).toBe(0)
      expect(cache.getAccount(drop.id)).toBeNull()
      expect(cache.count(keep.id, 'lines')).toBe(visible)
    } finally {
      cache.close()
    }
  })

  it('settings persist in settings.json with defaults, and refuse bad values', async () => {
    const dataDir = tempDir()
    const t = await core({ dataDir })
    expect(await t.call('settings:get')).toEqual({ closeToTray: true, startHidden: false, startAtLogin: false, monitorPaused: false, offlineAlertMinutes: 15, theme: 'system', language: 'system' })
    await t.call('settings:set', { startHidden: true, offlineAlertMinutes: 30 })
    const bad = await t.raw('settings:set', { offlineAlertMinutes: 0 })
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION')
    await t.call('credits:setPaused', { paused: true })
    await t.close({ keepDir: true })
    cores = cores.filter((c) => c !== t)
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ startHidden: true, offlineAlertMinutes: 30, monitorPaused: true })

    const again = await core({ dataDir })
    expect(await again.call('settings:get')).toMatchObject({ startHidden: true, offlineAlertMinutes: 30, monitorPaused: true })
    expect(again.core.monitor.paused).toBe(true)
  })

  it('app:info tells the key backend, transport and demo availability; openExternal only when given', async () => {
    const opened: string[] = []
    const t = await core({ keychainProblem: 'No Secret Service here.', openExternal: async (u) => void opened.push(u) })
    expect(await t.call('app:info')).toMatchObject({
      version: '0.0.0-test',
      platform: 'linux',
      dataDir: t.dataDir,
      keyBackend: 'memory',
      keychainProblem: 'No Secret Service here.',
      transport: 'loopback',
      demoAvailable: false,
      cacheProblem: null,
    })
    // Only links the app builds are opened (open-external.test.ts has the whole allowlist).
    await t.call('app:openExternal', { url: 'https://wa.me/491701234567?text=hi' })
    expect(opened).toEqual(['https://wa.me/491701234567?text=hi'])
    const foreign = await t.raw('app:openExternal', { url: 'https://example.com/help' })
    expect(foreign.ok ? null : foreign.error.code).toBe('VALIDATION')
    const file = await t.raw('app:openExternal', { url: 'file:///etc/passwd' })
    expect(file.ok ? null : file.error.code).toBe('VALIDATION')

    const without = await core()
    const r = await without.raw('app:openExternal', { url: 'https://wa.me/491701234567?text=hi' })
    expect(r.ok ? null : r.error.message).toMatch(/not available/)
  })

  it('demo:start makes one "Demo panel" with its key, and reuses it', async () => {
    const s = await sim({ seed: 13, lines: 50 })
    let starts = 0
    const startDemo = async () => {
      starts++
      return { scheme: 'http' as const, host: '127.0.0.1', port: s.port, accessCode: s.accessCode, apiKey: s.apiKey }
    }
    const t = await core({ startDemo })
    expect((await t.call('app:info')).demoAvailable).toBe(true)
    const [a, b] = await Promise.all([t.call('demo:start'), t.call('demo:start')])
    const c = await t.call('demo:start')
    expect(a.id).toBe(b.id)
    expect(c.id).toBe(a.id)
    expect(a).toMatchObject({ name: 'Demo panel', host: '127.0.0.1', port: s.port, hasKey: true, keyHint: s.apiKey.slice(-4) })
    expect((await t.call('profiles:list')).filter((p) => p.name === 'Demo panel')).toHaveLength(1)
    expect(starts).toBe(2)
    // its lists are filled in the background
    const visible = await panelCount(s)
    await waitFor('demo lines cached', async () => (await t.call('cache:query', { profileIds: [a.id], resource: 'lines', offset: 0, limit: 1 })).total === visible)
    await t.core.sync.idle()
  })

  it('a corrupt cache is rebuilt, said once, and every panel is fully synced at start', async () => {
    const s = await sim({ seed: 14, lines: 80 })
    const dataDir = tempDir()
    const first = await core({ dataDir })
    const p = await addSimPanel(first, s)
    await first.close({ keepDir: true })
    cores = cores.filter((c) => c !== first)
    writeFileSync(join(dataDir, 'cache.db'), 'this is not a database, it is garbage '.repeat(200))

    const notices: { title: string; body: string }[] = []
    const t = await core({ dataDir, secrets: first.secrets, notify: (n) => notices.push(n) })
    expect((await t.call('app:info')).cacheProblem).toMatch(/moved aside/)
    await t.core.start()
    await waitForSync(t, p.id, FULL_SYNC)
    expect((await t.call('cache:query', { profileIds: [p.id], resource: 'lines', offset: 0, limit: 1 })).total).toBe(await panelCount(s))
    expect(notices.filter((n) => /cache/i.test(n.title))).toHaveLength(1)
    expect(readdirSync(dataDir).some((f) => f.startsWith('cache.db.corrupt-'))).toBe(true)
    const line = (await t.call('cache:query', { profileIds: [p.id], resource: 'lines', offset: 0, limit: 1 })).rows[0] as Line & { profileId: string }
    expect(line.profileId).toBe(p.id)
  })

  it('a memory key store forgets last session keys: panels stop claiming one', async () => {
    const s = await sim({ seed: 15, lines: 10 })
    const dataDir = tempDir()
    const first = await core({ dataDir })
    const p = await addSimPanel(first, s)
    await first.close({ keepDir: true })
    cores = cores.filter((c) => c !== first)
    const t = await core({ dataDir }) // a new, empty MemorySecretStore
    expect((await t.call('profiles:list')).find((x) => x.id === p.id)).toMatchObject({ hasKey: false, keyHint: null })
  })
})
