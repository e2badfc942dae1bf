import { describe, expect, it } from 'vitest'
import {
  hostAllowed,
  newToken,
  originAllowed,
  TOKEN_RE,
  tokenMatches,
} from '../../../electron/loopback/guard'

describe('loopback door checks', () => {
  it('tokens are 32 random bytes, URL-safe', () => {
    const a = newToken()
    expect(a).toMatch(TOKEN_RE)
    expect(Buffer.from(a, 'base64url')).toHaveLength(32)
    expect(newToken()).not.toBe(a)
  })

  it('matches only the exact token', () => {
    const t = newToken()
    expect(tokenMatches(t, t)).toBe(true)
    for (const bad of [t.slice(0, -1), t + 'x', t.toUpperCase(), '', null, undefined, 42, 'x'.repeat(10_000)]) {
      expect(tokenMatches(t, bad)).toBe(false)
    }
  })

  it('accepts only our own Host (DNS rebinding) and Origin (cross-site sockets)', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true)
    expect(hostAllowed('localhost:4000', 4000)).toBe(true)
    expect(hostAllowed('LOCALHOST:4000', 4000)).toBe(true)
    for (const h of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '0.0.0.0:4000', '[::1]:4000', undefined, '']) {
      expect(hostAllowed(h, 4000), String(h)).toBe(false)
    }
    expect(originAllowed('http://127.0.0.1:4000', 4000)).toBe(true)
    expect(originAllowed('http://localhost:4000', 4000)).toBe(true)
    for (const o of [
      'http://evil.example',
      'http://127.0.0.1:4001',
      'https://127.0.0.1:4000',
      'null',
      'file://',
      undefined,
      '',
    ]) {
      expect(originAllowed(o, 4000), String(o)).toBe(false)
    }
  })
})
