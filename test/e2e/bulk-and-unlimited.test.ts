/**
 * Extending an UNLIMITED line, end to end (issue #11 §4): the real page in
 * Chromium, the real core behind `dev:browser`, the simulator as the panel.
 * Single: the preview says the line becomes limited, and nothing can be sent
 * without the explicit tick. Bulk: unlimited lines are left out of the plan
 * (listed, not charged, not sent) unless the user includes them. Every step
 * waits for what the user would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import type { SimLine } from '../../electron/simulator/model'
import { canRun, openSession, screenshot, tearDown, type Session } from './harness'
import { addFirstPanel, closeDrawer, openRow, pickPackage, tid, watchProblems } from './steps'

const T = 20_000
let sim: RunningSimulator
let session: Session
let page: Page
let single: SimLine
let limited: SimLine
let unlimited: SimLine
/** Limited when the app syncs, made unlimited on the panel's web page afterwards. */
let sneaky: SimLine
const problems: string[] = []

const dialog = () => page.locator(tid('bulk-dialog'))
const editable = (l: SimLine) => l.is_mag === 0 && l.is_e2 === 0 && l.enabled === 1 && l.admin_enabled === 1

async function bulkExtend(names: string[]) {
  await page.click(tid('bulk-open'))
  await dialog().waitFor({ timeout: T })
  await pickPackage(page, /^3 Months/, 'bulk-dialog')
  await page.fill(`${tid('bulk-paste')} textarea`, names.join('\n'))
  await page.click(tid('bulk-preview'))
  await page.locator(tid('bulk-totals')).waitFor({ timeout: T })
}

