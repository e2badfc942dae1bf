/**
 * Small windows (1280×720, 1024×700) with every panel expanded: the sidebar
 * scrolls on its own, and the table's pagination, the status bar and the
 * Credits / Journal / Panels / Settings buttons stay on screen.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROFILE_DEFAULTS } from '../../electron/shared/profile'
import { builtPage, canRun, openBrowser, screenshot, startApp, tearDown, type AppProcess } from './harness'
import { tid } from './steps'

let app: AppProcess
let staticDir: string

/** Eight panels that answer nothing (port 9 on loopback): enough to make the sidebar taller than the window. */
function writePanels(dataDir: string) {
  const profiles = Array.from({ length: 8 }, (_, i) => ({
    ...PROFILE_DEFAULTS,
    id: `small-${i}`,
    name: `Panel ${i + 1}`,
    host: '127.0.0.1',
    port: 9,
    accessCode: 'none',
    order: i,
    createdAt: 1_700_000_000_000 + i,
    hasKey: false,
    keyHint: null,
  }))
  writeFileSync(join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles }))
}

describe.skipIf(!canRun())('small windows', () => {
  beforeAll(async () => {
    staticDir = await builtPage()
    const dataDir = mkdtempSync(join(tmpdir(), 'xm-e2e-data-'))
    writePanels(dataDir)
    app = await startApp(staticDir, dataDir)
  }, 180_000)

  afterAll(() => tearDown({ app, staticDir }))

  for (const [width, height] of [
    [1280, 720],
    [1024, 700],
  ] as const) {
    it(`at ${width}×${height} with every panel expanded nothing is out of reach`, async () => {
      const browser = await openBrowser(app.url, { width, height })
      try {
        const { page } = browser
        await page.locator(tid('sidebar-panel')).first().waitFor()
        // Expand every panel that is folded.
        const folded = page.locator(`${tid('sidebar-panel')} button.head[aria-expanded="false"]`)
        for (let left = await folded.count(); left > 0; left = await folded.count()) await folded.first().click()
        await page.locator(`${tid('sidebar-panel')}[data-profile-name="Panel 1"] ${tid('nav-lines')}`).click()

        const inView = async (selector: string) => {
          const box = await page.locator(selector).first().boundingBox()
          return box !== null && box.y >= 0 && box.y + box.height <= height + 0.5 && box.x >= 0 && box.x + box.width <= width + 0.5
        }
        // The document itself never grows past the window.
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(height)
        for (const id of ['nav-credits', 'nav-journal', 'nav-panels', 'nav-settings', 'statusbar']) {
          expect(await inView(tid(id)), `${id} on screen`).toBe(true)
        }
        expect(await inView('.n-data-table, .n-pagination, [data-testid="empty-state"]'), 'the list on screen').toBe(true)
        // The panels list scrolls by itself, down to the last panel.
        const last = page.locator(`${tid('sidebar-panel')}[data-profile-name="Panel 8"]`)
        await last.scrollIntoViewIfNeeded()
        expect(await inView(`${tid('sidebar-panel')}[data-profile-name="Panel 8"]`)).toBe(true)
        expect(await inView(tid('nav-settings')), 'bottom buttons stay put while the list scrolls').toBe(true)
      } finally {
        await screenshot(browser.page, `small-window-${width}x${height}`)
        await browser.close()
      }
    }, 120_000)
  }
})
