/**
 * axe-core over every view of the demo workstation in a real Chromium, in the
 * light and the dark theme: no critical and no serious violation anywhere —
 * the welcome screen, every list of a panel, a line's drawer, the create
 * forms, the app-wide views and the dialogs. One browser, one page: the theme
 * is switched by the OS colour scheme the app follows (Settings → System).
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, openSession, tearDown, type Session } from './harness'
import { tid } from './steps'
import { RESOURCES } from '../../electron/shared/domain'

const T = 20_000
let session: Session
let page: Page

type Theme = 'light' | 'dark'

/** One violation as a reader of the CI log needs it: rule, impact, what to fix and where. */
interface Finding {
  theme: Theme
  rule: string
  impact: string
  help: string
  nodes: string[]
}

async function setTheme(theme: Theme) {
  await page.emulateMedia({ colorScheme: theme })
  await page.waitForFunction((want) => document.documentElement.dataset.theme === want, theme, { timeout: T })
}

/**
 * The rules whose answer depends on colours. A theme changes colours only (the
 * same markup, naive-ui's theme variables and ours), so the dark pass runs
 * these and the light pass runs every rule: the same coverage in half the time.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

/** Critical and serious violations of the page as it is now, in both themes (the page is left in light). */
async function audit(): Promise<Finding[]> {
  const found: Finding[] = []
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(theme)
    // One axe.run in the page itself: the app has no frames, and the default
    // mode opens a blank page per audit to merge frame results (seconds each).
    const axe = new AxeBuilder({ page }).setLegacyMode(true)
    const result = await (theme === 'dark' ? axe.withRules(COLOUR_RULES) : axe).analyze()
    for (const v of result.violations) {
      // Critical and serious, and content outside the landmarks (moderate in axe, but a screen reader's map of the app).
      if (v.impact !== 'critical' && v.impact !== 'serious' && v.id !== 'region') continue
      found.push({
        theme,
        rule: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      })
    }
  }
  await setTheme('light')
  return found
}

/** The violations, printed so that a failure says what to fix. */
function report(where: string, found: Finding[]): string {
  return [
    `${where}: ${found.length} critical/serious axe violation(s)`,
    ...found.map(
      (f) => `  [${f.theme}] ${f.rule} (${f.impact}): ${f.help}\n${f.nodes.map((n) => `      ${n}`).join('\n')}`,
    ),
  ].join('\n')
}

/**
 * Audits the page after `open`, then runs `close` whatever was found, so one
 * view's violations never stop the next view from being audited.
 */
async function expectClean(where: string, open: () => Promise<unknown>, close?: () => Promise<unknown>) {
  await open()
  let found: Finding[]
  try {
    found = await audit()
  } finally {
    await close?.()
  }
  expect(found.length, report(where, found)).toBe(0)
}

const demoPanel = () => page.locator(`${tid('sidebar-panel')}[data-profile-name="Demo panel"]`)
/** A list has loaded: its rows, or the empty state. */
const listReady = () =>
  page
    .locator(`${tid('pane-left')} ${tid('row')}, ${tid('pane-left')} ${tid('empty-state')}`)
    .first()
    .waitFor({ timeout: 60_000 })

