/**
 * End-to-end harness: builds the page (renderer only, so a half-finished main
 * build elsewhere cannot block it), starts `dev:browser` as a child process
 * (the real core over the loopback host) and drives Debian's Chromium with
 * playwright-core. Nothing here sleeps for a fixed time: it waits for state.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { RunningSimulator } from '../../electron/simulator'

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const CHROMIUM = process.env.XM_CHROMIUM ?? '/usr/bin/chromium'
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')

export const canRun = (): boolean => existsSync(CHROMIUM) && existsSync(join(ROOT, 'electron/loopback/cli.ts'))

/**
 * What the page is built from: every file under src/ and electron/shared/ (path, size, mtime).
 * Two builds of the same sources are the same page, so end-to-end files share one.
 */
function pageSourcesKey(): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      const st = statSync(full)
      if (st.isDirectory()) walk(full)
      else hash.update(`${full}\0${st.size}\0${st.mtimeMs}\n`)
    }
  }
  walk(join(ROOT, 'src'))
  walk(join(ROOT, 'electron/shared'))
  return hash.digest('hex').slice(0, 16)
}

/**
 * The page for end-to-end tests, in `outDir`. Every e2e file needs the same
 * build; building it once per file costs half a minute each on two cores, so
 * the first build of given sources is kept in the temp folder and copied.
 */
export async function buildRenderer(outDir: string): Promise<void> {
  const cached = join(tmpdir(), `xm-e2e-page-cache-${pageSourcesKey()}`)
  if (!existsSync(join(cached, 'index.html'))) {
    const fresh = mkdtempSync(join(tmpdir(), 'xm-e2e-page-build-'))
    await buildRendererInto(fresh)
    try {
      renameSync(fresh, cached)
    } catch {
      // Another test file finished the same build first: use that one.
      rmSync(fresh, { recursive: true, force: true })
    }
  }
  rmSync(outDir, { recursive: true, force: true })
  cpSync(cached, outDir, { recursive: true })
}

/** Builds src/ with vite's API (the same plugin set as electron.vite.config.ts's renderer). */
async function buildRendererInto(outDir: string): Promise<void> {
  const { build } = await import('vite')
  const vue = (await import('@vitejs/plugin-vue')).default
  await build({
    configFile: false,
    root: join(ROOT, 'src'),
    base: './',
    plugins: [vue()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  })
}

/** A fresh temp folder with the page built into it (removed again when the build fails). */
export async function builtPage(): Promise<string> {
  const staticDir = mkdtempSync(join(tmpdir(), 'xm-e2e-page-'))
  try {
    await buildRenderer(staticDir)
  } catch (e) {
    rmSync(staticDir, { recursive: true, force: true })
    throw e
  }
  return staticDir
}

export interface AppProcess {
  url: string
  dataDir: string
  child: ChildProcess
  stop(): Promise<void>
}

/** `node --import tsx electron/loopback/cli.ts --port 0 --data-dir <tmp> --memory-keys`; resolves on its one ready line. */
export function startApp(staticDir: string, dataDir = mkdtempSync(join(tmpdir(), 'xm-e2e-data-'))): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/loopback/cli.ts', '--port', '0', '--data-dir', dataDir, '--memory-keys'], {
    cwd: ROOT,
    env: { ...process.env, XM_LOOPBACK_STATIC_DIR: staticDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolveApp, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`dev:browser did not get ready in time.\n${err}`)), 90_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`dev:browser exited with ${code}.\n${err}`))
    })
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /XM Reseller Desk: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolveApp({
        url: m[1]!,
        dataDir,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

export interface BrowserSession {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * A fresh profile each time (launchPersistentContext is playwright's way to pass --user-data-dir).
 * `locale` is the OS language the page sees (navigator.languages), which Settings → Language follows by default.
 */
export interface BrowserOptions {
  dark?: boolean
  width?: number
  height?: number
  locale?: string
}

export async function openBrowser(url: string, opts: BrowserOptions = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'xm-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    ...(opts.locale ? { locale: opts.locale } : {}),
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(url)
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** What a suite works with: the built page, the app serving it and one browser on it. */
export interface Session {
  staticDir: string
  app: AppProcess
  browser: BrowserSession
  page: Page
}

/**
 * The opening most suites share: the page built, the app started over it (on
 * `dataDir` when the suite prepared one) and one browser on the app. When a
 * step fails, what was already started is ended before the error goes on.
 */
export async function openSession(opts: { dataDir?: string; browser?: BrowserOptions } = {}): Promise<Session> {
  const staticDir = await builtPage()
  let app: AppProcess | undefined
  try {
    app = await startApp(staticDir, opts.dataDir)
    const browser = await openBrowser(app.url, opts.browser)
    return { staticDir, app, browser, page: browser.page }
  } catch (e) {
    await tearDown({ staticDir, app })
    throw e
  }
}

/** The end of a suite: the browser, the app, the simulated panels, the app's data folder and the built page, all gone. */
export async function tearDown(session: Partial<Session> | undefined, ...simulators: Array<RunningSimulator | undefined>): Promise<void> {
  const { browser, app, staticDir } = session ?? {}
  await browser?.close()
  await app?.stop()
  for (const sim of simulators) await sim?.close()
  if (app) rmSync(app.dataDir, { recursive: true, force: true })
  if (staticDir) rmSync(staticDir, { recursive: true, force: true })
}
