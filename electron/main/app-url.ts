/**
 * Where our page lives, and the one test of "is this URL our page?" used by the
 * IPC sender check, the navigation guards and the event forwarder.
 *
 * - packaged / `electron-vite build`: file://…/out/renderer/index.html — only that
 *   exact file counts (query and hash ignored: the UI routes with the hash);
 * - `electron-vite dev`: the dev server's origin (ELECTRON_RENDERER_URL), and only
 *   when it is a loopback http URL and the app is not packaged.
 */
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface AppLocation {
  /** What the window loads. */
  readonly entry: string
  readonly kind: 'file' | 'dev-server'
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
      isAppUrl: (url) => parse(url)?.origin === origin,
    }
  }
  const indexFile = join(opts.rendererDir, 'index.html')
  const entry = pathToFileURL(indexFile).href
  return {
    entry,
    kind: 'file',
    isAppUrl: (url) => {
      const u = parse(url)
      if (!u || u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false
      u.search = ''
      u.hash = ''
      try {
        return fileURLToPath(u) === indexFile
      } catch {
        return false
      }
    },
  }
}
