/**
 * "Try the demo panel" from the welcome screen: the app starts its built-in
 * simulator, adds it as a panel and syncs — the user sees lines at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'

let session: Session

describe.skipIf(!canRun())('demo panel', () => {
  beforeAll(async () => {
    session = await openSession()
  }, 180_000)

  afterAll(() => tearDown(session))

  it('starts from the welcome screen and shows its lines', async () => {
    const { page } = session
    await page.click(tid('welcome-demo'))
    await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
    expect(await page.locator(`${tid('sidebar-panel')}[data-profile-name="Demo panel"]`).count()).toBe(1)
    expect(await page.locator(tid('row')).count()).toBeGreaterThan(10)
  }, 90_000)
})
