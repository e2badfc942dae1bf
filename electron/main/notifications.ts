/**
 * Desktop notifications (credit alerts, "still running in the tray").
 *
 * - `Notification.isSupported()` is false on Linux without a notification
 *   daemon: then nothing is shown and `notify` answers false (the tray icon
 *   and the page still show the state).
 * - Windows shows nothing unless the process has an AppUserModelID matching
 *   the Start-menu shortcut; the NSIS installer creates that shortcut with
 *   electron-builder's `appId`, so main must call
 *   `app.setAppUserModelId(APP_USER_MODEL_ID)` before the first notification.
 * - A shown Notification is kept referenced until it closes: a collected one
 *   loses its click handler (and on Windows may vanish from the Action Center).
 */
import { Notification } from 'electron'

/** Must equal electron-builder.json `appId`. */
export const APP_USER_MODEL_ID = 'com.xmresellerdesk.app'

export interface Notice {
  title: string
  body: string
  /** The panel it is about (a click opens its credits). */
  profileId?: string
  /** What a click opens instead of the credits (the renewal notification opens the radar). */
  command?: 'open-radar'
}

export interface NotifierOptions {
  /** App icon for Linux/Windows notifications (absolute path to a PNG). */
  icon?: string
  onClick?: (n: Notice) => void
}

/** What a click on a notice opens in the page (app:command): the radar for renewals, else the credits. */
export const commandOf = (n: Notice): 'open-credits' | 'open-radar' => n.command ?? 'open-credits'

const MAX_KEPT = 20

/** Returns `notify(n)`: true when a notification was shown. Never throws. */
export function createNotifier(opts: NotifierOptions = {}): (n: Notice) => boolean {
  const kept = new Set<Notification>()
  return (notice) => {
    try {
      if (!Notification.isSupported()) return false
      const n = new Notification({ title: notice.title, body: notice.body, ...(opts.icon ? { icon: opts.icon } : {}) })
      const release = () => kept.delete(n)
      n.on('click', () => {
        release()
        opts.onClick?.(notice)
      })
      n.on('close', release)
      n.on('failed', release)
      kept.add(n)
      if (kept.size > MAX_KEPT) kept.delete(kept.values().next().value!)
      n.show()
      return true
    } catch {
      return false
    }
  }
}

/** Windows only: without it, notifications are silently dropped. */
export function setWindowsAppId(
  app: { setAppUserModelId(id: string): void },
  platform: NodeJS.Platform | string,
): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
}