describe.skipIf(!canRun())('extending unlimited lines in a real browser', () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, credits: 500 })
    // Three ordinary lines, made unlimited / limited on the panel before the app first syncs.
    const nowSec = Math.floor(Date.now() / 1000)
    ;[single, limited, unlimited, sneaky] = sim.state.lines.rows.filter(editable).slice(0, 4) as [SimLine, SimLine, SimLine, SimLine]
    single.exp_date = null
    unlimited.exp_date = null
    limited.exp_date = nowSec + 20 * 86400
    sneaky.exp_date = nowSec + 20 * 86400
    session = await openSession()
    page = session.page
    watchProblems(page, problems)
    await addFirstPanel(page, 'Unlimited panel', sim)
  }, 180_000)

  afterAll(() => tearDown(session, sim))

  it('single: the preview says the unlimited line becomes limited, and it is sent only after the explicit tick', async () => {
    const before = sim.credits()
    const ledger = sim.ledger().length
    await openRow(page, single.username)
    await page.click(tid('action-extend'))
    await expect.poll(() => page.locator(tid('extend-expiry-now')).textContent(), { timeout: T }).toBe('Unlimited')
    await pickPackage(page, /^3 Months/)
    const warning = page.locator(tid('extend-unlimited-warning'))
    await expect.poll(() => warning.textContent(), { timeout: T }).toMatch(/unlimited.*becomes a limited subscription/i)
    await page.locator(tid('extend-expiry-after')).waitFor({ timeout: T })

    // Without the tick the form does not even reach the confirm step.
    await page.click(tid('form-next'))
    await page.locator(tid('write-form'), { hasText: 'Tick the box to confirm' }).waitFor({ timeout: T })
    expect(await page.locator(tid('confirm-step')).count()).toBe(0)

    await page.click(tid('extend-confirm-limited'))
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    expect(await page.locator(tid('extend-summary')).textContent()).toMatch(/Unlimited → \S/)
    expect(await page.locator(tid('confirm-step')).textContent()).toMatch(/becomes a limited subscription/)
    await screenshot(page, 'extend-unlimited-confirm')
    expect(sim.ledger()).toHaveLength(ledger) // nothing sent before the confirmation
    const cost = Number(await page.locator(`${tid('confirm-step')} ${tid('cost-value')}`).textContent())
    await page.click(tid('form-confirm'))
    await expect.poll(() => sim.credits(), { timeout: T }).toBe(before - cost)
    expect(typeof sim.state.lines.get(single.id)!.exp_date).toBe('number')
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
    await closeDrawer(page)
  }, 90_000)

  it('single: a line the app had as limited but the panel has as unlimited is refused, and the form then asks for the tick', async () => {
    sneaky.exp_date = null // changed on the panel's web page after the app synced
    const before = sim.credits()
    const ledger = sim.ledger().length
    await openRow(page, sneaky.username)
    await page.click(tid('action-extend'))
    await pickPackage(page, /^3 Months/)
    expect(await page.locator(tid('extend-unlimited-warning')).count()).toBe(0) // the cache says limited
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    await page.click(tid('form-confirm'))
    // The core read it fresh, found it unlimited and sent nothing; the form now says so and wants the tick.
    await page.locator(tid('extend-unlimited-warning')).waitFor({ timeout: T })
    expect(await page.locator(tid('extend-expiry-now')).textContent()).toBe('Unlimited')
    expect(sim.ledger()).toHaveLength(ledger)
    expect(sim.credits()).toBe(before)
    await page.click(tid('extend-confirm-limited'))
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    await page.click(tid('form-confirm'))
    await expect.poll(() => typeof sim.state.lines.get(sneaky.id)!.exp_date, { timeout: T }).toBe('number')
    expect(sim.credits()).toBeLessThan(before)
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
    await closeDrawer(page)
  }, 90_000)

  it('bulk: unlimited lines are left out of the plan unless the user includes them', async () => {
    const before = sim.credits()
    await bulkExtend([limited.username, unlimited.username])
    const leftOut = page.locator(tid('bulk-unlimited'))
    await expect.poll(() => leftOut.textContent(), { timeout: T }).toMatch(/1 unlimited item\(s\) left out/)
    const totals = (await page.locator(tid('bulk-totals')).textContent())!
    expect(totals).toMatch(/^\s*1 items/)
    const price = Number(/total ([\d.,]+) credits/.exec(totals)![1]!.replace(/,/g, ''))
    const unlimitedRow = dialog().locator('tr', { hasText: unlimited.username })
    expect(await unlimitedRow.textContent()).toMatch(/Unlimited → .*Skipped/)
    await screenshot(page, 'bulk-unlimited-left-out')
    await page.click(tid('bulk-start'))
    await expect.poll(() => page.locator(tid('bulk-counts')).textContent(), { timeout: 60_000 }).toMatch(/1 done · 0 failed · 0 unknown · 0 to go \(of 2\)\s*· 1 not sent/)
    expect(sim.credits()).toBe(before - price)
    expect(sim.state.lines.get(unlimited.id)!.exp_date).toBeNull()
    await page.click(tid('bulk-close'))
    await dialog().waitFor({ state: 'hidden', timeout: T })

    // Included on purpose: the preview says so, and now it is charged and gets an expiry.
    await bulkExtend([unlimited.username])
    await page.click(tid('bulk-include-unlimited'))
    await expect.poll(() => leftOut.textContent(), { timeout: T }).toMatch(/1 unlimited item\(s\) included: each gets an expiry date and becomes limited/)
    await expect.poll(() => page.locator(tid('bulk-totals')).textContent(), { timeout: T }).toMatch(/^\s*1 items/)
    await page.click(tid('bulk-start'))
    await expect.poll(() => page.locator(tid('bulk-counts')).textContent(), { timeout: 60_000 }).toMatch(/1 done · 0 failed · 0 unknown · 0 to go \(of 1\)/)
    expect(sim.credits()).toBe(before - 2 * price)
    expect(typeof sim.state.lines.get(unlimited.id)!.exp_date).toBe('number')
    await page.click(tid('bulk-close'))
    await dialog().waitFor({ state: 'hidden', timeout: T })
    expect(problems).toEqual([])
  }, 90_000)
})
