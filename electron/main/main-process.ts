/**
 * The main process, assembled: hardening, the core, IPC, tray, window, shutdown.
 * Everything it needs from outside Electron (the core factory, the keychain
 * chooser, the demo simulator, fetch, paths, argv) is passed in, so the whole
 * wiring runs under vitest against the fake 'electron' module and a real core.
 * main/index.ts is the thin caller that passes the real parts.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron'
import type { Core, CoreOptions } from '../core/app/create-core'
import { AppError } from '../core/errors'
import { openFileLog } from '../core/log/file-log'
import type { SecretStore } from '../core/ports'
import type { Settings } from '../shared/views'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler } from './app-protocol'
import { resolveAppLocation, type AppLocation } from './app-url'
import type { AutostartEnv } from './autostart'
import { claimDataFolder } from './data-folder'
import type { DemoLauncher } from './demo'
import { bindContract, createSenderCheck, forwardEvents } from './ipc'
import { claimSingleInstance, disposeOnQuit, quitWhenAllWindowsClosed } from './lifecycle'
import { commandOf, createNotifier, setWindowsAppId } from './notifications'
import { hardenSession, installAppHardening, isSafeExternalUrl } from './security'
import { STILL_RUNNING } from './tray'
import { setupTray, type TraySetup } from './tray-electron'
import { createCloseToTray, shouldStartHidden } from './tray-lifecycle'
import { createMainWindow, revealWindow } from './window'
import { watchRendererHealth } from './window-recovery'
import { applyTheme } from './theme'

export interface MainProcessDeps {
  createCore(opts: CoreOptions): Promise<Core>
  chooseSecretStore(opts: { preferKeychain: boolean }): Promise<{ store: SecretStore; problem: string | null }>
  demo?: DemoLauncher
  fetch?: typeof globalThis.fetch
  dataDir: string
  rendererDir: string
  devServerUrl?: string | null
  preloadPath: string
  appVersion: string
  /** Where the tray icons are; null = no tray (the window closes and the app quits). */
  trayIconDir: string | null
  /** Platform, environment and executable, for the tray, login items and close-to-tray. */
  autostart: AutostartEnv
  /** Started by the login entry (--hidden, or macOS wasOpenedAtLogin). */
  launchedAtLogin: boolean
  /** App icon for notifications on Linux/Windows. */
  notificationIcon?: string
  log?: (msg: string) => void
}

export interface MainContext {
  core: Core
  location: AppLocation
  getWindow(): BrowserWindow | null
  /** Shows the window, creating it again if it was closed (macOS dock, tray, notification click). */
  showWindow(): BrowserWindow
  isQuitting(): boolean
  quit(): void
  tray: TraySetup | null
}

