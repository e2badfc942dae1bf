/**
 * The loopback host's door checks. A page on the internet can make the user's
 * browser talk to 127.0.0.1 (CSRF, cross-site WebSocket hijacking) or resolve
 * its own name to 127.0.0.1 (DNS rebinding), so every request must name our
 * exact Host, and the WebSocket (the only way to the core) must also carry the
 * one-time token and come from our own origin. Never a cookie: cookies are not
 * port-bound, every other service on 127.0.0.1 would receive it (host.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes, URL-safe (base64url, 43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}
export const TOKEN_RE = /^[A-Za-z0-9_-]{43,128}$/

/** Constant-time, whatever the lengths: both sides are hashed to 32 bytes first. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 512) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** The names the page may be reached by; anything else is a rebinding attempt. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return typeof hostHeader === 'string' && allowedHosts(port).has(hostHeader.toLowerCase())
}
export function originAllowed(originHeader: string | undefined, port: number): boolean {
  return (
    typeof originHeader === 'string' &&
    (originHeader === `http://127.0.0.1:${port}` || originHeader.toLowerCase() === `http://localhost:${port}`)
  )
}
