/**
 * Where our page lives, and the one test of "is this URL our page?" used by the
 * IPC sender check, the navigation guards and the event forwarder.
 *
 * - packaged / `electron-vite build`: app://renderer/index.html, served from
 *   out/renderer by app-protocol.ts (not file://: see there why) — only that
 *   page counts (query and hash ignored: the UI routes with the hash);
 * - `electron-vite dev`: the dev server's origin (ELECTRON_RENDERER_URL), and only
 *   when it is a loopback http URL and the app is not packaged.
 */
import { APP_ENTRY, isAppEntryUrl } from './app-protocol'

export interface AppLocation {
  /** What the window loads. */
  readonly entry: string
  readonly kind: 'app' | 'dev-server'
  /** The built renderer folder app:// serves. */
  readonly rendererDir: string
  isAppUrl(url: string): boolean
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** The electron-vite dev server URL, or null when it must not be trusted. */
export function trustedDevServerUrl(raw: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !raw) return null
  const u = parse(raw)
  if (!u || u.protocol !== 'http:' || !LOOPBACK_HOSTS.has(u.hostname) || u.username || u.password) return null
  return u.origin + '/'
}

export function resolveAppLocation(opts: { rendererDir: string; devServerUrl?: string | null }): AppLocation {
  if (opts.devServerUrl) {
    const origin = new URL(opts.devServerUrl).origin
    return {
      entry: origin + '/',
      kind: 'dev-server',
      rendererDir: opts.rendererDir,
      isAppUrl: (url) => parse(url)?.origin === origin,
    }
  }
  return { entry: APP_ENTRY, kind: 'app', rendererDir: opts.rendererDir, isAppUrl: isAppEntryUrl }
}
