/**
 * The app:// scheme: how the packaged window loads its page (Electron security
 * checklist item 18, "avoid file://"). No 'electron' import — main-process.ts
 * wires it with `protocol.registerSchemesAsPrivileged` / `protocol.handle`; the
 * request → Response logic lives here so it runs, and is tested, in plain Node.
 *
 * Why not file://: electron-builder.json keeps the `grantFileProtocolExtraPrivileges`
 * fuse off, so file:// pages behave as in a browser — origin `null`, and Vite's
 * `<script type="module" crossorigin>` entry is refused by CORS: the page never
 * mounts (test/e2e/app-protocol.test.ts shows both).
 *
 * What the handler promises: only files inside the renderer folder are served
 * (encoded `..`, absolute paths, backslashes, NUL bytes and symlinks out are
 * refused); each answer has its MIME type, the app's CSP and the other
 * security headers; only GET/HEAD on our one host are answered.
 */
import { readFile, realpath, stat } from 'node:fs'
import { promisify } from 'node:util'
import { lookupStatic, type StaticLookup } from '../loopback/static-files'
import { APP_CSP } from './csp'

export const APP_SCHEME = 'app'
/** A standard scheme needs a host; the page's origin is `app://renderer`. */
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY = `${APP_ORIGIN}/index.html`

/**
 * standard: a real origin, relative URLs and web storage work; secure: counts
 * as a secure context like https; supportFetchAPI: the module loader fetches
 * through it; corsEnabled: Vite's `crossorigin` module requests run the CORS
 * check (same-origin passes; nothing else is allowed in: we send no
 * Access-Control-Allow-Origin). No bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const

/**
 * The callback forms of fs: Electron's ASAR support patches them for files
 * inside app.asar (where the packaged renderer lives).
 */
const fsReal = promisify(realpath)
const fsStat = promisify(stat)
const fsRead = promisify(readFile)

export type AppFile = StaticLookup

/** A pathname (still percent-encoded) → a file under `root` (the same rules as the loopback host's). */
export const resolveAppFile = (root: string, pathname: string): Promise<AppFile> => lookupStatic(root, pathname, { realpath: fsReal, stat: fsStat })

/** Headers on every app:// answer, error pages included. */
export function appSecurityHeaders(csp: string = APP_CSP): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
}

export type AppRequestHandler = (request: Request) => Promise<Response>

export function createAppRequestHandler(opts: { rendererDir: string; csp?: string }): AppRequestHandler {
  const headers = appSecurityHeaders(opts.csp)
  const refuse = (status: number, text: string, extra: Record<string, string> = {}) =>
    new Response(text + '\n', {
      status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
    })
  return async (request) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(400, 'Bad request.')
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found.')
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed.', { Allow: 'GET, HEAD' })
    const found = await resolveAppFile(opts.rendererDir, url.pathname)
    if (found.kind === 'refused') return refuse(403, 'Forbidden.')
    if (found.kind === 'bad') return refuse(400, 'Bad request.')
    if (found.kind === 'missing') return refuse(404, 'Not found.')
    let body: Buffer
    try {
      body = await fsRead(found.file)
    } catch {
      return refuse(404, 'Not found.')
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': found.contentType,
        'Content-Length': String(body.length),
        // Vite's hashed assets never change within one app version; the page itself is always re-read.
        'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'no-cache',
      },
    })
  }
}

/** Is `url` the app's page (any hash or query: the UI routes with the hash)? */
export function isAppEntryUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    !u.username &&
    !u.password &&
    (u.pathname === '/' || u.pathname === '/index.html')
  )
}
