/**
 * Edits and writes tell the truth, end to end (issue #11 §1, §5): the real page
 * in Chromium, the real core behind `dev:browser`, the simulator as the panel.
 * Things "changed on the panel's web page" are changed in the simulator's state
 * behind the app's back. Every step waits for what the user would see.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { buildRenderer, canRun, openBrowser, startApp, type AppProcess, type BrowserSession } from './harness'

const T = 20_000
let sim: RunningSimulator
let app: AppProcess
let browser: BrowserSession
let page: Page
let staticDir: string
const problems: string[] = []

const tid = (id: string) => `[data-testid="${id}"]`
const panel = () => page.locator(`${tid('sidebar-panel')}[data-profile-name="Edit panel"]`)
const drawer = () => page.locator(tid('detail-drawer'))
const field = (key: string) => page.locator(`${tid('detail-fields')} [data-field="${key}"]`)

async function openView(nav: string, resource: string) {
  await panel().locator(tid(nav)).click()
  await page.locator(`${tid('resource-view')}[data-resource="${resource}"]`).waitFor({ timeout: T })
}

/** Finds a row by its natural key through the table's search box and opens its drawer. */
async function openRow(text: string) {
  await page.fill(tid('table-search'), text)
  await page.locator(tid('row'), { hasText: text }).first().click()
  await drawer().waitFor({ timeout: T })
}

async function closeDrawer() {
  await page.keyboard.press('Escape')
  await drawer().waitFor({ state: 'hidden', timeout: T })
  await page.fill(tid('table-search'), '')
}

async function pickPackage(name: RegExp) {
  await page.locator(`${tid('write-form')} ${tid('package-picker')}`).click()
  await page.locator('.n-base-select-option', { hasText: name }).first().click()
}

describe.skipIf(!canRun())('edits and writes in a real browser', () => {
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'xm-e2e-page-'))
    await buildRenderer(staticDir)
    sim = await startSimulator({ port: 0, credits: 500 })
    app = await startApp(staticDir)
    browser = await openBrowser(app.url)
    page = browser.page
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.locator(tid('welcome')).waitFor({ timeout: T })
    await page.click(tid('welcome-add'))
    await page.fill(tid('panel-name'), 'Edit panel')
    await page.fill(tid('panel-host'), '127.0.0.1')
    await page.fill(tid('panel-port'), String(sim.port))
    await page.fill(tid('panel-access-code'), sim.accessCode)
    await page.fill(tid('panel-api-key'), sim.apiKey)
    await page.click(tid('panel-save'))
    await page.locator(tid('panel-test-result'), { hasText: /Connected as/ }).waitFor({ timeout: T })
    await page.click(tid('panel-close'))
    await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
    await sim?.close()
    if (app) rmSync(app.dataDir, { recursive: true, force: true })
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  it('§1: notes changed on the panel behind the app\'s back survive a password-only edit', async () => {
    const target = sim.state.lines.rows.find((l) => l.is_mag === 0 && l.is_e2 === 0 && l.enabled === 1)!
    await openView('nav-lines', 'lines')
    await openRow(target.username)
    // Someone edits the notes on the panel's web page; the app's cache still has the old ones.
    target.reseller_notes = 'Changed on the panel page'
    await page.click(tid('action-edit'))
    await expect.poll(() => page.inputValue(tid('field-notes')), { timeout: T }).toBe('Changed on the panel page')
    await page.fill(tid('field-password'), 'e2eNewPassw0rd')
    await page.click(tid('form-next'))
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
    expect(sim.state.lines.get(target.id)!.password).toBe('e2eNewPassw0rd')
    expect(sim.state.lines.get(target.id)!.reseller_notes).toBe('Changed on the panel page')
    expect(sim.ledger().at(-1)).toMatchObject({ action: 'edit_line' })
    await closeDrawer()
  })

  it('right after creating a MAG device, the drawer shows the device with its own line id', async () => {
    await openView('nav-mags', 'mags')
    await page.click(tid('new-item'))
    await page.fill(tid('field-mac'), '00:1A:79:E2:E2:01')
    await pickPackage(/MAG/)
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    await page.click(tid('form-confirm'))
    await expect.poll(() => page.locator(tid('detail-title')).textContent(), { timeout: T }).toBe('00:1A:79:E2:E2:01')
    const mag = sim.state.mags.rows.find((m) => m.mac === '00:1A:79:E2:E2:01')!
    await expect.poll(() => field('lineId').textContent(), { timeout: T }).toBe(String(mag.user_id))
    expect(await field('id').textContent()).toBe(String(mag.mag_id))
  })
})
