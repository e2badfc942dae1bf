/**
 * The whole main process wired together: the fake 'electron' module plays
 * Electron; everything else is real — createCore on a temp data folder with a
 * memory key store, the simulator as the demo panel, the contract over the
 * fake IPC, events to the window, the tray, close-to-tray and quit.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../electron/core/app/create-core'
import { createDemoLauncher } from '../../../electron/main/demo'
import type { MainContext, MainProcessDeps } from '../../../electron/main/main-process'
import { STILL_RUNNING } from '../../../electron/main/tray'
import { METHOD_NAMES } from '../../../electron/shared/contract'
import { startSimulator } from '../../../electron/simulator'
import { app, BrowserWindow, ipcMain, nativeTheme, Notification, resetElectronFake, session, Tray } from '../../fakes/electron'
import { firstWindow, mainDeps, quitApp, startMain } from '../../helpers/main-process'

let dataDir: string
let running: MainContext | null = null
const demoStops: Array<() => Promise<void>> = []

beforeEach(() => {
  resetElectronFake()
  dataDir = mkdtempSync(join(tmpdir(), 'xm-main-'))
})
afterEach(async () => {
  if (running) {
    // Wait for the quit itself, not just the IPC unbinding: a core still disposing (a sync being
    // cancelled) would otherwise finish its quit inside the next test.
    await quitFully()
  }
  running = null
  for (const stop of demoStops.splice(0)) await stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function deps(overrides: Partial<MainProcessDeps> = {}): MainProcessDeps {
  const demo = createDemoLauncher((o) => startSimulator(o))
  demoStops.push(() => demo.stop())
  return mainDeps(dataDir, {
    demo,
    trayIconDir: '/opt/xm/resources/tray',
    autostart: { platform: 'win32', env: {}, execPath: 'C:\\xm\\xm.exe' },
    ...overrides,
  })
}

/** Quit and wait for the quit itself: the data folder is released only once the core is disposed. */
async function quitFully() {
  await quitApp()
  expect(ipcMain.handlers.size).toBe(0)
}

async function start(d = deps()) {
  const ctx = await startMain(d)
  running = ctx
  const win = firstWindow()
  return { ctx: ctx!, win }
}

// Served by the app:// handler (main/app-protocol.ts), never file:// (issue #12 §1).
const APP = 'app://renderer/index.html'

describe('main process', () => {
  it('opens one hardened window on our page, with the preload', async () => {
    const { win } = await start()
    expect(BrowserWindow.getAllWindows()).toHaveLength(1)
    expect(win.webContents.loaded).toEqual([APP])
    expect(win.options.webPreferences).toMatchObject({
      preload: '/opt/xm/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
    })
    expect(app.singleInstanceLockRequested).toBe(true)
    expect(session.defaultSession.permissionCheckHandler!(null, 'media', '', {})).toBe(false)
    expect(win.webContents.__navigate('https://evil.example/')).toBe(false)
    win.__readyToShow()
    expect(win.isVisible()).toBe(true)
  })

  it('serves the real core over IPC to our window only', async () => {
    const { win } = await start()
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort())
    const info = await ipcMain.__invoke('app:info', { sender: win.webContents })
    expect(info).toMatchObject({
      ok: true,
      value: { version: '9.9.9', transport: 'ipc', keyBackend: 'memory', dataDir, demoAvailable: true },
    })
    const bad = await ipcMain.__invoke('profiles:remove', { sender: win.webContents }, { profileId: 42 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    const intruder = new BrowserWindow({})
    void intruder.loadURL(APP)
    expect(await ipcMain.__invoke('app:info', { sender: intruder.webContents })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
  })

  it('starts the demo panel on the real simulator and streams its sync to the window', async () => {
    const { win } = await start()
    const demo = (await ipcMain.__invoke('demo:start', { sender: win.webContents })) as {
      ok: boolean
      value: { id: string; name: string; host: string; hasKey: boolean }
    }
    expect(demo).toMatchObject({ ok: true, value: { name: 'Demo panel', host: '127.0.0.1', hasKey: true } })
    await expect
      .poll(
        () =>
          win.webContents.sent.some(
            ([channel, p]) => channel === 'sync:progress' && (p as { state: string }).state === 'done',
          ),
        { timeout: 15_000 },
      )
      .toBe(true)
    for (const [channel] of win.webContents.sent) expect(channel).toMatch(/^[a-z]+[A-Za-z]*:[a-z][A-Za-z]*$/)
    const list = (await ipcMain.__invoke('profiles:list', { sender: win.webContents })) as {
      value: Array<{ name: string }>
    }
    expect(list.value.map((p) => p.name)).toEqual(['Demo panel'])
  })

  it('keeps running in the tray when the window is closed, and really quits on quit', async () => {
    const { ctx, win } = await start()
    expect(Tray.instances).toHaveLength(1)
    expect(ctx.tray?.visible).toBe(true)
    win.__readyToShow()
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.isVisible()).toBe(false)
    expect(Notification.shown.map((n) => n.title)).toEqual([STILL_RUNNING.title])

    // A second copy of the app brings the window back.
    app.__secondInstance()
    expect(win.isVisible()).toBe(true)

    let quitEvents = 0
    app.on('quit', () => quitEvents++)
    app.quit()
    await expect.poll(() => quitEvents).toBe(1)
    expect(ipcMain.handlers.size).toBe(0)
    expect(Tray.instances[0]!.isDestroyed()).toBe(true)
    running = null
  })

  it('closes (and quits) when there is no tray to come back from', async () => {
    const { win } = await start(deps({ trayIconDir: null }))
    let quitEvents = 0
    app.on('quit', () => quitEvents++)
    win.close()
    expect(win.isDestroyed()).toBe(true)
    await expect.poll(() => quitEvents).toBe(1)
    running = null
  })

  it('applies the theme choice of Settings to Electron (native parts and prefers-color-scheme), at start and on change', async () => {
    const first = await start()
    expect(nativeTheme.themeSource).toBe('system')
    const set = await ipcMain.__invoke('settings:set', { sender: first.win.webContents }, { theme: 'dark' })
    expect(set).toMatchObject({ ok: true, value: { theme: 'dark' } })
    expect(nativeTheme.themeSource).toBe('dark')
    await quitFully()
    running = null

    resetElectronFake()
    expect(nativeTheme.themeSource).toBe('system')
    await start()
    expect(nativeTheme.themeSource).toBe('dark')
  })

  it('starts hidden only when launched at login with the setting on and a tray present', async () => {
    const first = await start()
    const set = await ipcMain.__invoke('settings:set', { sender: first.win.webContents }, { startHidden: true })
    expect(set).toMatchObject({ ok: true, value: { startHidden: true } })
    await quitFully()
    running = null

    resetElectronFake()
    const hidden = await start(deps({ launchedAtLogin: true }))
    hidden.win.__readyToShow()
    expect(hidden.win.isVisible()).toBe(false)
    await quitFully()
    running = null

    resetElectronFake()
    const shown = await start(deps({ launchedAtLogin: false }))
    shown.win.__readyToShow()
    expect(shown.win.isVisible()).toBe(true)
  })

  it('a second copy quits at once and touches nothing', async () => {
    app.singleInstanceLockAvailable = false
    let core = 0
    expect(await startMain(deps({ createCore: async (o) => (core++, createCore(o)) }))).toBeNull()
    expect(app.quitCalls).toBe(1)
    expect(core).toBe(0)
    expect(BrowserWindow.getAllWindows()).toHaveLength(0)
  })
})
