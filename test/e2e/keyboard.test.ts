/**
 * The workstation from the keyboard in a real Chromium: rows take the focus,
 * ↑/↓ move, Space selects, Enter opens the drawer, Escape closes it and the
 * focus goes back to the row; "/" jumps to the list's search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'

let session: Session

describe.skipIf(!canRun())('keyboard', () => {
  beforeAll(async () => {
    session = await openSession()
    await session.page.click(tid('welcome-demo'))
    await session.page.locator(tid('row')).nth(3).waitFor({ timeout: 60_000 })
  }, 180_000)

  afterAll(() => tearDown(session))

  const focusedKey = () => session.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null)

  it('moves between rows, selects with Space, opens with Enter and comes back to the row after Escape', async () => {
    const { page } = session
    const rows = page.locator(tid('row'))
    await rows.first().focus()
    const first = await focusedKey()
    expect(first).not.toBeNull()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const third = await rows.nth(2).getAttribute('data-key')
    expect(await focusedKey()).toBe(third)
    await page.keyboard.press('ArrowUp')
    expect(await focusedKey()).toBe(await rows.nth(1).getAttribute('data-key'))
    const second = await rows.nth(1).getAttribute('data-key')
    await page.keyboard.press(' ')
    await expect.poll(() => page.locator(`${tid('row')}[data-key="${second}"] .n-checkbox--checked`).count()).toBe(1)
    const opened = await focusedKey()
    await page.keyboard.press('Enter')
    await page.locator(tid('detail-title')).waitFor()
    await page.keyboard.press('Escape')
    await page.locator(tid('detail-title')).waitFor({ state: 'detached' })
    await expect.poll(focusedKey).toBe(opened)
  }, 60_000)

  it('"/" puts the cursor in the list search', async () => {
    const { page } = session
    await page.locator(tid('row')).first().focus()
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('table-search')
    expect(await page.locator(tid('table-search')).inputValue()).toBe('')
  }, 30_000)
})
