/**
 * The data folder is 0700 and every file in it 0600 (issue #12 §3): `cache.db` holds
 * customers' line passwords. A real core on a real folder, a real sync so the
 * databases and their -wal files exist, and a folder an older version left 0755/0644.
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, tempDir, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

const mode = (p: string) => statSync(p).mode & 0o777

function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir)) out[name] = mode(join(dir, name)).toString(8)
  return out
}

describe.skipIf(process.platform === 'win32')('data folder modes', () => {
  it('a new folder is 0700 and every file the app writes in it 0600', async () => {
    const parent = tempDir('xm-modes-')
    const dataDir = join(parent, 'XM Reseller Desk')
    sim = await startSimulator({ seed: 3, lines: 20 })
    t = await makeCore({ dataDir })
    const p = await addSimPanel(t, sim)
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    await waitForSync(t, p.id, ['lines'], from)
    await t.call('settings:set', { closeToTray: false })
    expect(mode(dataDir).toString(8)).toBe('700')
    const files = modes(dataDir)
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['cache.db', 'journal.db', 'profiles.json', 'settings.json']))
    for (const [name, m] of Object.entries(files)) expect(m, name).toMatch(/^(600|700)$/)
  })

  it('an existing folder left open by an older version is tightened at start', async () => {
    const dataDir = tempDir('xm-modes-old-')
    chmodSync(dataDir, 0o755)
    writeFileSync(join(dataDir, 'settings.json'), '{"closeToTray":false}\n', { mode: 0o644 })
    writeFileSync(join(dataDir, 'profiles.json.corrupt-1'), 'garbage', { mode: 0o644 })
    mkdirSync(join(dataDir, 'logs'), { mode: 0o755 })
    writeFileSync(join(dataDir, 'logs', 'old.log'), 'x', { mode: 0o644 })
    t = await makeCore({ dataDir })
    expect(mode(dataDir).toString(8)).toBe('700')
    for (const [name, m] of Object.entries(modes(dataDir))) expect(m, name).toMatch(/^(600|700)$/)
    expect(mode(join(dataDir, 'logs')).toString(8)).toBe('700')
    expect(mode(join(dataDir, 'logs', 'old.log')).toString(8)).toBe('600')
  })
})