/** Returns null when another copy of the app is already running (this one quits). */
export async function startMainProcess(deps: MainProcessDeps): Promise<MainContext | null> {
  // Everything main and the core log also goes to a rotating, redacted file in the data folder (core/log/file-log.ts).
  const logDir = join(deps.dataDir, 'logs')
  const fileLog = openFileLog(logDir)
  const log = (msg: string) => {
    deps.log?.(msg)
    fileLog.write(msg)
  }
  const platform = deps.autostart.platform
  let win: BrowserWindow | null = null
  let ctx: MainContext | null = null
  const getWindow = () => (win && !win.isDestroyed() ? win : null)

  if (!claimSingleInstance(app, () => ctx?.showWindow())) {
    app.quit()
    return null
  }
  const folder = claimDataFolder(deps.dataDir, dialog, log)
  if (!folder) {
    app.quit()
    return null
  }
  const location = resolveAppLocation({ rendererDir: deps.rendererDir, devServerUrl: deps.devServerUrl })
  // Called by the core's app:openExternal once its allowlist passed the link (core/app/external-links.ts).
  const openExternal = async (url: string) => {
    if (!isSafeExternalUrl(url)) throw new Error('Only web and message links can be opened.')
    await shell.openExternal(url)
  }
  let coreRef: Core | null = null
  // window.open / target=_blank from the page: the same allowlist as app:openExternal.
  const openFromPage = async (url: string) => {
    const r = coreRef ? await coreRef.dispatch('app:openExternal', { url }) : null
    if (!r?.ok) log(`blocked window-open ${url.slice(0, 200)}`)
  }
  // Before 'ready' (Electron allows it only then): app:// gets a real, secure origin.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
  // Before 'ready': every web contents, from the first one on, gets the guards.
  installAppHardening(app, {
    isAppUrl: location.isAppUrl,
    openExternal: openFromPage,
    onBlocked: (what, url) => log(`blocked ${what} ${url.slice(0, 200)}`),
  })

  await app.whenReady()
  hardenSession(session.defaultSession)
  if (location.kind === 'app') protocol.handle(APP_SCHEME, createAppRequestHandler({ rendererDir: location.rendererDir }))
  setWindowsAppId(app, platform)

  const notify = createNotifier({
    icon: deps.notificationIcon,
    onClick: (n) => ctx?.showWindow().webContents.send('app:command', { command: commandOf(n) }),
  })
  const { store, problem } = await deps.chooseSecretStore({ preferKeychain: true })
  if (problem) log(`keychain unavailable, keys kept in memory: ${problem}`)
  let settings: Settings | null = null
  const core = await deps.createCore({
    dataDir: deps.dataDir,
    secrets: store,
    keychainProblem: problem,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    transport: 'ipc',
    appVersion: deps.appVersion,
    platform,
    ...(deps.demo ? { startDemo: deps.demo.start } : {}),
    openExternal,
    log,
    logDir,
    openPath: async (dir) => {
      // shell.openPath answers an error text instead of throwing.
      const failed = await shell.openPath(dir)
      if (failed) throw new AppError('VALIDATION', `The logs folder could not be opened (${failed.slice(0, 200)}). It is ${dir}.`)
    },
    notify: (n) => void notify(n),
    onSettingsChanged: (s) => {
      settings = s
      applyTheme(s)
    },
  })
  coreRef = core
  const read = await core.dispatch('settings:get', {})
  if (read.ok) {
    settings = read.value as Settings
    applyTheme(settings)
  }

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

  let tray: TraySetup | null = null
  const quit = disposeOnQuit(
    app,
    async () => {
      tray?.dispose()
      unforward()
      unbind()
      await core.dispose()
      await deps.demo?.stop()
      folder.release()
    },
    { log },
  )
  quitWhenAllWindowsClosed(app, platform as NodeJS.Platform)

  const closeToTray = createCloseToTray({
    closeToTray: () => settings?.closeToTray ?? true,
    trayAvailable: () => tray?.visible ?? false,
    onFirstHide: () => void notify(STILL_RUNNING),
  })
  const openWindow = (hidden: boolean): BrowserWindow => {
    win = createMainWindow({
      location,
      preloadPath: deps.preloadPath,
      startHidden: hidden,
      onClose: (event, w) => void closeToTray(event, w, quit.isQuitting()),
      onLoadFailed: (e) => log(`page failed to load: ${String(e)}`),
    })
    watchRendererHealth(win, {
      entry: location.entry,
      isQuitting: quit.isQuitting,
      ask: (w, o) => dialog.showMessageBox(w, o),
      log,
    })
    return win
  }
  const context: MainContext = {
    core,
    location,
    getWindow,
    showWindow: () => {
      const w = getWindow() ?? openWindow(false)
      revealWindow(w)
      return w
    },
    isQuitting: quit.isQuitting,
    quit: () => app.quit(),
    tray: null,
  }
  ctx = context
  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => context.showWindow())

  // The tray comes first: starting hidden is only allowed with a tray to come back from.
  if (deps.trayIconDir) {
    try {
      tray = await setupTray({
        core,
        showWindow: () => context.showWindow(),
        quit: () => app.quit(),
        notify: (n) => void notify(n),
        app,
        autostart: deps.autostart,
        iconDir: deps.trayIconDir,
        log,
      })
      context.tray = tray
    } catch (e) {
      log(`tray: could not be set up: ${String(e)}`)
    }
  }
  openWindow(
    shouldStartHidden({
      startHidden: settings?.startHidden ?? false,
      launchedAtLogin: deps.launchedAtLogin,
      trayAvailable: tray?.visible ?? false,
    }),
  )
  await core.start()
  return context
}
