/**
 * The main process as the unit tests start it: against the fake 'electron'
 * (test/fakes/electron.ts), with the real core on a temp data folder and the
 * keys kept in memory.
 */
import { createCore } from '../../electron/core/app/create-core'
import { MemorySecretStore } from '../../electron/core/vault/memory-store'
import { startMainProcess, type MainContext, type MainProcessDeps } from '../../electron/main/main-process'
import { app, BrowserWindow } from '../fakes/electron'
import { waitFor } from './wait'

/** What main is given: a Linux desktop, no tray icon folder, not launched at login; `over` changes any of it. */
export function mainDeps(dataDir: string, over: Partial<MainProcessDeps> = {}): MainProcessDeps {
  return {
    createCore,
    chooseSecretStore: async () => ({ store: new MemorySecretStore(), problem: null }),
    dataDir,
    rendererDir: '/opt/xm/out/renderer',
    preloadPath: '/opt/xm/out/preload/index.cjs',
    appVersion: '9.9.9',
    trayIconDir: null,
    autostart: { platform: 'linux', env: {}, execPath: '/opt/xm/xm' },
    launchedAtLogin: false,
    ...over,
  }
}

/** Starts main and makes the fake app ready; its context, or null when it quit at once. */
export async function startMain(deps: MainProcessDeps): Promise<MainContext | null> {
  const pending = startMainProcess(deps)
  app.__ready()
  return pending
}

/** The first window main opened. */
export const firstWindow = (): BrowserWindow => BrowserWindow.getAllWindows()[0]!

/** Quits and waits for the quit itself: the data folder is released only once the core is disposed. */
export async function quitApp(): Promise<void> {
  let quit = false
  app.on('quit', () => (quit = true))
  app.quit()
  await waitFor('the app to quit', () => quit, 10_000)
}
