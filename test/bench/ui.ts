/**
 * UI benchmark in a real Chromium with 100,000 cached lines:
 *   ui.search.p95          typing in the lines search box → rows updated (p95 of 30 searches), target 150 ms
 *   ui.load.firstRows      page load → first rows on screen (lines tab restored), target 1.5 s
 *   ui.heap.afterBrowsing  JS heap after paging, sorting, filtering and opening drawers, target 150 MB
 *   ui.main_rss.syncPeak   the app's main process (the loopback host) RSS, peak while the first sync runs
 * Prints one JSON line per figure. Run alone: `npm run bench -- ui`. With XM_BENCH_UI_LINES set
 * (ui-1m.ts sets 1,000,000) the figures are named for that scale: ui.search.1m.p95, …
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../../electron/simulator'
import type { Page } from 'playwright-core'
import { buildRenderer, canRun, openBrowser, startApp } from '../e2e/harness'
import { SEARCH_DEBOUNCE_MS } from '../../src/stores/table-view'

const LINES = Number(process.env.XM_BENCH_UI_LINES ?? 100_000)
const SEARCHES = 30
/** Figure names carry the scale when it is not the usual 100k: ui.search.1m.p95. */
const SCALE = LINES === 100_000 ? '' : `.${LINES >= 1_000_000 ? `${LINES / 1_000_000}m` : `${LINES / 1000}k`}`
const scaled = (name: string) => name.replace(/^ui\.(\w+)/, `ui.$1${SCALE}`)
/** Main-process RSS bound while syncing (MB): ~1.5 KB a line on top of an idle ~250 MB host. */
const RSS_BOUND_MB = LINES >= 1_000_000 ? 1536 : 600

/** VmRSS of a process, MB (Linux /proc); null where there is no /proc. */
function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

const figure = (name: string, value: number, unit: string, target: number) =>
  console.log(JSON.stringify({ name: scaled(name), value: Math.round(value * 100) / 100, unit, target }))
const tid = (id: string) => `[data-testid="${id}"]`

/**
 * Runs in the page, as text: tsx would wrap a named function in a helper the page lacks.
 * From the input event to a row showing the searched username.
 */
const SEARCH_IN_PAGE = `(name) => new Promise((resolve, reject) => {
  const input = document.querySelector('[data-testid="table-search"]')
  const start = performance.now()
  input.value = name
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: name }))
  const check = () => {
    const rows = [...document.querySelectorAll('[data-testid="row"]')]
    if (rows.some((r) => r.textContent.includes(name))) return resolve(performance.now() - start)
    if (performance.now() - start > 10000) return reject(new Error('no rows for ' + name))
    requestAnimationFrame(check)
  }
  check()
})`

/**
 * Polls an expression in the page. Not waitForFunction: that one evals a string
 * inside the page, which our CSP (script-src 'self', no unsafe-eval) refuses.
 */
