/**
 * Edits and writes tell the truth, end to end (issue #11 §1, §5): the real page
 * in Chromium, the real core behind `dev:browser`, the simulator as the panel.
 * Things "changed on the panel's web page" are changed in the simulator's state
 * behind the app's back. Every step waits for what the user would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { canRun, openSession, tearDown, type Session } from './harness'
import { addFirstPanel, closeDrawer, openRow, pickPackage, tid, watchProblems } from './steps'

const T = 20_000
let sim: RunningSimulator
let session: Session
let page: Page
const problems: string[] = []

const panel = () => page.locator(`${tid('sidebar-panel')}[data-profile-name="Edit panel"]`)
const drawer = () => page.locator(tid('detail-drawer'))
const field = (key: string) => page.locator(`${tid('detail-fields')} [data-field="${key}"]`)

async function openView(nav: string, resource: string) {
  await panel().locator(tid(nav)).click()
  await page.locator(`${tid('resource-view')}[data-resource="${resource}"]`).waitFor({ timeout: T })
}

describe.skipIf(!canRun())('edits and writes in a real browser', () => {
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, credits: 500 })
    session = await openSession()
    page = session.page
    watchProblems(page, problems)
    await addFirstPanel(page, 'Edit panel', sim)
  }, 180_000)

  afterAll(() => tearDown(session, sim))

  it('§1: notes changed on the panel behind the app\'s back survive a password-only edit', async () => {
    const target = sim.state.lines.rows.find((l) => l.is_mag === 0 && l.is_e2 === 0 && l.enabled === 1)!
    await openView('nav-lines', 'lines')
    await openRow(page, target.username)
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
    await closeDrawer(page)
  })

  it('§1: a sub-reseller\'s e-mail and a MAG\'s ISP lock changed on the panel survive edits of other fields', async () => {
    const sub = sim.state.users.rows.find((u) => u.owner_id === sim.state.resellerId && u.status === 1)!
    await openView('nav-subResellers', 'subResellers')
    await openRow(page, sub.username)
    sub.email = 'changed.on.panel@example.com'
    await page.click(tid('action-edit'))
    const values = () => page.locator(`${tid('subreseller-form')} input`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    await expect.poll(values, { timeout: T }).toContain('changed.on.panel@example.com')
    await page.locator(`${tid('subreseller-form')} textarea`).fill('Pays every month')
    await page.click(tid('form-next'))
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
    expect(sim.state.users.get(sub.id)!.notes).toBe('Pays every month')
    expect(sim.state.users.get(sub.id)!.email).toBe('changed.on.panel@example.com')
    await closeDrawer(page)

    const mag = sim.state.mags.rows.find((m) => sim.state.lines.get(m.user_id)?.is_isplock === 0)!
    const magLine = sim.state.lines.get(mag.user_id)!
    await openView('nav-mags', 'mags')
    await openRow(page, mag.mac)
    magLine.is_isplock = 1
    await page.click(tid('action-edit'))
    await page.waitForFunction((sel) => document.querySelector(sel)?.classList.contains('n-switch--active') === true, tid('field-isp-lock'), { timeout: T })
    await page.locator(`${tid('device-form')} textarea`).fill('Living room box')
    await page.click(tid('form-next'))
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
    expect(sim.state.lines.get(mag.user_id)!.reseller_notes).toBe('Living room box')
    expect(sim.state.lines.get(mag.user_id)!.is_isplock).toBe(1)
    await closeDrawer(page)
  })

  it('right after creating a MAG device, the drawer shows the device with its own line id', async () => {
    await openView('nav-mags', 'mags')
    await page.click(tid('new-item'))
    await page.fill(tid('field-mac'), '00:1A:79:E2:E2:01')
    await pickPackage(page, /MAG/)
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    await page.click(tid('form-confirm'))
    await expect.poll(() => page.locator(tid('detail-title')).textContent(), { timeout: T }).toBe('00:1A:79:E2:E2:01')
    const mag = sim.state.mags.rows.find((m) => m.mac === '00:1A:79:E2:E2:01')!
    await expect.poll(() => field('lineId').textContent(), { timeout: T }).toBe(String(mag.user_id))
    expect(await field('id').textContent()).toBe(String(mag.mag_id))
  })

  it('§5: convert MAG → line: a success dialog and no error; the drawer now shows the line', async () => {
    const mag = sim.state.mags.rows.find((m) => m.mac === '00:1A:79:E2:E2:01')!
    const line = sim.state.lines.get(mag.user_id)!
    await page.click(tid('action-convert'))
    await page.locator('.n-dialog .n-button', { hasText: 'Convert' }).click()
    const result = page.locator(tid('write-result'))
    await result.waitFor({ timeout: T })
    expect(await result.locator('input').nth(1).inputValue()).toBe(line.password)
    await expect.poll(() => sim.state.mags.rows.some((m) => m.mag_id === mag.mag_id), { timeout: T }).toBe(false)
    // The drawer is the line's now: its title, no device buttons, the line's own hand-off.
    await expect.poll(() => page.locator(tid('detail-title')).textContent(), { timeout: T }).toBe(line.username)
    expect(await drawer().locator(tid('action-convert')).count()).toBe(0)
    await expect.poll(() => page.inputValue(tid('m3u-value')), { timeout: T }).toContain(`password=${line.password}`)
    expect(await page.locator('.n-message--error-type').count()).toBe(0)
    await result.locator('.n-card-header__close').click()
    await closeDrawer(page)
  })

  it('§5: a MAG\'s hand-off uses the device line\'s real password, though its list row has none', async () => {
    const mag = sim.state.mags.rows.find((m) => sim.state.lines.get(m.user_id)?.password)!
    const line = sim.state.lines.get(mag.user_id)!
    await openView('nav-mags', 'mags')
    await openRow(page, mag.mac)
    await page.locator(tid('handoff-qr')).waitFor({ timeout: T })
    const m3u = new URL(await page.inputValue(tid('m3u-value')))
    expect(m3u.searchParams.get('password')).toBe(line.password)
    await page.click(tid('copy-password'))
    await page.locator('.n-message', { hasText: 'Password copied' }).first().waitFor({ timeout: T })
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(line.password)
    await closeDrawer(page)
  })

  it('§5: adjust credits is worded as a transfer, refuses 2.5, and the open drawer shows the new balance', async () => {
    const sub = sim.state.users.rows.find((u) => u.owner_id === sim.state.resellerId && u.status === 1)!
    const before = Math.trunc(sub.credits)
    await openView('nav-subResellers', 'subResellers')
    await openRow(page, sub.username)
    await expect.poll(() => field('credits').textContent(), { timeout: T }).toBe(String(before))
    await page.click(tid('action-adjust'))
    const amount = page.locator(tid('field-amount'))
    expect(await amount.getAttribute('placeholder')).toBe('Whole credits, e.g. 10')
    await amount.fill('2.5')
    await page.click(tid('form-next'))
    await page.locator(tid('write-form'), { hasText: 'The panel moves whole credits only: it would cut 2.5 to 2.' }).waitFor({ timeout: T })
    await amount.fill('5')
    await page.locator(tid('transfer-headline'), { hasText: `Give 5 credits to ${sub.username}` }).waitFor({ timeout: T })
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    expect((await page.locator(tid('form-confirm')).textContent())!.trim()).toBe(`Give 5 credits to ${sub.username}`)
    expect(await page.locator(tid('write-form')).textContent()).not.toMatch(/Cost|spend|Choose a package|Please Input/)
    await page.click(tid('form-confirm'))
    await page.locator(tid('adjust-result')).waitFor({ timeout: T })
    expect(Math.trunc(sim.state.users.get(sub.id)!.credits)).toBe(before + 5)
    await page.locator(`${tid('adjust-result')} .n-card-header__close`).click()
    // The drawer that was open all along shows the balance the panel has now.
    await expect.poll(() => field('credits').textContent(), { timeout: T }).toBe(String(before + 5))

    await page.click(tid('action-adjust'))
    await page.locator(`${tid('adjust-take')}`).click()
    await page.locator(tid('field-amount')).fill('2')
    await page.locator(tid('transfer-headline'), { hasText: `Take back 2 credits from ${sub.username}` }).waitFor({ timeout: T })
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    expect(await page.locator(tid('write-form')).textContent()).not.toMatch(/-2|spend/)
    await page.click(tid('form-confirm'))
    await page.locator(tid('adjust-result')).waitFor({ timeout: T })
    await page.locator(`${tid('adjust-result')} .n-card-header__close`).click()
    await expect.poll(() => field('credits').textContent(), { timeout: T }).toBe(String(before + 3))
    await closeDrawer(page)
  })
})
