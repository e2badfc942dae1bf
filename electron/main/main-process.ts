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

type Log = (msg: string) => void
type Notify = (n: Parameters<ReturnType<typeof createNotifier>>[0]) => void

/** Everything main and the core log also goes to a rotating, redacted file in the data folder (core/log/file-log.ts). */
function mainLog(deps: MainProcessDeps): { log: Log; logDir: string } {
  const logDir = join(deps.dataDir, 'logs')
  const fileLog = openFileLog(logDir)
  const log = (msg: string) => {
    deps.log?.(msg)
    fileLog.write(msg)
  }
  return { log, logDir }
}

/** Before 'ready' (Electron allows these only then): app:// gets a real, secure origin, and every web contents the guards. */
function beforeReady(location: AppLocation, openFromPage: (url: string) => Promise<void>, log: Log): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
  installAppHardening(app, {
    isAppUrl: location.isAppUrl,
    openExternal: openFromPage,
    onBlocked: (what, url) => log(`blocked ${what} ${url.slice(0, 200)}`),
  })
}

/** The settings main acts on itself (theme, close to tray), kept as the core changes them. */
interface SettingsHolder {
  current: Settings | null
}

async function startCore(deps: MainProcessDeps, o: { log: Log; logDir: string; notify: Notify; settings: SettingsHolder }): Promise<Core> {
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
function bindCore(core: Core, location: AppLocation, getWindow: () => BrowserWindow | null): () => void {
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

/** The tray, when there are icons for it; a tray that fails is logged and the app runs without. */
async function startTray(deps: MainProcessDeps, core: Core, context: MainContext, notify: Notify, log: Log): Promise<TraySetup | null> {
  if (!deps.trayIconDir) return null
  try {
    return await setupTray({
      core,
      showWindow: () => context.showWindow(),
      quit: () => app.quit(),
      notify,
      app,
      autostart: deps.autostart,
      iconDir: deps.trayIconDir,
      log,
    })
  } catch (e) {
    log(`tray: could not be set up: ${String(e)}`)
    return null
  }
}

/** The window, closing to the tray when it should, and watched for a crashed or hung page. */
function openMainWindow(
  deps: MainProcessDeps,
  location: AppLocation,
  hidden: boolean,
  o: { closeToTray: ReturnType<typeof createCloseToTray>; isQuitting: () => boolean; log: Log },
): BrowserWindow {
  const win = createMainWindow({
    location,
    preloadPath: deps.preloadPath,
    startHidden: hidden,
    onClose: (event, w) => void o.closeToTray(event, w, o.isQuitting()),
    onLoadFailed: (e) => o.log(`page failed to load: ${String(e)}`),
  })
  watchRendererHealth(win, {
    entry: location.entry,
    isQuitting: o.isQuitting,
    ask: (w, opts) => dialog.showMessageBox(w, opts),
    log: o.log,
  })
  return win
}

/** Returns null when another copy of the app is already running (this one quits). */
export async function startMainProcess(deps: MainProcessDeps): Promise<MainContext | null> {
  const { log, logDir } = mainLog(deps)
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
  let coreRef: Core | null = null
  // window.open / target=_blank from the page: the same allowlist as app:openExternal.
  beforeReady(
    location,
    async (url) => {
      const r = coreRef ? await coreRef.dispatch('app:openExternal', { url }) : null
      if (!r?.ok) log(`blocked window-open ${url.slice(0, 200)}`)
    },
    log,
  )

  await app.whenReady()
  hardenSession(session.defaultSession)
  if (location.kind === 'app') protocol.handle(APP_SCHEME, createAppRequestHandler({ rendererDir: location.rendererDir }))
  setWindowsAppId(app, platform)

  const notifier = createNotifier({
    icon: deps.notificationIcon,
    onClick: (n) => ctx?.showWindow().webContents.send('app:command', { command: commandOf(n) }),
  })
  const notify: Notify = (n) => void notifier(n)
  const settings: SettingsHolder = { current: null }
  const core = await startCore(deps, { log, logDir, notify, settings })
  coreRef = core
  const unbind = bindCore(core, location, getWindow)

  let tray: TraySetup | null = null
  const quit = disposeOnQuit(
    app,
    async () => {
      tray?.dispose()
      unbind()
      await core.dispose()
      await deps.demo?.stop()
      folder.release()
    },
    { log },
  )
  quitWhenAllWindowsClosed(app, platform as NodeJS.Platform)

  const closeToTray = createCloseToTray({
    closeToTray: () => settings.current?.closeToTray ?? true,
    trayAvailable: () => tray?.visible ?? false,
    onFirstHide: () => void notifier(STILL_RUNNING),
  })
  const openWindow = (hidden: boolean): BrowserWindow => (win = openMainWindow(deps, location, hidden, { closeToTray, isQuitting: quit.isQuitting, log }))
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
  tray = await startTray(deps, core, context, notify, log)
  context.tray = tray
  openWindow(
    shouldStartHidden({
      startHidden: settings.current?.startHidden ?? false,
      launchedAtLogin: deps.launchedAtLogin,
      trayAvailable: tray?.visible ?? false,
    }),
  )
  await core.start()
  return context
}
