/**
 * Steps several end-to-end suites take the same way, as the user would take
 * them: each waits for what the page shows, never for a fixed time.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { RunningSimulator } from '../../electron/simulator'

/** How long one step may wait for the page. */
const STEP = 20_000

export const tid = (id: string) => `[data-testid="${id}"]`

/**
 * Fills the open panel form with a simulated panel's address and key, saves it
 * ("Save and test") and waits for the test's answer to match `connected`.
 * The form stays open, for what a suite checks in it next.
 */
export async function savePanelThroughForm(page: Page, name: string, sim: RunningSimulator, connected: RegExp = /Connected as/): Promise<void> {
  await page.fill(tid('panel-name'), name)
  await page.fill(tid('panel-host'), '127.0.0.1')
  await page.fill(tid('panel-port'), String(sim.port))
  await page.fill(tid('panel-access-code'), sim.accessCode)
  await page.fill(tid('panel-api-key'), sim.apiKey)
  await page.click(tid('panel-save'))
  // A wait, then the check: expect.poll works only inside a test, and suites add their panel in beforeAll too.
  const result = page.locator(tid('panel-test-result'), { hasText: connected })
  await result.waitFor({ timeout: STEP })
  expect(await result.textContent()).toMatch(connected)
}

/** {@link savePanelThroughForm}, then the form closed. */
export async function addPanelThroughForm(page: Page, name: string, sim: RunningSimulator, connected?: RegExp): Promise<void> {
  await savePanelThroughForm(page, name, sim, connected)
  await page.click(tid('panel-close'))
}

/** A first run's panel: from the welcome screen through the form, until its first rows have synced. */
export async function addFirstPanel(page: Page, name: string, sim: RunningSimulator, connected?: RegExp): Promise<void> {
  await page.locator(tid('welcome')).waitFor({ timeout: STEP })
  await page.click(tid('welcome-add'))
  await addPanelThroughForm(page, name, sim, connected)
  await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
}

/** Picks a package in the package picker inside `scope` (the write form unless said otherwise). */
export async function pickPackage(page: Page, name: RegExp, scope = 'write-form'): Promise<void> {
  await page.locator(`${tid(scope)} ${tid('package-picker')}`).click()
  await page.locator('.n-base-select-option', { hasText: name }).first().click()
}

/**
 * Collects into `problems` the page's uncaught errors and, with `csp`, the
 * Content-Security-Policy refusals it logs, for a suite's closing
 * "nothing went wrong" check.
 */
export function watchProblems(page: Page, problems: string[], opts: { csp?: boolean } = {}): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  if (!opts.csp) return
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`)
  })
}

/** Finds a row by its natural key through the table's search box and opens its drawer. */
export async function openRow(page: Page, text: string): Promise<void> {
  await page.fill(tid('table-search'), text)
  await page.locator(tid('row'), { hasText: text }).first().click()
  await page.locator(tid('detail-drawer')).waitFor({ timeout: STEP })
}

/** Closes the drawer (Escape) and empties the table's search box again. */
export async function closeDrawer(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await page.locator(tid('detail-drawer')).waitFor({ state: 'hidden', timeout: STEP })
  await page.fill(tid('table-search'), '')
}
