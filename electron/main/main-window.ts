/**
 * The one main window of a running app: opened at start (hidden or not),
 * closed by the user, opened again on demand (macOS dock, tray, notification
 * click, a second launch). main-process.ts keeps one of these.
 */
import { BrowserWindow, dialog } from 'electron'
import type { AppLocation } from './app-url'
import type { createCloseToTray } from './tray-lifecycle'
import { createMainWindow, revealWindow } from './window'
import { watchRendererHealth } from './window-recovery'

type Log = (msg: string) => void

export interface OpenWindowOptions {
  location: AppLocation
  preloadPath: string
  closeToTray: ReturnType<typeof createCloseToTray>
  isQuitting: () => boolean
  log: Log
}

/** The window, closing to the tray when it should, and watched for a crashed or hung page. */
export function openMainWindow(o: OpenWindowOptions, hidden: boolean): BrowserWindow {
  const win = createMainWindow({
    location: o.location,
    preloadPath: o.preloadPath,
    startHidden: hidden,
    onClose: (event, w) => void o.closeToTray(event, w, o.isQuitting()),
    onLoadFailed: (e) => o.log(`page failed to load: ${String(e)}`),
  })
  watchRendererHealth(win, {
    entry: o.location.entry,
    isQuitting: o.isQuitting,
    ask: (w, opts) => dialog.showMessageBox(w, opts),
    log: o.log,
  })
  return win
}

export interface MainWindowSlot {
  /** The open window, or null when there is none (not opened yet, or closed and destroyed). */
  get(): BrowserWindow | null
  /** Holds a newly opened window; returns it. */
  hold(win: BrowserWindow): BrowserWindow
  /** The open window brought to the front, or a new one from `reopen` when it was closed. */
  show(reopen: () => BrowserWindow): BrowserWindow
}

/**
 * Holds the window. The IPC binding needs `get` before the close-to-tray rule
 * and the quit control a window is opened with exist, so opening is the
 * caller's (openMainWindow) and the slot only keeps what was opened.
 */
export function mainWindowSlot(): MainWindowSlot {
  let win: BrowserWindow | null = null
  const get = () => (win && !win.isDestroyed() ? win : null)
  return {
    get,
    hold: (w) => (win = w),
    show: (reopen) => {
      const w = get() ?? reopen()
      revealWindow(w)
      return w
    },
  }
}
