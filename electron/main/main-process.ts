/**
 * The main process, assembled: hardening, the core, IPC, tray, window, shutdown.
 * Everything it needs from outside Electron (the core factory, the keychain
 * chooser, the demo simulator, fetch, paths, argv) is passed in, so the whole
 * wiring runs under vitest against the fake 'electron' module and a real core.
 * main/index.ts is the thin caller that passes the real parts.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, protocol, session } from 'electron'
import type { Core, CoreOptions } from '../core/app/create-core'
import type { HeldLock } from '../core/lock/data-folder-lock'
import { openFileLog } from '../core/log/file-log'
import type { SecretStore } from '../core/ports'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler } from './app-protocol'
import { resolveAppLocation, type AppLocation } from './app-url'
import type { AutostartEnv } from './autostart'
import { claimDataFolder } from './data-folder'
import type { DemoLauncher } from './demo'
import { claimSingleInstance, disposeOnQuit, quitWhenAllWindowsClosed, type QuitControl } from './lifecycle'
import { bindCore, startCore, type Log, type Notify, type SettingsHolder } from './main-core'
import { mainWindowSlot, openMainWindow, type OpenWindowOptions } from './main-window'
import { commandOf, createNotifier, setWindowsAppId } from './notifications'
import { hardenSession, installAppHardening } from './security'
import { STILL_RUNNING } from './tray'
import { setupTray, type TraySetup } from './tray-electron'
import { createCloseToTray, shouldStartHidden } from './tray-lifecycle'

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

/**
 * One copy per data folder: a second launch of this app shows the first one's
 * window (lifecycle.ts), and a folder another process holds is refused with a
 * dialog saying who (data-folder.ts). Null = this copy quits.
 */
function claimThisCopy(dataDir: string, showRunningCopy: () => void, log: Log): HeldLock | null {
  if (!claimSingleInstance(app, showRunningCopy)) return null
  return claimDataFolder(dataDir, dialog, log)
}

/** After 'ready': the session's guards, app:// serving the built page, and the app id Windows shows notifications under. */
async function whenReady(location: AppLocation, platform: MainProcessDeps['autostart']['platform']): Promise<void> {
  await app.whenReady()
  hardenSession(session.defaultSession)
  if (location.kind === 'app') protocol.handle(APP_SCHEME, createAppRequestHandler({ rendererDir: location.rendererDir }))
  setWindowsAppId(app, platform)
}

/** Desktop notifications; a click shows the window and hands the page the notification's command. */
function desktopNotify(deps: MainProcessDeps, showWindow: () => BrowserWindow | undefined): Notify {
  const notifier = createNotifier({
    icon: deps.notificationIcon,
    onClick: (n) => showWindow()?.webContents.send('app:command', { command: commandOf(n) }),
  })
  return (n) => void notifier(n)
}

/**
 * Quitting releases everything in reverse order of taking it — the tray, the
 * IPC binding, the core (its SQLite files and timers), the demo panel, and
 * last the data folder, so the next copy finds it free only once all is shut.
 */
function shutdownOnQuit(
  deps: MainProcessDeps,
  held: { tray: () => TraySetup | null; unbind: () => void; core: Core; folder: HeldLock },
  log: Log,
): QuitControl {
  const quit = disposeOnQuit(
    app,
    async () => {
      held.tray()?.dispose()
      held.unbind()
      await held.core.dispose()
      await deps.demo?.stop()
      held.folder.release()
    },
    { log },
  )
  quitWhenAllWindowsClosed(app, deps.autostart.platform as NodeJS.Platform)
  return quit
}

/** window.open / target=_blank from the page: the same allowlist as app:openExternal (core/app/external-links.ts). */
function openFromPage(core: () => Core | null, log: Log): (url: string) => Promise<void> {
  return async (url) => {
    const c = core()
    const r = c ? await c.dispatch('app:openExternal', { url }) : null
    if (!r?.ok) log(`blocked window-open ${url.slice(0, 200)}`)
  }
}

/**
 * What every main window is opened with. Closing it hides it to the tray when
 * the setting asks for that and there is a tray to come back from
 * (tray-lifecycle.ts); the first such hide says so in a notification.
 */
function windowOpening(
  deps: MainProcessDeps,
  location: AppLocation,
  o: { settings: SettingsHolder; tray: () => TraySetup | null; notify: Notify; isQuitting: () => boolean; log: Log },
): OpenWindowOptions {
  const closeToTray = createCloseToTray({
    closeToTray: () => o.settings.current?.closeToTray ?? true,
    trayAvailable: () => o.tray()?.visible ?? false,
    onFirstHide: () => o.notify(STILL_RUNNING),
  })
  return { location, preloadPath: deps.preloadPath, closeToTray, isQuitting: o.isQuitting, log: o.log }
}

/** Returns null when another copy of the app is already running (this one quits). */
export async function startMainProcess(deps: MainProcessDeps): Promise<MainContext | null> {
  const { log, logDir } = mainLog(deps)
  let ctx: MainContext | null = null
  const folder = claimThisCopy(deps.dataDir, () => ctx?.showWindow(), log)
  if (!folder) {
    app.quit()
    return null
  }
  const location = resolveAppLocation({ rendererDir: deps.rendererDir, devServerUrl: deps.devServerUrl })
  let coreRef: Core | null = null
  beforeReady(location, openFromPage(() => coreRef, log), log)
  await whenReady(location, deps.autostart.platform)

  const notify = desktopNotify(deps, () => ctx?.showWindow())
  const settings: SettingsHolder = { current: null }
  const core = await startCore(deps, { log, logDir, notify, settings })
  coreRef = core
  const mainWindow = mainWindowSlot()
  const unbind = bindCore(core, location, mainWindow.get)
  let tray: TraySetup | null = null
  const quit = shutdownOnQuit(deps, { tray: () => tray, unbind, core, folder }, log)

  const opening = windowOpening(deps, location, { settings, tray: () => tray, notify, isQuitting: quit.isQuitting, log })
  const openWindow = (hidden: boolean) => mainWindow.hold(openMainWindow(opening, hidden))
  const context: MainContext = {
    core,
    location,
    getWindow: mainWindow.get,
    showWindow: () => mainWindow.show(() => openWindow(false)),
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
