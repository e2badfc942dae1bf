/**
 * "Try the demo panel" from the welcome screen: the app starts its built-in
 * simulator, adds it as a panel and syncs — the user sees lines at once.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRenderer, canRun, openBrowser, startApp, tearDown, type AppProcess, type BrowserSession } from './harness'

const tid = (id: string) => `[data-testid="${id}"]`
let app: AppProcess
let browser: BrowserSession
let staticDir: string

describe.skipIf(!canRun())('demo panel', () => {
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'xm-e2e-page-'))
    await buildRenderer(staticDir)
    app = await startApp(staticDir)
    browser = await openBrowser(app.url)
  }, 180_000)

  afterAll(() => tearDown(browser, app, staticDir))

  it('starts from the welcome screen and shows its lines', async () => {
    const { page } = browser
    await page.click(tid('welcome-demo'))
    await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
    expect(await page.locator(`${tid('sidebar-panel')}[data-profile-name="Demo panel"]`).count()).toBe(1)
    expect(await page.locator(tid('row')).count()).toBeGreaterThan(10)
  }, 90_000)
})
