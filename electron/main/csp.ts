/**
 * The page's Content-Security-Policy, in one place. No 'electron' import: the
 * loopback host (electron/loopback) serves the same page with the same policy.
 *
 * Sent as a header on every app:// answer (app-protocol.ts, the packaged page),
 * every loopback answer, and by the session for the dev server's pages. The
 * same string is also in a <meta> tag in src/index.html, so the built page
 * carries its policy wherever it is opened from. When a header and a meta
 * policy both apply, Chromium enforces both.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // naive-ui (css-render) injects <style> elements at run time.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
]

/** The policy; `connectSrc` adds sources to connect-src (the loopback page's WebSocket). */
export function contentSecurityPolicy(opts: { connectSrc?: string[] } = {}): string {
  return DIRECTIVES.map(([name, value]) =>
    name === 'connect-src' && opts.connectSrc?.length
      ? `${name} ${value} ${opts.connectSrc.join(' ')}`
      : `${name} ${value}`,
  ).join('; ')
}

/** The policy sent as a response header (Electron session, loopback host). */
export const APP_CSP = contentSecurityPolicy()

/**
 * Exactly what src/index.html's `<meta http-equiv="Content-Security-Policy">` says:
 * the same policy minus frame-ancestors, which browsers ignore in a meta tag
 * (with a console error). `connect-src 'self'` also covers the loopback page's
 * ws:// socket to its own host and port (checked in Chromium).
 */
export const META_CSP = APP_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ')
