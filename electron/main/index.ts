/**
 * Electron's entry point. Deliberately thin: it hands the real parts (core
 * factory, keychain chooser, simulator, net.fetch, paths) to main-process.ts,
 * which holds the wiring and is tested against a fake Electron.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, net } from 'electron'
import { createCore } from '../core/app/create-core'
import { redactSecrets } from '../core/errors'
import { openFileLog } from '../core/log/file-log'
import { chooseSecretStore } from '../core/vault/choose-store'
import { startSimulator } from '../simulator'
import { trustedDevServerUrl } from './app-url'
import { launchedAtLogin } from './autostart'
import { defaultDataDir } from './data-dir'
import { createDemoLauncher } from './demo'
import { startMainProcess } from './main-process'
import { trayIconDir } from './tray-electron'
import { resolveUpdateFeed, setupAutoUpdate, type UpdaterLike } from './updater'

const here = dirname(fileURLToPath(import.meta.url)) // out/main
const log = (msg: string) => console.log(`[xm] ${redactSecrets(msg)}`)

// The same folder `npm run dev:browser` uses (data-dir.ts); must be set before 'ready'.
app.setPath('userData', defaultDataDir())

// Failures nobody awaited would otherwise reach only a console nobody sees: the log file gets them too.
const logUnexpected = (what: string) => (e: unknown) => {
  const msg = `${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
  log(msg)
  openFileLog(join(app.getPath('userData'), 'logs')).write(msg)
}
process.on('unhandledRejection', logUnexpected('unhandled rejection'))
process.on('uncaughtExceptionMonitor', logUnexpected('uncaught exception'))

const autostart = { platform: process.platform, env: process.env, execPath: process.execPath }
const iconDir = trayIconDir({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
})

startMainProcess({
  createCore,
  chooseSecretStore,
  demo: createDemoLauncher((o) => startSimulator(o)),
  // Chromium's network stack: honours the system proxy and certificate store.
  fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
  dataDir: app.getPath('userData'),
  rendererDir: join(here, '../renderer'),
  devServerUrl: trustedDevServerUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged),
  preloadPath: join(here, '../preload/index.cjs'),
  appVersion: app.getVersion(),
  trayIconDir: iconDir,
  autostart,
  launchedAtLogin: launchedAtLogin(process.argv, process.platform, app),
  // resources/icons is shipped beside resources/tray (electron-builder.json extraResources).
  notificationIcon: join(iconDir, '..', 'icons', '256x256.png'),
  log,
})
  .then((ctx) => {
    if (!ctx) return
    void setupAutoUpdate({
      feed: resolveUpdateFeed(process.env, process.resourcesPath),
      isPackaged: app.isPackaged,
      loadUpdater: async () => {
        const mod = (await import('electron-updater')) as { autoUpdater?: unknown; default?: { autoUpdater?: unknown } }
        return (mod.autoUpdater ?? mod.default?.autoUpdater) as UpdaterLike
      },
      log,
    }).catch((e: unknown) => log(`updater: ${String(e)}`))
  })
  .catch((e: unknown) => {
    const message = redactSecrets(e instanceof Error ? e.message : String(e))
    log(`startup failed: ${message}`)
    dialog.showErrorBox('XM Reseller Desk could not start', message)
    app.exit(1)
  })
