/**
 * The page crashes or hangs (issue #12 §5): the app offers to reload it, and a
 * write that was in flight keeps going in the main process with its journal
 * entry. The fake 'electron' plays Electron; the main process, the core and
 * the panel (the simulator over HTTP) are real.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { dialog, ipcMain, resetElectronFake, type BrowserWindow } from '../../fakes/electron'
import { firstWindow, mainDeps, quitApp, startMain } from '../../helpers/main-process'

const ENTRY = 'app://renderer/index.html'
let dataDir: string
let sim: RunningSimulator
let win: BrowserWindow
let profileId: string

beforeAll(async () => {
  resetElectronFake()
  dataDir = mkdtempSync(join(tmpdir(), 'xm-recovery-'))
  sim = await startSimulator({ seed: 5, lines: 5, credits: 1000 })
  await startMain(mainDeps(dataDir))
  win = firstWindow()
  const created = (await call('profiles:create', {
    ...PROFILE_DEFAULTS,
    name: 'Sim',
    host: '127.0.0.1',
    port: sim.port,
    accessCode: sim.accessCode,
  })) as { ok: true; value: { id: string } }
  profileId = created.value.id
  expect(await call('keys:set', { profileId, apiKey: sim.apiKey })).toMatchObject({ ok: true })
})

afterAll(async () => {
  await quitApp()
  await sim.close()
  rmSync(dataDir, { recursive: true, force: true })
})

beforeEach(() => {
  dialog.messageBoxes.length = 0
  dialog.messageBoxResponse = 0
  dialog.messageBoxGate = null
  win.webContents.loaded.length = 0
  win.webContents.crashes = 0
})

function call(name: string, args: unknown = {}): Promise<unknown> {
  return ipcMain.__invoke(name, { sender: win.webContents }, args)
}

describe('a crashed page', () => {
  it('offers to reload, says the journal has every spending call, and reloads our page', async () => {
    win.webContents.__renderProcessGone('crashed')
    await vi.waitFor(() => expect(win.webContents.loaded).toEqual([ENTRY]))
    expect(dialog.messageBoxes).toHaveLength(1)
    const box = dialog.messageBoxes[0]!
    expect(box.message).toMatch(/stopped working \(crashed\)/)
    expect(box.detail).toMatch(/journal/)
    expect(box.buttons[0]).toBe('Reload')
  })

  it('"Not now" leaves it; a clean exit asks nothing', async () => {
    dialog.messageBoxResponse = 1
    win.webContents.__renderProcessGone('oom')
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1))
    win.webContents.__renderProcessGone('clean-exit')
    // The one question was answered "Not now": the same crash asked again reloads on "Reload".
    dialog.messageBoxResponse = 0
    win.webContents.__renderProcessGone('killed')
    await vi.waitFor(() => expect(win.webContents.loaded).toEqual([ENTRY]))
    expect(dialog.messageBoxes.map((b) => b.message)).toEqual([
      'The window stopped working (oom).',
      'The window stopped working (killed).',
    ])
  })
})

describe('a hung page', () => {
  it('offers to reload; "Reload" ends the hung page first and asks only once', async () => {
    win.__unresponsive()
    await vi.waitFor(() => expect(win.webContents.loaded).toEqual([ENTRY]))
    expect(win.webContents.crashes).toBe(1)
    // The page ended on purpose fires render-process-gone too: no second question.
    expect(dialog.messageBoxes).toHaveLength(1)
    expect(dialog.messageBoxes[0]!.message).toBe('The window is not responding.')
    expect(dialog.messageBoxes[0]!.buttons).toEqual(['Reload', 'Wait'])
  })

  it('the question goes away when the page answers again', async () => {
    let release = () => {}
    dialog.messageBoxGate = new Promise<void>((resolve) => (release = resolve))
    win.__unresponsive()
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1))
    win.__unresponsive() // Chromium repeats it while the page hangs
    win.__responsive()
    expect(dialog.messageBoxes).toHaveLength(1)
    release()
    // Asking again later works (the first question is over) …
    dialog.messageBoxGate = null
    dialog.messageBoxResponse = 1
    await vi.waitFor(() => {
      if (dialog.messageBoxes.length < 2) win.__unresponsive()
      expect(dialog.messageBoxes).toHaveLength(2)
    })
    // … and nothing was reloaded or ended.
    expect(win.webContents.loaded).toEqual([])
    expect(win.webContents.crashes).toBe(0)
  })
})

describe('a write in flight when the page dies', () => {
  it('keeps going; its journal entry is there before, during and after the reload', async () => {
    const pkgs = (await call('packages:list', { profileId })) as { ok: boolean; value: Array<{ id: number; isOfficial?: boolean; isLine?: boolean }> }
    const pkg = pkgs.ok ? pkgs.value.find((p) => p.isLine !== false) : undefined
    expect(pkg).toBeDefined()
    // The panel takes its time, so the create is still on the wire when the page dies.
    sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 3000, times: 1 })
    const write = call('lines:create', { profileId, packageId: pkg!.id, trial: false, username: 'crashcase01' }) as Promise<{ ok: boolean }>

    const journal = async () => ((await call('journal:query', { limit: 50, offset: 0 })) as { value: { rows: Array<{ target: string; outcome: string; params: Record<string, unknown> }> } }).value.rows
    const mine = async () => (await journal()).find((e) => JSON.stringify(e).includes('crashcase01'))
    await vi.waitFor(async () => expect((await mine())?.outcome).toBe('pending'), { timeout: 10_000 })

    win.webContents.__renderProcessGone('crashed')
    await vi.waitFor(() => expect(win.webContents.loaded).toEqual([ENTRY]))
    // The reloaded page asks the journal: the entry is there, still pending or already settled.
    expect(['pending', 'succeeded']).toContain((await mine())?.outcome)

    expect(await write).toMatchObject({ ok: true })
    expect((await mine())?.outcome).toBe('succeeded')
    expect(sim.ledger().filter((l) => l.action === 'create_line' && l.target === 'line:crashcase01')).toHaveLength(1)
  }, 30_000)
})
