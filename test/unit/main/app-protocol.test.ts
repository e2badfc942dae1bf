/**
 * The packaged window's page over app:// (issue #12 §1): registered as a
 * privileged standard scheme before 'ready', served by `protocol.handle` from
 * out/renderer and nothing outside it, with MIME types and the CSP on every
 * answer; only that origin counts as the app. The fake 'electron' plays
 * Electron; the main process, the core and the handler are the real ones.
 * (test/e2e/app-protocol.test.ts shows the same answers mount the page in Chromium.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY } from '../../../electron/main/app-protocol'
import { APP_CSP } from '../../../electron/main/csp'
import { startMainProcess, type MainContext } from '../../../electron/main/main-process'
import { app, BrowserWindow, ipcMain, protocol, resetElectronFake } from '../../fakes/electron'
import { mainDeps, quitApp } from '../../helpers/main-process'

let root: string
let rendererDir: string
let dataDir: string
let ctx: MainContext
let win: BrowserWindow
let registeredBeforeReady = false

beforeAll(async () => {
  resetElectronFake()
  root = mkdtempSync(join(tmpdir(), 'xm-app-protocol-'))
  rendererDir = join(root, 'renderer')
  dataDir = join(root, 'data')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  mkdirSync(dataDir)
  // A sibling whose name starts like ours: a naive prefix check would let it through.
  mkdirSync(join(root, 'renderer-secrets'))
  writeFileSync(join(root, 'renderer-secrets', 'key.txt'), 'SECRET')
  writeFileSync(join(root, 'secret.txt'), 'SECRET')
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="app"></div>')
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg/>')
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), 'w')
  writeFileSync(join(rendererDir, 'assets', 'blob.xyz'), 'x')
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link-out.txt'))
  symlinkSync(join(rendererDir, 'assets', 'index-abc.js'), join(rendererDir, 'link-in.js'))

  const pending = startMainProcess(mainDeps(dataDir, { rendererDir }))
  registeredBeforeReady = protocol.privileged.some((s) => s.scheme === 'app')
  app.__ready()
  ctx = (await pending)!
  win = BrowserWindow.getAllWindows()[0]!
})

afterAll(async () => {
  await quitApp()
  rmSync(root, { recursive: true, force: true })
})

const get = (path: string, method = 'GET') => protocol.__request(`app://renderer${path}`, { method })

describe('the app:// scheme', () => {
  it('is registered as a privileged standard, secure scheme before ready, without bypassing the CSP', () => {
    expect(registeredBeforeReady).toBe(true)
    const app = protocol.privileged.find((s) => s.scheme === 'app')!
    expect(app.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(app.privileges?.bypassCSP).toBeFalsy()
    expect(app.privileges?.allowServiceWorkers).toBeFalsy()
    expect(protocol.isProtocolHandled('app')).toBe(true)
  })

  it('lets the file:// fuse stay off: the packaged app needs no file:// privileges', () => {
    const builder = JSON.parse(readFileSync(new URL('../../../electron-builder.json', import.meta.url), 'utf8'))
    expect(builder.electronFuses.grantFileProtocolExtraPrivileges).toBe(false)
  })

  it('is what the window loads; file:// is not used', () => {
    expect(ctx.location.entry).toBe(APP_ENTRY)
    expect(win.webContents.loaded).toEqual(['app://renderer/index.html'])
  })

  it('serves the page and its assets with their MIME types and the CSP on every answer', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/assets/font.woff2', 'font/woff2'],
      ['/assets/blob.xyz', 'application/octet-stream'],
      ['/link-in.js', 'text/javascript; charset=utf-8'],
    ]
    for (const [path, type] of cases) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toBe(type)
      expect(res.headers.get('content-security-policy'), path).toBe(APP_CSP)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
    expect(await (await get('/assets/index-abc.js')).text()).toBe('console.log(1)')
    expect(await (await get('/?x=1#/lines')).text()).toContain('<div id="app">')
    const head = await get('/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('refuses every way out of the renderer folder', async () => {
    const attempts = [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2frenderer-secrets/key.txt',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/%2fetc%2fpasswd',
      '/..%5csecret.txt',
      '/index.html%00.js',
      '/assets/link-out.txt',
    ]
    for (const path of attempts) {
      const res = await get(path)
      expect([403, 404], path).toContain(res.status)
      const body = await res.text()
      expect(body, path).not.toContain('SECRET')
      expect(res.headers.get('content-security-policy'), path).toBe(APP_CSP)
    }
    expect((await get('/assets/link-out.txt')).status).toBe(403)
    expect((await get('/..%2fsecret.txt')).status).toBe(403)
    expect((await get('/%E0%A4%A')).status).toBe(400)
  })

  it('answers 404 for missing files and folders, 405 for writes, 404 for another host', async () => {
    expect((await get('/nope.js')).status).toBe(404)
    expect((await get('/assets')).status).toBe(404)
    expect((await get('/assets/')).status).toBe(404)
    const post = await get('/index.html', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const other = await protocol.__request('app://elsewhere/index.html')
    expect(other.status).toBe(404)
  })

  it('treats only app://renderer as the app: navigation guard and IPC sender check', async () => {
    for (const url of ['app://renderer/index.html', 'app://renderer/', 'app://renderer/index.html#/credits'])
      expect(ctx.location.isAppUrl(url), url).toBe(true)
    for (const url of [
      `file://${rendererDir}/index.html`,
      'app://elsewhere/index.html',
      'app://renderer/assets/index-abc.js',
      'app://user:pw@renderer/index.html',
      'https://renderer/index.html',
    ])
      expect(ctx.location.isAppUrl(url), url).toBe(false)
    expect(win.webContents.__navigate(`file://${rendererDir}/index.html`)).toBe(false)
    expect(win.webContents.__navigate('app://renderer/index.html#/lines')).toBe(true)

    expect(await ipcMain.__invoke('app:info', { sender: win.webContents })).toMatchObject({ ok: true })
    await win.webContents.loadURL(`file://${rendererDir}/index.html`)
    expect(await ipcMain.__invoke('app:info', { sender: win.webContents })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    await win.webContents.loadURL(APP_ENTRY)
  })
})