async function until(page: Page, expr: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await page.evaluate(expr))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expr}`)
    await page.waitForTimeout(100) // a poll interval, not a wait for state
  }
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!
}

export async function run(): Promise<void> {
  if (!canRun()) {
    console.error('ui bench skipped: needs /usr/bin/chromium and electron/loopback/cli.ts')
    return
  }
  const staticDir = mkdtempSync(join(tmpdir(), 'xm-bench-page-'))
  await buildRenderer(staticDir)
  const sim = await startSimulator({ port: 0, lines: LINES, credits: 10_000 })
  const app = await startApp(staticDir)
  const session = await openBrowser(app.url)
  const { page } = session
  try {
    // Add the panel as a user would, and let the first sync finish.
    await page.click(tid('welcome-add'))
    await page.fill(tid('panel-name'), 'Bench panel')
    await page.fill(tid('panel-host'), '127.0.0.1')
    await page.fill(tid('panel-port'), String(sim.port))
    await page.fill(tid('panel-access-code'), sim.accessCode)
    await page.fill(tid('panel-api-key'), sim.apiKey)
    await page.click(tid('panel-save'))
    await page.locator(tid('panel-test-result')).waitFor({ timeout: 60_000 })
    await page.click(tid('panel-close'))
    const t0 = Date.now()
    let rssPeak = 0
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(app.child.pid) ?? 0)), 250)
    try {
      await until(page, `!document.querySelector('[data-testid="sync-running"]') && document.querySelectorAll('[data-testid="row"]').length > 0`, LINES >= 1_000_000 ? 3_600_000 : 600_000)
    } finally {
      clearInterval(sampler)
    }
    console.error(`synced ${LINES} lines in ${Date.now() - t0} ms`)
    if (rssPeak > 0) figure('ui.main_rss.syncPeak', rssPeak, 'MB', RSS_BOUND_MB)

    // 1. Search latency, measured inside the page from the input event to the updated rows.
    // Usernames the reseller can see (the simulator also holds other resellers' lines), from two pages of the table.
    const seen: string[] = []
    // Pages of ~20 rows: every other name of four pages makes the 30 searches (two pages, every third, made 14).
    for (const p of ['1', '2', '3', '4']) {
      await page.locator('.n-pagination-item', { hasText: new RegExp(`^${p}$`) }).first().click()
      await page.locator(tid('row')).first().waitFor()
      // The username cell by its column key (a column added in front once left this reading blanks, and every "search" was an empty one).
      seen.push(...(await page.locator(`${tid('row')} td[data-col-key="username"]`).allTextContents()).map((s) => s.trim()))
    }
    const names = seen.filter((_, i) => i % 2 === 0).slice(0, SEARCHES)
    // A blank name would be an empty search: the figure would time the unfiltered list instead.
    if (names.length < SEARCHES || names.some((n) => n === '')) throw new Error(`the search benchmark found no usernames to type: ${JSON.stringify(names.slice(0, 5))}`)
    const times: number[] = []
    for (const name of names) {
      // Start from a table that does not show the name (else "updated" would be instant).
      await page.fill(tid('table-search'), 'zz-no-such-line')
      await page.locator(tid('empty-state')).waitFor()
      // Then a pause longer than the search box's debounce, as between a person's two searches:
      // typed within it, the timed search was folded into a trailing run SEARCH_DEBOUNCE_MS later
      // (table-view.ts), and the figure timed this set-up step's nearness (20k lines: p95 ~96 ms
      // against ~40 ms with the pause).
      await page.waitForTimeout(2 * SEARCH_DEBOUNCE_MS)
      const ms = (await page.evaluate(`(${SEARCH_IN_PAGE})(${JSON.stringify(name)})`)) as number
      times.push(ms)
    }
    // Issue #14 asks 100 ms at 1M lines; the 100k figure keeps its first target.
    figure('ui.search.p95', p95(times), 'ms', SCALE === '' ? 150 : 100)
    await page.fill(tid('table-search'), '')

    // 2. Page load → first rows (the lines tab is restored from the saved layout).
    await page.addInitScript(`new MutationObserver((m, obs) => {
      if (document.querySelector('[data-testid="row"]')) { window.__firstRows = performance.now(); obs.disconnect() }
    }).observe(document, { childList: true, subtree: true })`)
    const loads: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.reload()
      await until(page, `typeof window.__firstRows === 'number'`, 30_000)
      loads.push((await page.evaluate('window.__firstRows')) as number)
    }
    figure('ui.load.firstRows', loads.sort((a, b) => a - b)[2]!, 'ms', 1500)

    // 3. Heap after browsing: pages, sorts, chips, drawers.
    await page.locator(tid('row')).first().waitFor()
    for (let p = 2; p <= 12; p++) {
      await page.locator(`.n-pagination-item`, { hasText: new RegExp(`^${Math.min(p, 4)}$`) }).first().click()
      await page.locator(tid('row')).first().waitFor()
    }
    for (const chip of ['active', 'expired', 'trial', 'expiring']) {
      await page.click(tid(`chip-${chip}`))
      await page.click(tid(`chip-${chip}`))
    }
    for (let i = 0; i < 5; i++) {
      await page.locator(tid('row')).nth(i).click()
      await page.locator(tid('detail-drawer')).waitFor()
      await page.keyboard.press('Escape')
      await page.locator(tid('detail-drawer')).waitFor({ state: 'hidden' })
    }
    const cdp = await session.context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    figure('ui.heap.afterBrowsing', usedSize / 1024 / 1024, 'MB', 150)
  } finally {
    await session.close()
    await app.stop()
    await sim.close()
    rmSync(app.dataDir, { recursive: true, force: true })
    rmSync(staticDir, { recursive: true, force: true })
  }
}

if (process.env.XM_BENCH_MAIN === '1' || process.argv[1] === fileURLToPath(import.meta.url)) {
  run().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
