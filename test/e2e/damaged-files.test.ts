/**
 * Damaged data files in a real Chromium over the real core (issue #12 §3): the page
 * names the moved-aside panels file and the damaged journal, says spending waits, and a
 * confirmation clears each notice; the damaged originals are still on disk.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, openSession, screenshot, tearDown, type Session } from './harness'
import { tid } from './steps'

let session: Session
let dataDir: string

describe.skipIf(!canRun())('damaged data files', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xm-e2e-damaged-'))
    writeFileSync(join(dataDir, 'profiles.json'), '{"version":1,"profiles":[{"id":"cut-short"')
    writeFileSync(join(dataDir, 'journal.db'), 'SQLite format 3\0 and then garbage '.repeat(200))
    session = await openSession({ dataDir })
  }, 180_000)

  afterAll(async () => {
    await tearDown(session)
    // The suite's own folder, for when the session never started.
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('names each file, where it was kept and that spending waits; confirming clears the notice', async () => {
    const { page } = session
    const journal = page.locator(tid('data-problem-journal'))
    const panels = page.locator(tid('data-problem-file:profiles.json'))
    await journal.waitFor({ timeout: 30_000 })
    await panels.waitFor()
    // The welcome screen is behind: the panels file was moved aside, so there are no panels.
    await page.locator(tid('welcome-demo')).waitFor()
    const journalText = await journal.innerText()
    expect(journalText).toContain('Something was wrong with journal.db')
    expect(journalText).toMatch(/kept as journal\.db\.corrupt-\d+ in the data folder/)
    expect(journalText).toContain('Spending is paused until you confirm')
    expect(await panels.innerText()).toMatch(/moved aside to profiles\.json\.corrupt-\d+/)
    await screenshot(page, 'damaged-files')

    const kept = readdirSync(dataDir).filter((n) => n.includes('.corrupt-'))
    expect(kept.some((n) => n.startsWith('journal.db.corrupt-'))).toBe(true)
    const keptPanels = kept.find((n) => n.startsWith('profiles.json.corrupt-'))!
    expect(readFileSync(join(dataDir, keptPanels), 'utf8')).toBe('{"version":1,"profiles":[{"id":"cut-short"')
    expect(existsSync(join(dataDir, 'journal.db'))).toBe(true)
    // …and the log in the data folder says what SQLite said, for support (never the page's job).
    expect(readFileSync(join(dataDir, 'logs', 'xm.log'), 'utf8')).toMatch(/journal: journal\.db unusable \(SQLITE_NOTADB\); moved aside to journal\.db\.corrupt-\d+/)

    await journal.locator(tid('data-problem-confirm')).click()
    await journal.waitFor({ state: 'detached' })
    await panels.locator(tid('data-problem-confirm')).click()
    await page.locator(tid('data-problems')).waitFor({ state: 'detached' })
    // Confirmed in the core, not only hidden: a reload shows no notice.
    await page.reload()
    await page.locator(tid('welcome-demo')).waitFor()
    expect(await page.locator(tid('data-problems')).count()).toBe(0)
  }, 120_000)
})
