/**
 * The main window. Its web preferences are the app's security boundary:
 * the page gets no Node, runs sandboxed in its own JS world, and reaches the
 * main process only through the preload's `window.xm`.
 */
import { BrowserWindow, nativeTheme } from 'electron'
import type { Event as ElectronEvent, WebPreferences } from 'electron'
import type { AppLocation } from './app-url'

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences

/** naive-ui's page backgrounds, so the window does not flash white (or black) before the first paint. */
export const BACKGROUND = { light: '#ffffff', dark: '#101014' } as const

export interface MainWindowOptions {
  location: AppLocation
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string
  /** Start in the tray (login start): create and load, but do not show. */
  startHidden?: boolean
  /**
   * The window's 'close' event. The tray engineer's close-to-tray calls
   * `event.preventDefault()` and hides the window; not prevented = the window closes.
   */
  onClose?: (event: ElectronEvent, win: BrowserWindow) => void
  /** The page failed to load (a broken build); for the log. */
  onLoadFailed?: (error: unknown) => void
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'XM Reseller Desk',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: { ...WEB_PREFERENCES, preload: opts.preloadPath },
  })
  // Shown on the first paint, not before, so the user never sees an empty frame.
  if (!opts.startHidden) win.once('ready-to-show', () => win.show())
  if (opts.onClose) {
    const onClose = opts.onClose
    win.on('close', (event) => onClose(event, win))
  }
  win.loadURL(opts.location.entry).catch((error: unknown) => opts.onLoadFailed?.(error))
  return win
}

/** Bring an existing window to the front (second instance, tray click, notification click). */
export function revealWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  if (!win.isVisible()) win.show()
  win.focus()
}
