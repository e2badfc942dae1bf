/**
 * Hardening that applies to every web page Electron creates (Electron's
 * security checklist): no navigation away from our page, no new windows, no
 * <webview>, no permissions, a strict CSP on every document response.
 */
import type { App, Session, WebContents } from 'electron'
import { isMessageLink } from '../shared/message-links'
import { APP_CSP } from './csp'

/**
 * The last check before `shell.openExternal`: plain web links without
 * credentials, or a message link in exactly the shape the app builds (sms:,
 * mailto:, wa.me, t.me). Which web links are the app's own is the core's
 * allowlist (core/app/external-links.ts); every link goes through it first.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0) return false
  if (isMessageLink(raw)) return true
  if (raw.length > 2048) return false
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return false
  }
  // Credentials in a link (`https://bank.com@evil.example`) exist to deceive.
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && !u.username && !u.password
}

/** The one permission the page may use: writing text to the clipboard (copy buttons). */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function hardenSession(ses: Session, csp: string = APP_CSP): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  ses.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission))
  // Documents only: the main process's own `net.fetch` to panels shares this session.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return callback({})
    const headers = { ...(details.responseHeaders ?? {}) }
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name]
    headers['Content-Security-Policy'] = [csp]
    callback({ responseHeaders: headers })
  })
}

export interface ContentsGuardOptions {
  isAppUrl(url: string): boolean
  openExternal(url: string): Promise<void>
  /** Told about every refusal, for the log. */
  onBlocked?(what: 'navigate' | 'redirect' | 'frame-navigate' | 'window-open' | 'webview', url: string): void
}

/**
 * Navigation stays on our page; window.open and target=_blank never create a
 * window — the link is handed to `openExternal` (which applies the app's
 * allowlist), anything that is not even a web or message link is dropped.
 */
export function hardenWebContents(contents: WebContents, opts: ContentsGuardOptions): void {
  const blocked = opts.onBlocked ?? (() => {})
  contents.on('will-navigate', (event, url) => {
    if (!opts.isAppUrl(url)) {
      event.preventDefault()
      blocked('navigate', url)
    }
  })
  contents.on('will-redirect', (event, url) => {
    if (!opts.isAppUrl(url)) {
      event.preventDefault()
      blocked('redirect', url)
    }
  })
  // Sub-frames (an <iframe> the CSP would refuse anyway) may not navigate at all.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) {
      event.preventDefault()
      blocked('frame-navigate', event.url)
    }
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    blocked('webview', '')
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void opts.openExternal(url).catch(() => {})
    else blocked('window-open', url)
    return { action: 'deny' }
  })
}

/** Every web contents the app ever creates gets the guards, before it loads anything. */
export function installAppHardening(app: App, opts: ContentsGuardOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, opts))
}
