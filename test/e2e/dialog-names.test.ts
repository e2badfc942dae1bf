/**
 * Every dialog, modal and drawer is announced (issue #15): while each one is
 * open, every [role=dialog] on the page has a non-empty accessible name — in a
 * real Chromium, over the demo panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'

const T = 20_000
let session: Session
let page: Page

/** Each visible [role=dialog]: its accessible name (aria-label, or the text of aria-labelledby), as Chromium computes it. */
async function dialogNames(): Promise<string[]> {
  const snapshot = await page.locator('[role="dialog"]:visible').evaluateAll((els) =>
    els.map((el) => {
      const label = el.getAttribute('aria-label')?.trim()
      if (label) return label
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
      return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim()
    }),
  )
  return snapshot
}

/** Opens something, waits for its dialog, checks every dialog on screen is named, closes it. */
async function expectNamed(what: string, open: () => Promise<unknown>, close: () => Promise<unknown> = () => page.keyboard.press('Escape')) {
  await open()
  await page.locator('[role="dialog"]:visible').first().waitFor({ timeout: T })
  const names = await dialogNames()
  expect(names.length, what).toBeGreaterThan(0)
  for (const n of names) expect(n, `${what}: a dialog without a name`).not.toBe('')
  await close()
  return names
}

describe.skipIf(!canRun())('every dialog has a name', () => {
  beforeAll(async () => {
    session = await openSession()
    page = session.page
    await page.click(tid('welcome-demo'))
    await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
  }, 180_000)

  afterAll(() => tearDown(session))

  it('search, shortcuts, a row\'s drawer, its forms and its delete confirmation', async () => {
    expect(await expectNamed('search', () => page.keyboard.press('Control+k'))).toContain('Search every panel')
    await expectNamed('shortcuts', () => page.click(tid('show-shortcuts')))
    await expectNamed('new line form', () => page.click(tid('new-item')), () => page.click(tid('form-cancel')))
    const drawer = await expectNamed('row drawer', () => page.locator(tid('row')).first().click(), async () => undefined)
    expect(drawer.join(' ')).not.toBe('')
    await expectNamed('extend form', () => page.click(tid('action-extend')), () => page.click(tid('form-cancel')))
    await expectNamed('edit form', () => page.click(tid('action-edit')), () => page.click(tid('form-cancel')))
    // The delete confirmation sits on top of the drawer: both are named.
    const both = await expectNamed('delete confirmation', () => page.click(tid('action-delete')), () => page.locator('.n-dialog .n-button', { hasText: 'Cancel' }).click())
    expect(both.length).toBeGreaterThanOrEqual(1)
    await page.keyboard.press('Escape')
    await page.locator(tid('detail-drawer')).waitFor({ state: 'detached', timeout: T })
  }, 90_000)

  it('the bulk dialog, the panel form and the customer form', async () => {
    await page.locator(`${tid('row')} [role="checkbox"]`).first().click()
    await expectNamed('bulk dialog', () => page.click(tid('bulk-open')), () => page.locator(`${tid('bulk-dialog')} .n-card-header__close`).click())
    await page.click(tid('nav-panels'))
    await expectNamed('panel form', () => page.click(tid('panels-add')), () => page.click(tid('panel-close')))
    await expectNamed('edit panel form', () => page.click(tid('panel-edit')), () => page.click(tid('panel-close')))
    await page.click(tid('nav-customers'))
    await expectNamed('customer form', () => page.click(tid('customers-new')))
  }, 90_000)
})
