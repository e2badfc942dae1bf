/**
 * The loopback host's door checks. A page on the internet can make the user's
 * browser talk to 127.0.0.1 (CSRF, cross-site WebSocket hijacking) or resolve
 * its own name to 127.0.0.1 (DNS rebinding), so every request must carry the
 * one-time token, name our exact Host, and — for the WebSocket — come from our
 * own origin.
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

/** The cookie that lets the page's own assets load after the token-bearing page load. */
export function tokenCookieName(port: number): string {
  return `xm_token_${port}`
}
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
