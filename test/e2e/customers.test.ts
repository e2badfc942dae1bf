/**
 * The reseller's own book, end to end in a real Chromium against the real
 * core (dev:browser) and two simulated panels: a customer with a line on each
 * panel, the renewal radar, a WhatsApp reminder (the exact link the page asks
 * the app to open), a renewal with a payment recorded, and the profit view.
 *
 * Opening WhatsApp is the one thing that cannot run here (no desktop to hand
 * the link to): the page's `app:openExternal` request is taken off the
 * WebSocket, recorded and answered ok. Everything else goes to the real core.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import type { Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../electron/simulator'
import { canRun, openSession, tearDown, type Session } from './harness'
import { addFirstPanel, addPanelThroughForm, tid, watchProblems } from './steps'

const T = 20_000
const DAY = 86_400
let north: RunningSimulator
let south: RunningSimulator
let session: Session
let page: Page
/** URLs the page asked the app to open. */
const opened: string[] = []
const problems: string[] = []

/** A tab inside the Customers view (not the window's tab bar). */
const innerTab = (name: string) => page.locator(`${tid('customers-view')} .n-tabs-tab`, { hasText: name }).first()

/** The first line of a panel, made to expire in `days` (and enabled) before the app first syncs. */
function expiringLine(sim: RunningSimulator, index: number, days: number) {
  const row = sim.state.lines.rows[index]!
  row.exp_date = Math.floor(Date.now() / 1000) + days * DAY
  row.enabled = 1
  row.admin_enabled = 1
  return row
}

/** Take `app:openExternal` off the page's WebSocket (see the file comment); everything else passes through. */
async function interceptOpenExternal(p: Page) {
  await p.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString()
      let req: { id?: unknown; method?: unknown; params?: { url?: unknown } } | null
      try {
        req = JSON.parse(text)
      } catch {
        req = null
      }
      if (req && req.method === 'app:openExternal' && typeof req.params?.url === 'string') {
        opened.push(req.params.url)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { ok: true, value: { done: true } } }))
        return
      }
      server.send(message)
    })
  })
}

