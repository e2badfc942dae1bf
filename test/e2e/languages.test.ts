/**
 * The workstation in Arabic (right to left) and German (long words), in real
 * Chromium whose OS language is set to each (Settings → Language follows the
 * OS by default): on every main view no button, tab, sidebar item or table
 * header has words cut off, and no two controls are drawn over each other.
 * Arabic also mirrors: the sidebar on the right, the details drawer on the left.
 * Screenshots of each view go to test-results/screenshots (scripts/screenshots.sh
 * copies them into docs/screenshots).
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { builtPage, canRun, openBrowser, screenshot, startApp, tearDown, type AppProcess, type BrowserSession } from './harness'
import { clippedText, overlappingControls } from './layout-checks'
import { tid } from './steps'

const T = 30_000
const SHELL = tid('shell')

/** The views a reseller works in, each opened from the sidebar, with what shows it is drawn. */
const VIEWS = [
  { nav: 'nav-credits', ready: tid('credit-charts'), shot: 'credits-view' },
  { nav: 'nav-journal', ready: tid('journal-view'), shot: 'journal-view' },
  { nav: 'nav-panels', ready: tid('panel-card'), shot: 'panels-view' },
  { nav: 'nav-settings', ready: tid('settings-view'), shot: 'settings-view' },
  { nav: 'nav-radar', ready: SHELL, shot: 'renewals-view' },
  { nav: 'nav-customers', ready: SHELL, shot: 'customers-view' },
  { nav: 'nav-profit', ready: SHELL, shot: 'profit-view' },
] as const

let staticDir: string

async function expectLaidOut(page: Page, scope: string, where: string, atLeast = 4) {
  const words = await clippedText(page, scope)
  expect(words.checked, `${where}: labelled controls found`).toBeGreaterThanOrEqual(atLeast)
  expect(words.clipped, `${where}: words cut off`).toEqual([])
  const controls = await overlappingControls(page, scope)
  expect(controls.checked, `${where}: controls found`).toBeGreaterThanOrEqual(atLeast)
  expect(controls.overlaps, `${where}: controls over each other`).toEqual([])
}

/** Waits until the toasts of earlier steps are gone, so they neither cover controls nor show in screenshots. */
async function noToasts(page: Page) {
  for (const close of await page.locator('.n-message .n-base-close').all()) await close.click().catch(() => undefined)
  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: T }).catch(() => undefined)
}

