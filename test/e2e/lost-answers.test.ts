/**
 * Issue #11 §2 end to end: creating a line whose username already exists is
 * refused BEFORE anything is sent, with a clear message, and the journal shows
 * nothing charged — even with the panel set to apply-then-drop the answer (the
 * case that used to be settled as "succeeded, cost 5" and hand over another
 * customer's line). The real page in Chromium, the real core behind
 * `dev:browser`, the simulator as the panel.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { buildRenderer, canRun, openBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from './harness'

const T = 20_000
let sim: RunningSimulator
let app: AppProcess
let browser: BrowserSession
let page: Page
let staticDir: string

const tid = (id: string) => `[data-testid="${id}"]`

describe.skipIf(!canRun())('a create whose key already exists', () => {
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'xm-e2e-page-'))
    await buildRenderer(staticDir)
    sim = await startSimulator({ port: 0, seed: 3, lines: 40, credits: 500 })
    app = await startApp(staticDir)
    browser = await openBrowser(app.url)
    page = browser.page
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
    await sim?.close()
    if (app) rmSync(app.dataDir, { recursive: true, force: true })
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  it('is refused before anything is sent, with a clear message; the journal shows nothing charged', async () => {
    await page.locator(tid('welcome')).waitFor({ timeout: T })
    await page.click(tid('welcome-add'))
    await page.fill(tid('panel-name'), 'Main panel')
    await page.fill(tid('panel-host'), '127.0.0.1')
    await page.fill(tid('panel-port'), String(sim.port))
    await page.fill(tid('panel-access-code'), sim.accessCode)
    await page.fill(tid('panel-api-key'), sim.apiKey)
    await page.click(tid('panel-save'))
    await expect.poll(() => page.locator(tid('panel-test-result')).textContent(), { timeout: T }).toMatch(/Connected as .+ — 500 credits/)
    await page.click(tid('panel-close'))
    await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
    await page.keyboard.press('Escape')

    // One of our own customers' lines; the panel would refuse the duplicate — and lose that answer.
    const existing = sim.state.lines.rows.find((l) => l.member_id === 3 && l.is_mag === 0 && l.is_e2 === 0)!
    sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const ledger = sim.ledger().length
    const credits = sim.credits()

    await page.click(tid('new-item'))
    await page.locator(`${tid('write-form')} ${tid('package-picker')}`).click()
    await page.locator('.n-base-select-option', { hasText: /^1 Month/ }).first().click()
    await page.fill(tid('field-username'), existing.username)
    await page.fill(tid('field-password'), 'e2ePassw0rd99')
    await page.locator(tid('cost-value')).waitFor({ timeout: T })
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    await page.click(tid('form-confirm'))

    const message = page.locator('.n-message', { hasText: 'already exists' })
    await message.waitFor({ timeout: T })
    expect(await message.textContent()).toMatch(new RegExp(`The username ${existing.username} already exists .*\\(line #${existing.id}\\)\\. Choose another username; nothing was charged\\.`))
    await screenshot(page, 'create-existing-username-refused')

    // Nothing reached the panel: no ledger entry, no charge, and the armed fault never fired.
    expect(sim.ledger()).toHaveLength(ledger)
    expect(sim.credits()).toBe(credits)
    expect(sim.faults.list()).toEqual([{ action: 'create_line', kind: 'applyThenDrop', times: 1 }])

    // The journal has nothing for it: no entry, nothing charged.
    await page.keyboard.press('Escape')
    await page.click(tid('nav-journal'))
    await page.locator(tid('journal-view')).waitFor({ timeout: T })
    await page.locator(`${tid('journal-view')} .n-data-table-empty`).waitFor({ timeout: T })
    expect(await page.locator(`${tid('journal-view')} [data-testid^="outcome-"]`).count()).toBe(0)
  }, 120_000)

  it('a new line whose answer is lost, settled by "Check again": the Journal says what was found and how it was settled', async () => {
    // Applied, answer lost, and every read after it fails too: the core's one check cannot settle it.
    sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    await page.locator(`${tid('sidebar-panel')}[data-profile-name="Main panel"] ${tid('nav-lines')}`).click()
    await page.click(tid('new-item'))
    await page.locator(`${tid('write-form')} ${tid('package-picker')}`).click()
    await page.locator('.n-base-select-option', { hasText: /^1 Month/ }).first().click()
    await page.fill(tid('field-username'), 'e2elost0001')
    await page.fill(tid('field-password'), 'e2ePassw0rd99')
    await page.locator(tid('cost-value')).waitFor({ timeout: T })
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    // The key check reads the panel before sending; only then do reads start failing.
    sim.faults.add({ action: 'get_lines', kind: 'reset' })
    sim.faults.add({ action: 'get_line', kind: 'reset' })
    await page.click(tid('form-confirm'))
    const warning = page.locator('.n-notification', { hasText: 'may or may not have been applied' })
    await warning.waitFor({ timeout: 60_000 })
    sim.faults.clear()
    expect(sim.ledger().filter((l) => l.target === 'line:e2elost0001')).toHaveLength(1)

    await warning.locator(tid('open-journal-link')).click()
    await page.locator(`${tid('journal-view')} ${tid('outcome-unknown')}`).first().waitFor({ timeout: T })
    await page.locator(tid('journal-check')).first().click()
    await page.locator(`${tid('journal-view')} ${tid('outcome-succeeded')}`).first().waitFor({ timeout: T })
    const detail = (await page.locator(`${tid('journal-view')} ${tid('journal-detail')}`).first().textContent()) ?? ''
    expect(detail).toMatch(/^Found line e2elost0001 \(id \d+\) on the panel, created after the send .*→ settled as succeeded\.$/)
    expect(detail).not.toMatch(/may or may not/)
    await screenshot(page, 'journal-settled-detail')
  }, 120_000)
})
