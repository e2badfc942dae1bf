/**
 * The loopback token in a real Chromium (issue #12 §4): the browser is given no
 * cookie (cookies are not port-bound, so every service on 127.0.0.1 would
 * receive it); the page takes the token from the URL fragment, drops it from
 * the address bar, and still reconnects after a reload.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRenderer, canRun, openBrowser, startApp, type AppProcess, type BrowserSession } from './harness'

const tid = (id: string) => `[data-testid="${id}"]`
const T = 30_000
const demoPanel = `${tid('sidebar-panel')}[data-profile-name="Demo panel"]`
let app: AppProcess
let browser: BrowserSession
let staticDir: string
let other: Server
const otherSaw: IncomingHttpHeaders[] = []

describe.skipIf(!canRun())('loopback token', () => {
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'xm-e2e-page-'))
    await buildRenderer(staticDir)
    app = await startApp(staticDir)
    // Another local service, as a reseller's machine has plenty of (a router UI, a dev server…).
    other = createServer((req, res) => {
      otherSaw.push(req.headers)
      res.setHeader('Content-Type', 'text/plain')
      res.end('another service')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()))
    browser = await openBrowser(app.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
    await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()))
    if (app) rmSync(app.dataDir, { recursive: true, force: true })
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  it('connects with the token from the fragment, then drops it from the address bar', async () => {
    const { page } = browser
    const token = new URL(app.url).hash.replace('#token=', '')
    expect(token.length).toBeGreaterThanOrEqual(43)
    // The demo panel is added by the core: only a working socket gets it on screen.
    await page.click(tid('welcome-demo'))
    await page.locator(demoPanel).waitFor({ timeout: 60_000 })
    expect(page.url()).not.toContain(token)
    expect(await browser.context.cookies()).toEqual([])
  }, 90_000)

  it('another service on 127.0.0.1 receives no token', async () => {
    const { page } = browser
    const token = new URL(app.url).hash.replace('#token=', '')
    const port = (other.address() as AddressInfo).port
    const answer = await page.goto(`http://127.0.0.1:${port}/`)
    expect(await answer?.text()).toBe('another service')
    expect(otherSaw.length).toBeGreaterThan(0)
    for (const headers of otherSaw) expect(JSON.stringify(headers)).not.toContain(token)
    expect(otherSaw.every((h) => h.cookie === undefined)).toBe(true)
  }, 60_000)

  it('a reload (no token in the URL any more) reconnects', async () => {
    const { page } = browser
    await page.goto(new URL(app.url).origin + '/')
    await page.locator(demoPanel).waitFor({ timeout: T })
    await page.reload()
    await page.locator(demoPanel).waitFor({ timeout: T })
  }, 60_000)

  it('without the token the page loads but the app is unreachable', async () => {
    const fresh = await browser.context.newPage()
    await fresh.goto(new URL(app.url).origin + '/')
    // The core holds the demo panel; a page without the token cannot list it.
    await fresh.locator(tid('welcome')).waitFor({ timeout: T })
    expect(await fresh.locator(demoPanel).count()).toBe(0)
    await fresh.close()
  }, 60_000)
})