describe.skipIf(!canRun())('languages in a real browser: nothing cut or overlapping', () => {
  beforeAll(async () => {
    staticDir = await builtPage()
  }, 180_000)

  afterAll(() => {
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  for (const lang of [
    { code: 'ar', os: 'ar-EG', dir: 'rtl', lines: 'الخطوط' },
    { code: 'de', os: 'de-DE', dir: 'ltr', lines: 'Lines' },
  ] as const) {
    describe(lang.code, () => {
      let app: AppProcess
      let browser: BrowserSession
      let page: Page

      beforeAll(async () => {
        app = await startApp(staticDir)
        browser = await openBrowser(app.url, { locale: lang.os })
        page = browser.page
      }, 120_000)

      afterAll(() => tearDown({ browser, app }))

      it(`follows the OS language: <html lang="${lang.code}" dir="${lang.dir}">, the welcome screen in ${lang.code}`, async () => {
        await page.locator(tid('welcome')).waitFor({ timeout: T })
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang.code, lang.dir])
        await expectLaidOut(page, tid('welcome'), 'welcome', 2)
        await screenshot(page, `${lang.code}-welcome`)
      })

      it('the demo panel’s lines: toolbar, chips, table headers, pagination, sidebar, status bar', async () => {
        await page.click(tid('welcome-demo'))
        await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
        await page.locator(`${tid('sidebar-panel')} ${tid('reach-up')}`).first().waitFor({ timeout: T })
        expect(await page.locator(`${tid('sidebar-panel')}[data-profile-name="Demo panel"] ${tid('nav-lines')}`).textContent()).toContain(lang.lines)
        await noToasts(page)
        await expectLaidOut(page, SHELL, 'lines')
        const sidebar = (await page.locator(tid('sidebar')).boundingBox())!
        const list = (await page.locator(tid('resource-view')).boundingBox())!
        // Right to left puts the sidebar at the start side: the right.
        expect(sidebar.x > list.x, 'sidebar on the right').toBe(lang.dir === 'rtl')
        // Its dividing line faces the list (CSS logical properties, not a fixed left or right).
        const border = await page.locator(tid('sidebar')).evaluate((el) => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth])
        expect(border).toEqual(lang.dir === 'rtl' ? ['1px', '0px'] : ['0px', '1px'])
        // "Previous page" points to the start side: mirrored in Arabic.
        const prevIcon = await page.locator('.n-pagination .n-pagination-item--button .n-base-icon').first().evaluate((el) => getComputedStyle(el).transform)
        expect(prevIcon !== 'none', 'pagination arrows mirrored').toBe(lang.dir === 'rtl')
        // A cell's own text keeps its own direction (an English note reads, and is cut, left to right in Arabic too):
        // the cell and naive-ui's ellipsis box inside it take the direction of their text.
        if (lang.dir === 'rtl') {
          const bidi = await page.locator(`${tid('row')} td .n-data-table-td__ellipsis`, { hasText: 'lobby TV' }).first().evaluate((el) => [getComputedStyle(el).unicodeBidi, getComputedStyle(el.closest('td')!).unicodeBidi])
          expect(bidi).toEqual(['plaintext', 'plaintext'])
        }
        await screenshot(page, `${lang.code}-lines-view`)
      }, 120_000)

      it('a line’s drawer: actions, hand-off, fields; on the end side', async () => {
        await page.locator(tid('row')).first().click()
        const drawer = page.locator('.n-drawer')
        await page.locator(tid('detail-drawer')).waitFor({ timeout: T })
        await page.locator(tid('handoff')).waitFor({ timeout: T })
        await expect.poll(async () => (await drawer.boundingBox())?.width ?? 0, { timeout: T }).toBeGreaterThan(400)
        try {
          await expectLaidOut(page, '.n-drawer', 'drawer')
          // Links, usernames and passwords read left to right in every language, so a URL shows its start.
          const dirs = await page.locator(`${tid('handoff')} input`).evaluateAll((els) => els.map((el) => getComputedStyle(el).direction))
          expect(dirs.length).toBeGreaterThan(3)
          expect(new Set(dirs)).toEqual(new Set(['ltr']))
          const box = (await drawer.boundingBox())!
          const width = page.viewportSize()!.width
          // The drawer slides in from the end side: left in Arabic, right otherwise.
          if (lang.dir === 'rtl') expect(box.x).toBeLessThan(1)
          else expect(box.x + box.width).toBeGreaterThan(width - 1)
          await screenshot(page, `${lang.code}-line-drawer`)
          // One write, so the journal has a row to show.
          await page.click(tid('action-toggle'))
          await page.locator('.n-message').first().waitFor({ timeout: T })
        } finally {
          // The later views are tested with the drawer closed, whatever happened here.
          await page.keyboard.press('Escape')
          await page.locator(tid('detail-drawer')).waitFor({ state: 'detached', timeout: T })
        }
      }, 60_000)

      it('at 1024×700 too: the lines and the settings', async () => {
        const small = await openBrowser(app.url, { locale: lang.os, width: 1024, height: 700 })
        try {
          await small.page.locator(`${tid('sidebar-panel')}[data-profile-name="Demo panel"] ${tid('nav-lines')}`).click()
          await small.page.locator(tid('row')).first().waitFor({ timeout: T })
          await expectLaidOut(small.page, SHELL, 'lines at 1024×700')
          await small.page.click(tid('nav-settings'))
          await small.page.locator(tid('settings-view')).waitFor({ timeout: T })
          await expectLaidOut(small.page, SHELL, 'settings at 1024×700')
        } finally {
          await screenshot(small.page, `${lang.code}-small-window`)
          await small.close()
        }
      }, 90_000)

      for (const view of VIEWS) {
        it(`${view.shot.replace('-view', '')}`, async () => {
          await page.click(tid(view.nav))
          await page.locator(view.ready).first().waitFor({ timeout: T })
          if (view.nav === 'nav-journal') await page.locator(`${tid('journal-view')} [data-testid^="outcome-"]`).first().waitFor({ timeout: T })
          await noToasts(page)
          if (view.nav === 'nav-credits') {
            // Charts keep time running left to right, and "3 Months" in its order, in Arabic too.
            const charts = await page.locator(`${tid('credit-charts')} .chart`).evaluateAll((els) => els.map((el) => getComputedStyle(el).direction))
            expect(charts.length).toBeGreaterThan(0)
            expect(new Set(charts)).toEqual(new Set(['ltr']))
          }
          if (view.nav === 'nav-settings') {
            // Paths keep their order inside Arabic text: "/tmp/…" starts with its slash on the left, not "tmp/…/".
            for (const id of ['settings-dataDir', 'settings-logDir']) {
              const [slash, next] = await page.locator(tid(id)).evaluate((el) => {
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
                let node: Node | null
                while ((node = walker.nextNode()) && !node.textContent!.includes('/'));
                const i = node!.textContent!.indexOf('/')
                const left = (at: number) => {
                  const r = document.createRange()
                  r.setStart(node!, at)
                  r.setEnd(node!, at + 1)
                  return r.getBoundingClientRect().left
                }
                return [left(i), left(i + 1)]
              })
              expect(slash, `${id}: the path's first "/" is left of what follows`).toBeLessThan(next!)
            }
          }
          await expectLaidOut(page, SHELL, view.shot)
          await screenshot(page, `${lang.code}-${view.shot}`)
        }, 60_000)
      }
    })
  }
})
