/**
 * Issue #11 §2 end to end: creating a line whose username already exists is
 * refused BEFORE anything is sent, with a clear message, and the journal shows
 * nothing charged — even with the panel set to apply-then-drop the answer (the
 * case that used to be settled as "succeeded, cost 5" and hand over another
 * customer's line). The real page in Chromium, the real core behind
 * `dev:browser`, the simulator as the panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { canRun, openSession, screenshot, tearDown, type Session } from './harness'
import { addFirstPanel, pickPackage, tid } from './steps'

const T = 20_000
let sim: RunningSimulator
let session: Session
let page: Page

/** A new 1-month line for `username`, taken through the form up to its confirm step (nothing sent yet). */
async function newLineToConfirm(username: string) {
  await page.click(tid('new-item'))
  await pickPackage(page, /^1 Month/)
  await page.fill(tid('field-username'), username)
  await page.fill(tid('field-password'), 'e2ePassw0rd99')
  await page.locator(tid('cost-value')).waitFor({ timeout: T })
  await page.click(tid('form-next'))
  await page.locator(tid('confirm-step')).waitFor({ timeout: T })
}

describe.skipIf(!canRun())('a create whose key already exists', () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 3, lines: 40, credits: 500 })
    session = await openSession()
    page = session.page
  }, 180_000)

  afterAll(() => tearDown(session, sim))

  it('is refused before anything is sent, with a clear message; the journal shows nothing charged', async () => {
    await addFirstPanel(page, 'Main panel', sim, /Connected as .+ — 500 credits/)
    await page.keyboard.press('Escape')

    // One of our own customers' lines; the panel would refuse the duplicate — and lose that answer.
    const existing = sim.state.lines.rows.find((l) => l.member_id === 3 && l.is_mag === 0 && l.is_e2 === 0)!
    sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const ledger = sim.ledger().length
    const credits = sim.credits()

    await newLineToConfirm(existing.username)
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
    await newLineToConfirm('e2elost0001')
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
