/**
 * The panel form in a real browser (issue #15): the API address pasted from the
 * clipboard fills every field; Test connection and Save and test use what is in
 * the form; a refused key is saved only with "Save anyway" and is then never
 * shown as reachable; a second panel at the same address is warned about and
 * gets a colour of its own; the form is a named dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'

const T = 20_000
const WRONG = 'e'.repeat(32)
let sim: RunningSimulator
let session: Session
let page: Page

const address = (key: string) => `http://127.0.0.1:${sim.port}/${sim.accessCode}/reseller/index.php?api_key=${key}&action=user_info`
const sidebarPanel = (name: string) => page.locator(`${tid('sidebar-panel')}[data-profile-name="${name}"]`)

async function pasteInto(id: string, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.click(tid(id))
  await page.keyboard.press('Control+V')
}

describe.skipIf(!canRun())('the panel form in a real browser', () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, credits: 250 })
    session = await openSession()
    page = session.page
  }, 180_000)

  afterAll(() => tearDown(session, sim))

  it('the pasted address fills every field; a refused key is not saved until "Save anyway", and never shows as reachable', async () => {
    await page.locator(tid('welcome')).waitFor({ timeout: T })
    await page.click(tid('welcome-add'))
    const form = page.locator(tid('panel-form'))
    await form.waitFor({ timeout: T })
    // The open form is a dialog with a name.
    expect(await form.getAttribute('role')).toBe('dialog')
    expect(await form.getAttribute('aria-label')).toBe('Add a panel')

    await pasteInto('panel-host', address(WRONG))
    expect(await page.inputValue(tid('panel-host'))).toBe('127.0.0.1')
    expect(await page.inputValue(tid('panel-port'))).toBe(String(sim.port))
    expect(await page.inputValue(tid('panel-access-code'))).toBe(sim.accessCode)
    expect(await page.inputValue(tid('panel-api-key'))).toBe(WRONG)
    await page.fill(tid('panel-name'), 'Refused panel')

    // Test connection tests the form, before anything is saved.
    await page.click(tid('panel-test'))
    await page.locator(tid('panel-test-result'), { hasText: /key/i }).waitFor({ timeout: T })
    await page.click(tid('panel-save'))
    await page.locator(tid('panel-not-saved')).waitFor({ timeout: T })
    expect(await page.locator(tid('sidebar-panel')).count()).toBe(0)

    await page.click(tid('panel-save-anyway'))
    await sidebarPanel('Refused panel').waitFor({ timeout: T })
    await page.click(tid('panel-close'))
    // Refused by the panel: a red dot, and the status bar names it instead of "All panels reachable".
    await sidebarPanel('Refused panel').locator(tid('reach-refused')).waitFor({ timeout: T })
    expect(await sidebarPanel('Refused panel').locator(tid('reach-up')).count()).toBe(0)
    await page.locator(tid('status-refused'), { hasText: 'Refused panel' }).waitFor({ timeout: T })
    expect(await page.locator(tid('status-online')).count()).toBe(0)
  }, 90_000)

  it('the same address again: warned about, its own colour, and with the right key it saves at once', async () => {
    await page.click(tid('nav-panels'))
    await page.click(tid('panels-add'))
    await page.locator(tid('panel-form')).waitFor({ timeout: T })
    const first = await page.locator(`${tid('sidebar-panel')}[data-profile-name="Refused panel"] .dot`).evaluate((el) => getComputedStyle(el).backgroundColor)
    await pasteInto('panel-access-code', address(sim.apiKey))
    await page.locator(tid('panel-duplicate'), { hasText: '“Refused panel”' }).waitFor({ timeout: T })
    await page.fill(tid('panel-name'), 'Good panel')
    // Enter in a field submits the form (Save and test).
    await page.focus(tid('panel-name'))
    await page.keyboard.press('Enter')
    await page.locator(tid('panel-test-result'), { hasText: /Connected as .+ — 250 credits/ }).waitFor({ timeout: T })
    await page.click(tid('panel-close'))
    await sidebarPanel('Good panel').locator(tid('reach-up')).waitFor({ timeout: T })
    const second = await sidebarPanel('Good panel').locator('.dot').evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(second).not.toBe(first)
  }, 90_000)
})