describe.skipIf(!canRun())('accessibility (axe-core, light and dark)', () => {
  beforeAll(async () => {
    session = await openSession()
    page = session.page
    // Colours are measured as they settle: no half-finished colour transitions.
    await page.addStyleTag({
      content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
    })
  }, 180_000)

  afterAll(() => tearDown(session))

  it('the welcome screen', async () => {
    await expectClean(
      'welcome',
      () => page.locator(tid('welcome')).waitFor({ timeout: T }),
      async () => {
        await page.click(tid('welcome-demo'))
        await page.locator(tid('row')).first().waitFor({ timeout: 60_000 })
      },
    )
  }, 90_000)

  it('the lines list', async () => {
    await expectClean('lines', async () => {
      await demoPanel().locator(tid('nav-lines')).click()
      await listReady()
    })
  }, 60_000)

  it("a line's drawer", async () => {
    await expectClean(
      'line drawer',
      async () => {
        await page
          .locator(`${tid('pane-left')} ${tid('row')}`)
          .first()
          .click()
        await page.locator(tid('detail-title')).waitFor({ timeout: T })
      },
      async () => {
        await page.keyboard.press('Escape')
        await page.locator(tid('detail-title')).waitFor({ state: 'detached', timeout: T })
      },
    )
  }, 60_000)

  const closeWriteForm = async () => {
    await page.click(tid('form-cancel'))
    await page.locator(tid('write-form')).waitFor({ state: 'detached', timeout: T })
  }

  it('the new line form', async () => {
    await expectClean(
      'new line form',
      async () => {
        await page.click(`${tid('pane-left')} ${tid('new-item')}`)
        await page.locator(tid('write-form')).waitFor({ timeout: T })
      },
      closeWriteForm,
    )
  }, 60_000)

  // Every list but lines (checked above with its forms).
  for (const resource of RESOURCES.filter((r) => r !== 'lines')) {
    it(`the ${resource} list`, async () => {
      await expectClean(resource, async () => {
        await demoPanel()
          .locator(tid(`nav-${resource}`))
          .click()
        await listReady()
      })
    }, 60_000)
  }

  it('the new sub-reseller form', async () => {
    await expectClean(
      'new sub-reseller form',
      async () => {
        await demoPanel().locator(tid('nav-subResellers')).click()
        await listReady()
        await page.click(`${tid('pane-left')} ${tid('new-item')}`)
        await page.locator(tid('write-form')).waitFor({ timeout: T })
      },
      closeWriteForm,
    )
  }, 60_000)

  for (const [nav, view] of [
    ['packages', 'packages-view'],
    ['account', 'account-view'],
  ] as const) {
    it(`the ${nav} view`, async () => {
      await expectClean(nav, async () => {
        await demoPanel()
          .locator(tid(`nav-${nav}`))
          .click()
        await page.locator(`${tid('pane-left')} ${tid(view)}`).waitFor({ timeout: T })
      })
    }, 60_000)
  }

  for (const [nav, view] of [
    ['radar', 'radar-view'],
    ['customers', 'customers-view'],
    ['profit', 'profit-view'],
    ['credits', 'credits-view'],
    ['journal', 'journal-view'],
    ['panels', 'panels-view'],
    ['settings', 'settings-view'],
  ] as const) {
    it(`the ${nav} view`, async () => {
      await expectClean(nav, async () => {
        await page.click(tid(`nav-${nav}`))
        await page.locator(`${tid('pane-left')} ${tid(view)}`).waitFor({ timeout: T })
      })
    }, 60_000)
  }

  it('the new customer form', async () => {
    await expectClean(
      'new customer form',
      async () => {
        await page.click(tid('nav-customers'))
        await page.click(tid('customers-new'))
        await page.locator('.n-modal').first().waitFor({ timeout: T })
      },
      async () => {
        await page.keyboard.press('Escape')
        await page.locator('.n-modal').first().waitFor({ state: 'detached', timeout: T })
      },
    )
  }, 60_000)

  it('the add panel form', async () => {
    await expectClean(
      'add panel form',
      async () => {
        await page.click(tid('nav-panels'))
        await page.click(tid('panels-add'))
        await page.locator(tid('panel-form')).waitFor({ timeout: T })
      },
      async () => {
        await page.click(tid('panel-close'))
        await page.locator(tid('panel-form')).waitFor({ state: 'detached', timeout: T })
      },
    )
  }, 60_000)

  it('the global search (Ctrl+K) with hits', async () => {
    await expectClean(
      'global search',
      async () => {
        await page.keyboard.press('Control+k')
        await page.fill(tid('global-search'), 'a')
        await page.locator(tid('search-hit')).first().waitFor({ timeout: T })
      },
      async () => {
        await page.keyboard.press('Escape')
        await page.locator(tid('global-search')).waitFor({ state: 'detached', timeout: T })
      },
    )
  }, 60_000)
})
