/**
 * `npm run dev:browser` — the real app (same core, same page) in your browser.
 *
 * stdout carries exactly ONE line, once everything is ready (the end-to-end
 * tests wait for it):   XM Reseller Desk: http://127.0.0.1:PORT/#token=…
 * Everything else (build output, keychain fallback, demo panel, shutdown) goes
 * to stderr. Ctrl+C / SIGTERM closes the host, disposes the core, exits 0.
 * Bad flags: a message and exit 2. Failure to start: a message and exit 1 —
 * also when another copy holds the data folder (the message names its process).
 *
 * XM_LOOPBACK_STATIC_DIR (tests only) serves another folder than out/renderer.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
// errors.ts has no runtime imports, so a core that fails to load still cannot hide a message unredacted.
import { redactSecrets as redact } from '../core/errors'
import { acquireDataFolderLock, type HeldLock } from '../core/lock/data-folder-lock'
import type { SecretStore } from '../core/ports'
import { parseCliArgs, READY_PREFIX, USAGE, type CliOptions } from './cli-args'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const say = (msg: string) => process.stderr.write(msg + '\n')
function buildRenderer(): boolean {
  say('Building the page (npx electron-vite build)…')
  const run = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: REPO_ROOT,
    // Build chatter goes to stderr: stdout is reserved for the ready line.
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  })
  return run.status === 0
}

function appVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version ?? '0.0.0')
  } catch {
    return '0.0.0'
  }
}

async function pickSecretStore(opts: CliOptions): Promise<{ store: SecretStore; problem: string | null }> {
  if (opts.memoryKeys) {
    const { MemorySecretStore } = await import('../core/vault/memory-store')
    return { store: new MemorySecretStore(), problem: null }
  }
  const { chooseSecretStore } = await import('../core/vault/choose-store')
  const chosen = await chooseSecretStore({ preferKeychain: true })
  if (chosen.problem) say(`Keychain unavailable — API keys are kept in memory for this session only: ${chosen.problem}`)
  return chosen
}

/** The app's modules, loaded only after the flags were read: flags and --help answer even when a module below is broken. */
async function loadApp() {
  const [{ createCore }, { defaultDataDir }, { createDemoLauncher }, { startSimulator }, { startLoopbackHost }, { openFileLog }] =
    await Promise.all([
      import('../core/app/create-core'),
      import('../main/data-dir'),
      import('../main/demo'),
      import('../simulator'),
      import('./host'),
      import('../core/log/file-log'),
    ])
  return { createCore, defaultDataDir, createDemoLauncher, startSimulator, startLoopbackHost, openFileLog }
}
type AppModules = Awaited<ReturnType<typeof loadApp>>

/** The built page's folder, built first when asked (--build) or missing; null after saying why it is not there. */
function builtPage(opts: CliOptions): string | null {
  const staticDir = resolve(process.env.XM_LOOPBACK_STATIC_DIR || join(REPO_ROOT, 'out', 'renderer'))
  if (opts.build || !existsSync(join(staticDir, 'index.html'))) {
    if (!buildRenderer() || !existsSync(join(staticDir, 'index.html'))) {
      say(`dev:browser: the page could not be built (no ${join(staticDir, 'index.html')}); see the output above.`)
      return null
    }
  }
  return staticDir
}

/** The core on the data folder, with the keys' store, the log file and the demo panel launcher; started. */
async function startCore(app: AppModules, opts: CliOptions, dataDir: string) {
  const { store, problem } = await pickSecretStore(opts)
  const demo = app.createDemoLauncher((o) => app.startSimulator(o))
  // The same rotating, redacted log as the desktop app (core/log/file-log.ts); stdout stays for the ready line.
  const logDir = join(dataDir, 'logs')
  const fileLog = app.openFileLog(logDir)
  const core = await app.createCore({
    dataDir,
    secrets: store,
    keychainProblem: problem,
    log: (m) => fileLog.write(m),
    logDir,
    transport: 'loopback',
    appVersion: appVersion(),
    platform: process.platform,
    startDemo: () => demo.start(),
    notify: (n) => say(`[notification] ${n.title}: ${n.body}`),
  })
  await core.start()
  return { core, demo }
}
type Started = Awaited<ReturnType<typeof startCore>>

/** --demo: the built-in demo panel added; false (after stopping the core and the demo) when it could not be. */
async function addDemoPanel({ core, demo }: Started): Promise<boolean> {
  const added = await core.dispatch('demo:start', {})
  if (!added.ok) {
    say(`dev:browser: the demo panel could not be started: ${added.error.message}`)
    await core.dispose()
    await demo.stop()
    return false
  }
  say(`Demo panel ready (${(added.value as { name?: string }).name ?? 'Demo panel'}).`)
  return true
}

/** Ctrl+C / SIGTERM: the host, the core, the demo, then the data folder, and exit 0; a second signal exits at once. */
function stopOnSignals(parts: Started & { host: { close(): Promise<void> }; folder: HeldLock }): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      say('Forced exit.')
      process.exit(130)
    }
    stopping = true
    say(`${signal}: shutting down…`)
    void (async () => {
      await parts.host.close()
      await parts.core.dispose()
      await parts.demo.stop()
      parts.folder.release()
    })().then(
      () => process.exit(0),
      (e: unknown) => {
        say(`dev:browser: shutdown error: ${redact(String(e))}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function main(argv: string[]): Promise<number | null> {
  const parsed = parseCliArgs(argv)
  if (!parsed.ok) {
    say(`dev:browser: ${parsed.message}\n\n${USAGE}`)
    return 2
  }
  const opts = parsed.options
  if (opts.help) {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  const app = await loadApp()
  const staticDir = builtPage(opts)
  if (!staticDir) return 1

  const dataDir = resolve(opts.dataDir ?? app.defaultDataDir())
  mkdirSync(dataDir, { recursive: true })
  // One data folder, one app (core/lock): a second copy would send writes beside this one.
  const folder = acquireDataFolderLock(dataDir, { kind: 'browser' })
  if (!folder.ok) {
    say(`dev:browser: ${folder.message}`)
    return 1
  }
  const started = await startCore(app, opts, dataDir)
  if (opts.demo && !(await addDemoPanel(started))) return 1

  const host = await app.startLoopbackHost({ core: started.core, port: opts.port, staticDir, log: say })
  say(`Data folder: ${dataDir}`)
  process.stdout.write(`${READY_PREFIX}${host.url}\n`)
  stopOnSignals({ ...started, host, folder: folder.lock })
  return null // keep serving
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exit(code)
  },
  (e: unknown) => {
    say(`dev:browser: could not start: ${redact(e instanceof Error ? e.message : String(e))}`)
    process.exit(1)
  },
)
