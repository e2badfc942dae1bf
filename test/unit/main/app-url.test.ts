import { describe, expect, it } from 'vitest'
import { resolveAppLocation, trustedDevServerUrl } from '../../../electron/main/app-url'

describe('our page', () => {
  it('is exactly app://renderer/index.html when packaged (never file://)', () => {
    const loc = resolveAppLocation({ rendererDir: '/opt/xm/out/renderer' })
    expect(loc.entry).toBe('app://renderer/index.html')
    expect(loc.kind).toBe('app')
    expect(loc.rendererDir).toBe('/opt/xm/out/renderer')
    expect(loc.isAppUrl('app://renderer/index.html')).toBe(true)
    expect(loc.isAppUrl('app://renderer/index.html#/lines?x=1')).toBe(true)
    expect(loc.isAppUrl('app://renderer/index.html?a=b')).toBe(true)
    expect(loc.isAppUrl('app://renderer/')).toBe(true)
    for (const other of [
      'file:///opt/xm/out/renderer/index.html',
      'app://renderer/other.html',
      'app://renderer/assets/index.js',
      'app://other/index.html',
      'app://u:p@renderer/index.html',
      'http://localhost:5173/',
      'https://renderer/index.html',
      'about:blank',
      'garbage',
      '',
    ]) {
      expect(loc.isAppUrl(other), other).toBe(false)
    }
  })

  it('is the dev server origin in development', () => {
    const loc = resolveAppLocation({ rendererDir: '/x', devServerUrl: 'http://localhost:5173/' })
    expect(loc.entry).toBe('http://localhost:5173/')
    expect(loc.isAppUrl('http://localhost:5173/#/credits')).toBe(true)
    expect(loc.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(loc.isAppUrl('http://127.0.0.1:5173/')).toBe(false)
    expect(loc.isAppUrl('file:///x/index.html')).toBe(false)
    expect(loc.isAppUrl('app://renderer/index.html')).toBe(false)
  })

  it('trusts a dev server URL only unpackaged, on loopback http', () => {
    expect(trustedDevServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/')
    expect(trustedDevServerUrl('http://127.0.0.1:5173/x', false)).toBe('http://127.0.0.1:5173/')
    expect(trustedDevServerUrl('http://localhost:5173', true)).toBeNull()
    expect(trustedDevServerUrl('https://evil.example', false)).toBeNull()
    expect(trustedDevServerUrl('http://evil.example:5173', false)).toBeNull()
    expect(trustedDevServerUrl('http://u:p@localhost:5173', false)).toBeNull()
    expect(trustedDevServerUrl(undefined, false)).toBeNull()
    expect(trustedDevServerUrl('nonsense', false)).toBeNull()
  })
})
