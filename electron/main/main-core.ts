/**
 * The core as the main process runs it: started with what only Electron has
 * (the shell, the keychain choice, the theme), and its contract bound to IPC
 * for our own window (ARCHITECTURE §2). main-process.ts calls these in order.
 */
import { BrowserWindow, ipcMain, shell } from 'electron'
import type { Core } from '../core/app/create-core'
import { AppError } from '../core/errors'
import type { Settings } from '../shared/views'
import type { AppLocation } from './app-url'
import { bindContract, createSenderCheck, forwardEvents } from './ipc'
import type { MainProcessDeps } from './main-process'
import type { createNotifier } from './notifications'
import { isSafeExternalUrl } from './security'
import { applyTheme } from './theme'

export type Log = (msg: string) => void
export type Notify = (n: Parameters<ReturnType<typeof createNotifier>>[0]) => void

/** The settings main acts on itself (theme, close to tray), kept as the core changes them. */
export interface SettingsHolder {
  current: Settings | null
}

export async function startCore(deps: MainProcessDeps, o: { log: Log; logDir: string; notify: Notify; settings: SettingsHolder }): Promise<Core> {
  const { store, problem } = await deps.chooseSecretStore({ preferKeychain: true })
  if (problem) o.log(`keychain unavailable, keys kept in memory: ${problem}`)
  const core = await deps.createCore({
    dataDir: deps.dataDir,
    secrets: store,
    keychainProblem: problem,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    transport: 'ipc',
    appVersion: deps.appVersion,
    platform: deps.autostart.platform,
    ...(deps.demo ? { startDemo: deps.demo.start } : {}),
    // Called by the core's app:openExternal once its allowlist passed the link (core/app/external-links.ts).
    openExternal: async (url: string) => {
      if (!isSafeExternalUrl(url)) throw new Error('Only web and message links can be opened.')
      await shell.openExternal(url)
    },
    log: o.log,
    logDir: o.logDir,
    openPath: async (dir) => {
      // shell.openPath answers an error text instead of throwing.
      const failed = await shell.openPath(dir)
      if (failed) throw new AppError('VALIDATION', `The logs folder could not be opened (${failed.slice(0, 200)}). It is ${dir}.`)
    },
    notify: o.notify,
    onSettingsChanged: (s) => {
      o.settings.current = s
      applyTheme(s)
    },
  })
  const read = await core.dispatch('settings:get', {})
  if (read.ok) {
    o.settings.current = read.value as Settings
    applyTheme(o.settings.current)
  }
  return core
}

/** The contract over IPC, to and from our own window only. Returns the undo. */
export function bindCore(core: Core, location: AppLocation, getWindow: () => BrowserWindow | null): () => void {
  const ourWindows = () => BrowserWindow.getAllWindows().filter((w) => w === getWindow())
  const unbind = bindContract(
    ipcMain,
    (name, raw) => core.dispatch(name, raw),
    createSenderCheck({
      isOurWebContents: (contents) => ourWindows().some((w) => w.webContents === contents),
      isAppUrl: location.isAppUrl,
    }),
  )
  const unforward = forwardEvents(
    (listener) => core.onEvent(listener),
    () => ourWindows().map((w) => w.webContents),
    location.isAppUrl,
  )
  return () => {
    unforward()
    unbind()
  }
}
