/**
 * Close-to-tray: what closing the window does, and whether the app may start
 * hidden. The rule that matters: never hide the window when there is no tray
 * to bring it back from.
 *
 * Linux is the hard case. Electron's tray there is a StatusNotifierItem; when
 * no host shows it (stock GNOME Shell without the AppIndicator/KStatusNotifierItem
 * extension) creating the tray still "succeeds" and the icon is simply
 * invisible. That cannot be detected reliably, so: a tray that failed to be
 * created, or a GNOME session with no AppIndicator extension installed, counts
 * as "no tray" — the window stays, and closing it quits. `XM_FORCE_TRAY=1`
 * overrides the guess for users who know better (another SNI host, a
 * per-user extension in an unusual place).
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { HIDDEN_ARG } from './autostart'

export type CloseAction = 'hide' | 'close'

export function decideClose(s: { quitting: boolean; closeToTray: boolean; trayAvailable: boolean }): CloseAction {
  if (s.quitting) return 'close' // "Quit" must really quit: never cancel a close during shutdown
  return s.closeToTray && s.trayAvailable ? 'hide' : 'close'
}

/** Directory names of the GNOME Shell extensions that host StatusNotifier/AppIndicator icons. */
export const APPINDICATOR_EXTENSIONS = [
  'appindicatorsupport@rgcjonas.gmail.com', // upstream; Debian/Fedora/Arch package it
  'ubuntu-appindicators@ubuntu.com', // Ubuntu's build, enabled by default there
]

export function hasAppIndicatorExtension(
  env: Record<string, string | undefined>,
  home = homedir(),
  exists: (p: string) => boolean = existsSync,
): boolean {
  const dataHome =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share')
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter((d) => d.startsWith('/'))
  for (const base of [dataHome, ...dataDirs]) {
    for (const ext of APPINDICATOR_EXTENSIONS) if (exists(join(base, 'gnome-shell', 'extensions', ext))) return true
  }
  return false
}

/** Would the user see a tray icon? `trayCreated`: Electron did not refuse to create it. */
export function trayLikelyVisible(opts: {
  platform: NodeJS.Platform | string
  env: Record<string, string | undefined>
  trayCreated: boolean
  appIndicator?: () => boolean
}): boolean {
  if (!opts.trayCreated) return false
  if (opts.platform !== 'linux') return true
  if (opts.env.XM_FORCE_TRAY === '1') return true
  const desktops = (opts.env.XDG_CURRENT_DESKTOP ?? '').split(':').map((d) => d.trim().toUpperCase())
  // GNOME Shell has no tray of its own (since 3.26). Every other common desktop hosts StatusNotifier items.
  if (desktops.includes('GNOME')) return (opts.appIndicator ?? (() => hasAppIndicatorExtension(opts.env)))()
  return true
}

/** Start without showing the window: asked for (setting, or the login entry's --hidden) AND a tray to come back from. */
export function shouldStartHidden(opts: {
  startHidden: boolean
  launchedAtLogin: boolean
  trayAvailable: boolean
}): boolean {
  return opts.trayAvailable && opts.startHidden && opts.launchedAtLogin
}

export { HIDDEN_ARG }

/** Preventable close event and the window, as Electron hands them to a 'close' listener. */
export interface CloseEventLike {
  preventDefault(): void
}
export interface HideableWindow {
  hide(): void
}

/**
 * The window's 'close' listener. Wire it as main-process.ts's `onWindowClose`
 * (it passes `ctx.isQuitting()`, true from the first quit request on).
 */
export function createCloseToTray(opts: {
  closeToTray: () => boolean
  trayAvailable: () => boolean
  /** First hide of this run: one notification "still running in the tray". */
  onFirstHide: () => void
}): (event: CloseEventLike, win: HideableWindow, quitting: boolean) => CloseAction {
  let hinted = false
  return (event, win, quitting) => {
    const action = decideClose({ quitting, closeToTray: opts.closeToTray(), trayAvailable: opts.trayAvailable() })
    if (action === 'hide') {
      event.preventDefault()
      win.hide()
      if (!hinted) {
        hinted = true
        opts.onFirstHide()
      }
    }
    return action
  }
}