describe.skipIf(!canRun())('customers, renewals and profit in a real browser', () => {
  let lineN: { username: string }
  let lineS: { username: string }

  beforeAll(async () => {
    north = await startSimulator({ port: 0, credits: 500, seed: 11, lines: 40, mags: 5, enigmas: 5, activecodes: 5, subResellers: 2 })
    south = await startSimulator({ port: 0, credits: 300, seed: 22, lines: 40, mags: 5, enigmas: 5, activecodes: 5, subResellers: 2 })
    lineN = expiringLine(north, 3, 2)
    lineS = expiringLine(south, 5, 5)
    session = await openSession()
    page = session.page
    watchProblems(page, problems, { csp: true })
    await interceptOpenExternal(page)
    // The token survives a reload (sessionStorage); the reload puts the page's socket behind the route.
    await page.reload()
  }, 180_000)

  afterAll(() => tearDown(session, north, south))

  it('adds two panels and syncs them', async () => {
    await addFirstPanel(page, 'North', north)
    await page.click(tid('nav-panels'))
    await page.click(tid('panels-add'))
    await addPanelThroughForm(page, 'South', south)
    await page.locator(`${tid('sidebar-panel')}[data-profile-name="South"]`).waitFor({ timeout: T })
  }, 120_000)

  it('creates a customer and attaches a line on each panel', async () => {
    await page.click(tid('nav-customers'))
    await page.click(tid('customers-new'))
    await page.fill(tid('cform-name'), 'Anna Kowalski')
    await page.fill(tid('cform-phone'), '0170 1234567')
    await page.click(tid('cform-save'))
    await expect.poll(() => page.locator(tid('customer-name')).textContent(), { timeout: T }).toBe('Anna Kowalski')
    await expect.poll(() => page.locator(tid('customer-page')).textContent()).toContain('+491701234567')

    await page.click(tid('customer-attach'))
    for (const l of [lineN, lineS]) {
      const hit = page.locator(tid('attach-hit'), { hasText: l.username }).first()
      // The panels sync in the background: search again until this line is in the cache.
      // Each round waits for the dialog's answer to the text typed (a changed text takes the
      // old answer back), so a round never reads hits of an earlier search.
      await expect
        .poll(
          async () => {
            if ((await hit.count()) > 0) return true
            await page.fill(tid('attach-search'), '')
            await page.fill(tid('attach-search'), l.username)
            await page.locator(`${tid('attach-dialog')}[data-answered-for="${l.username}"]`).waitFor({ timeout: T })
            return (await hit.count()) > 0
          },
          { timeout: 60_000 },
        )
        .toBe(true)
      await hit.locator(tid('attach-pick')).click()
      await page.locator(tid('attach-hit'), { hasText: 'already belongs to Anna Kowalski' }).first().waitFor({ timeout: T })
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator(tid('customer-link')).count(), { timeout: T }).toBe(2)
    const links = (await page.locator(tid('customer-links')).textContent())!
    expect(links).toContain('North')
    expect(links).toContain('South')
    expect(links).toContain(lineN.username)
    expect(links).toContain(lineS.username)
  }, 120_000)

  it('shows both in the renewal radar under the customer, soonest first', async () => {
    await page.click(tid('nav-radar'))
    await page.locator(tid('radar-table')).waitFor({ timeout: T })
    const keys = await page.locator(tid('radar-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))
    const iN = keys.indexOf(lineN.username)
    const iS = keys.indexOf(lineS.username)
    expect(iN).toBeGreaterThanOrEqual(0)
    expect(iS).toBeGreaterThan(iN)
    const group = page.locator(`${tid('radar-table')} tr.group`).first()
    expect(await group.textContent()).toContain('Anna Kowalski')
  })

  it('opens a WhatsApp reminder: the exact wa.me link with the text URL-encoded, logged on the customer', async () => {
    await page.locator(`${tid('radar-row')}[data-key="${lineN.username}"] ${tid('radar-remind')}`).click()
    await page.locator(tid('msg-text')).waitFor({ timeout: T })
    await expect.poll(() => page.locator(`${tid('msg-text')} textarea`).inputValue(), { timeout: T }).toContain('Anna Kowalski')
    const text = await page.locator(`${tid('msg-text')} textarea`).inputValue()
    expect(text).toContain('in 2 days')
    await page.click(tid('msg-send-whatsapp'))
    await expect.poll(() => opened.length, { timeout: T }).toBe(1)
    expect(opened[0]).toBe(`https://wa.me/491701234567?text=${encodeURIComponent(text)}`)
    await page.locator(tid('message-dialog')).waitFor({ state: 'detached', timeout: T })
    // The radar shows when the last reminder went out.
    await expect.poll(() => page.locator(`${tid('radar-row')}[data-key="${lineN.username}"]`).textContent(), { timeout: T }).toMatch(/just now/)
  })

  it('renews from the radar with a payment recorded, and the profit view shows it', async () => {
    onTestFailed(async () => void (await page.screenshot({ path: '/tmp/h-fail.png' })))
    await page.click(tid('nav-profit'))
    await expect.poll(() => page.locator(tid('profit-revenue')).textContent(), { timeout: T }).toMatch(/0[.,]00/)
    // The panels' credit logs already hold charges made before the app (the simulator's history):
    // they count as credits spent outside the app. The renewal adds exactly its cost to them.
    const spent = async () => Number((await page.locator(tid('profit-credits')).textContent())!.replace(/\D/g, ''))
    const spentBefore = await spent()
    await page.click(tid('nav-radar'))
    const before = north.credits()
    await page.locator(`${tid('radar-row')}[data-key="${lineN.username}"] ${tid('radar-renew')}`).click()
    await page.locator(`${tid('write-form')} ${tid('package-picker')}`).click()
    await page.locator('.n-base-select-option', { hasText: /^3 Months/ }).first().click()
    await page.click(tid('form-next'))
    await page.locator(tid('confirm-step')).waitFor({ timeout: T })
    const cost = Number(await page.locator(`${tid('confirm-step')} ${tid('cost-value')}`).textContent())
    await page.click(tid('form-confirm'))
    await expect.poll(() => north.credits(), { timeout: T }).toBe(before - cost)
    await page.locator(tid('payment-dialog')).waitFor({ timeout: T })
    await page.fill(`${tid('pay-amount')}`, '15')
    await page.click(tid('pay-save'))
    await page.locator(tid('payment-dialog')).waitFor({ state: 'detached', timeout: T })

    await page.click(tid('nav-profit'))
    await expect.poll(() => page.locator(tid('profit-revenue')).textContent(), { timeout: T }).toMatch(/15[.,]00/)
    await expect.poll(spent, { timeout: T }).toBe(spentBefore + cost)
  }, 90_000)

  it('backs up, and a restore brings the book back as it was (replaced, not merged)', async () => {
    await page.click(tid('nav-customers'))
    await innerTab('Backups').click()
    // The automatic backup made at start is listed already (it holds nothing yet).
    await page.locator(tid('backup-row'), { hasText: 'auto-' }).waitFor({ timeout: T })
    await page.click(tid('backup-now'))
    const manual = page.locator(tid('backup-row'), { hasText: 'manual-' })
    await manual.waitFor({ timeout: T })
    expect(await manual.textContent()).toContain('1 customers, 2 subscriptions, 1 payments')

    await innerTab('Customers').click()
    await page.click(tid('customers-new'))
    await page.fill(tid('cform-name'), 'Added after the backup')
    await page.click(tid('cform-save'))
    await expect.poll(() => page.locator(tid('customer-row')).count(), { timeout: T }).toBe(2)

    await innerTab('Backups').click()
    await manual.locator(tid('backup-restore')).click()
    await page.click(tid('restore-confirm'))
    await page.locator(tid('backup-result')).waitFor({ timeout: T })
    expect(await page.locator(tid('backup-result')).textContent()).toMatch(/saved as before-restore-/)
    await innerTab('Customers').click()
    await expect.poll(() => page.locator(tid('customer-row')).allTextContents(), { timeout: T }).toEqual([expect.stringContaining('Anna Kowalski')])
    await page.locator(tid('customer-row')).first().click()
    await expect.poll(() => page.locator(tid('customer-link')).count(), { timeout: T }).toBe(2)
    expect(problems).toEqual([])
  }, 60_000)
})
