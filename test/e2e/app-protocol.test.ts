/**
 * Does the packaged page mount? (issue #12 §1) Electron cannot run here, so
 * Chromium is shown the built renderer two ways:
 *
 * - over file://, as the packaged app loaded it before app:// — with the
 *   `grantFileProtocolExtraPrivileges` fuse off, file:// behaves like this
 *   browser's: the `<script type="module" crossorigin>` entry is refused
 *   (origin null) and the page never mounts;
 * - exactly as the app:// handler serves it: the handler's own Response
 *   objects (same paths, same headers, same CSP) passed through a tiny
 *   node:http adapter — the page mounts, with no CSP violation.
 *
 * What this cannot show: Electron's own scheme registration (the privileges are
 * checked against the fake in test/unit/main/app-protocol.test.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN, createAppRequestHandler } from '../../electron/main/app-protocol'
import { builtPage, canRun, openBrowser, tearDown, type BrowserSession } from './harness'

let staticDir: string
let server: Server
let base: string
let browser: BrowserSession

/** The handler's Response → an HTTP answer, byte for byte and header for header. */
function serveHandlerOverHttp(rendererDir: string): Promise<Server> {
  const handle = createAppRequestHandler({ rendererDir })
  const srv = createServer((req, res) => {
    void (async () => {
      const answer = await handle(new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method }))
      res.statusCode = answer.status
      answer.headers.forEach((value, name) => res.setHeader(name, value))
      res.end(Buffer.from(await answer.arrayBuffer()))
    })().catch(() => res.destroy())
  })
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)))
}

describe.skipIf(!canRun())('the built page in Chromium', () => {
  beforeAll(async () => {
    staticDir = await builtPage()
    server = await serveHandlerOverHttp(staticDir)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await openBrowser(`${base}/index.html`)
  }, 180_000)

  afterAll(async () => {
    await tearDown({ browser, staticDir })
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  })

  it('over file:// (the fuse off) never mounts: the module entry is blocked', async () => {
    const page = await browser.context.newPage()
    const blocked: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') blocked.push(m.text())
    })
    const failed = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith('.js'), timeout: 30_000 })
    await page.goto(pathToFileURL(join(staticDir, 'index.html')).href, { waitUntil: 'load' })
    const entry = await failed
    expect(entry.url()).toMatch(/^file:\/\/.*\/assets\/.*\.js$/)
    expect(blocked.join('\n')).toMatch(/origin 'null'|CORS/i)
    expect(await page.locator('#app > *').count()).toBe(0)
    await page.close()
  }, 60_000)

  it('as the app:// handler serves it, mounts with no CSP violation', async () => {
    const page = await browser.context.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(String(e)))
    const answer = await page.goto(`${base}/index.html`)
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.locator('#app > *').first().waitFor({ timeout: 30_000 })
    expect(await page.locator('#app > *').count()).toBeGreaterThan(0)
    expect(problems).toEqual([])
    await page.close()
  }, 60_000)
})
