import { beforeEach, describe, expect, it } from 'vitest'
import { app, BrowserWindow, FakeWebContents, resetElectronFake, session, shell } from '../../fakes/electron'
import type { App, Session } from 'electron'
import { readFileSync } from 'node:fs'
import { APP_CSP, contentSecurityPolicy, META_CSP } from '../../../electron/main/csp'
import { hardenSession, installAppHardening, isSafeExternalUrl } from '../../../electron/main/security'

const APP = 'file:///opt/xm/resources/app/out/renderer/index.html'
const isAppUrl = (url: string) => url.split('#')[0] === APP

beforeEach(() => resetElectronFake())

describe('external links', () => {
  it('lets only http(s) links without credentials leave the app', () => {
    expect(isSafeExternalUrl('https://xtream-masters.example/help')).toBe(true)
    expect(isSafeExternalUrl('http://panel.example:8080/')).toBe(true)
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://share/x',
      'https://bank.example@evil.example/',
      'https://user:pw@panel.example/',
      'not a url',
      '',
      'https://' + 'a'.repeat(2050) + '.com',
      42,
    ]) {
      expect(isSafeExternalUrl(bad), String(bad).slice(0, 40)).toBe(false)
    }
  })
})

describe('session hardening', () => {
  it('refuses every permission request and check except clipboard writes', async () => {
    const ses = session.defaultSession
    hardenSession(ses as unknown as Session)
    const ask = (permission: string) =>
      new Promise<boolean>((resolve) => ses.permissionRequestHandler!(null, permission, resolve, {}))
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'unknown',
    ]) {
      expect(await ask(p), p).toBe(false)
      expect(ses.permissionCheckHandler!(null, p, 'file://', {}), p).toBe(false)
    }
    expect(await ask('clipboard-sanitized-write')).toBe(true)
    expect(ses.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'file://', {})).toBe(true)
  })

  it('puts the strict CSP on every document response, replacing any other policy', async () => {
    const ses = session.defaultSession
    hardenSession(ses as unknown as Session)
    const doc = await ses.__receiveHeaders({
      url: 'http://localhost:5173/',
      resourceType: 'mainFrame',
      responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
    })
    expect(doc.responseHeaders['Content-Security-Policy']).toEqual([APP_CSP])
    expect(doc.responseHeaders['content-security-policy']).toBeUndefined()
    expect(doc.responseHeaders['X-Other']).toEqual(['1'])
    // The main process's own panel requests share the session; they are left alone.
    const api = await ses.__receiveHeaders({ url: 'http://panel.example/x', resourceType: 'xhr' })
    expect(api).toEqual({})
  })

  it('says exactly the policy the page needs', () => {
    expect(APP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    )
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5000'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:5000;",
    )
    expect(META_CSP).toBe(APP_CSP.replace("; frame-ancestors 'none'", ''))
  })

  it('src/index.html carries the same policy in its meta tag (wherever the built page is opened)', () => {
    const html = readFileSync(new URL('../../../src/index.html', import.meta.url), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta?.[1]).toBe(META_CSP)
  })
})

describe('web contents hardening (every contents the app creates)', () => {
  const setup = () => {
    const blocked: string[] = []
    installAppHardening(app as unknown as App, {
      isAppUrl,
      openExternal: (url) => shell.openExternal(url),
      onBlocked: (what, url) => blocked.push(`${what} ${url}`),
    })
    const win = new BrowserWindow({})
    void win.loadURL(APP)
    return { contents: win.webContents, blocked }
  }

  it('refuses navigation and redirects away from our page', () => {
    const { contents, blocked } = setup()
    expect(contents.__navigate('https://evil.example/')).toBe(false)
    expect(contents.__navigate('file:///etc/passwd')).toBe(false)
    expect(contents.__navigate('https://evil.example/', 'will-redirect')).toBe(false)
    expect(contents.__navigate(APP + '#/lines')).toBe(true)
    expect(blocked).toEqual([
      'navigate https://evil.example/',
      'navigate file:///etc/passwd',
      'redirect https://evil.example/',
    ])
  })

  it('refuses any sub-frame navigation', () => {
    const { contents } = setup()
    const iframe = contents.mainFrame.__addChild('about:blank')
    expect(contents.__navigate(APP, 'will-frame-navigate', iframe)).toBe(false)
    expect(contents.__navigate(APP, 'will-frame-navigate')).toBe(true)
  })

  it('never opens a window: http(s) goes to the browser, anything else is dropped', async () => {
    const { contents } = setup()
    expect(contents.__windowOpen('https://panel.example/help')).toEqual({ action: 'deny' })
    expect(contents.__windowOpen('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(contents.__windowOpen('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(contents.__windowOpen(APP)).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(shell.opened).toEqual(['https://panel.example/help'])
  })

  it('refuses <webview>, also in contents created later', () => {
    setup()
    const later = new FakeWebContents()
    expect(later.__attachWebview()).toBe(false)
    expect(later.windowOpenHandler).not.toBeNull()
  })
})
