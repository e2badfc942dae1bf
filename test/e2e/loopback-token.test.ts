/**
 * The loopback token in a real Chromium (issue #12 §4): the browser is given no
 * cookie (cookies are not port-bound, so every service on 127.0.0.1 would
 * receive it); the page takes the token from the URL fragment, drops it from
 * the address bar, and still reconnects after a reload.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'

const T = 30_000
const demoPanel = `${tid('sidebar-panel')}[data-profile-name="Demo panel"]`
let session: Session
let other: Server
const otherSaw: IncomingHttpHeaders[] = []

describe.skipIf(!canRun())('loopback token', () => {
  beforeAll(async () => {
    session = await openSession()
    // Another local service, as a reseller's machine has plenty of (a router UI, a dev server…).
    other = createServer((req, res) => {
      otherSaw.push(req.headers)
      res.setHeader('Content-Type', 'text/plain')
      res.end('another service')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()))
  }, 180_000)

  afterAll(async () => {
    await tearDown(session)
    await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()))
  })

  it('connects with the token from the fragment, then drops it from the address bar', async () => {
    const { page } = session
    const token = new URL(session.app.url).hash.replace('#token=', '')
    expect(token.length).toBeGreaterThanOrEqual(43)
    // The demo panel is added by the core: only a working socket gets it on screen.
    await page.click(tid('welcome-demo'))
    await page.locator(demoPanel).waitFor({ timeout: 60_000 })
    expect(page.url()).not.toContain(token)
    expect(await session.browser.context.cookies()).toEqual([])
  }, 90_000)

  it('another service on 127.0.0.1 receives no token', async () => {
    const { page } = session
    const token = new URL(session.app.url).hash.replace('#token=', '')
    const port = (other.address() as AddressInfo).port
    const answer = await page.goto(`http://127.0.0.1:${port}/`)
    expect(await answer?.text()).toBe('another service')
    expect(otherSaw.length).toBeGreaterThan(0)
    for (const headers of otherSaw) expect(JSON.stringify(headers)).not.toContain(token)
    expect(otherSaw.every((h) => h.cookie === undefined)).toBe(true)
  }, 60_000)

  it('a reload (no token in the URL any more) reconnects', async () => {
    const { page } = session
    await page.goto(new URL(session.app.url).origin + '/')
    await page.locator(demoPanel).waitFor({ timeout: T })
    await page.reload()
    await page.locator(demoPanel).waitFor({ timeout: T })
  }, 60_000)

  it('without the token the page loads but the app is unreachable', async () => {
    const fresh = await session.browser.context.newPage()
    await fresh.goto(new URL(session.app.url).origin + '/')
    // The core holds the demo panel; a page without the token cannot list it.
    await fresh.locator(tid('welcome')).waitFor({ timeout: T })
    expect(await fresh.locator(demoPanel).count()).toBe(0)
    await fresh.close()
  }, 60_000)
})
