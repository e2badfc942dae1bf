/**
 * The tray wired to Electron and to the core. main-process.ts calls
 * `setupTray(...)` from its `afterStart`; everything here talks to the core
 * only through the contract (`dispatch` + events), like the page does.
 */
import { Menu, nativeImage, Tray } from 'electron'
import type { NativeImage } from 'electron'
import { join } from 'node:path'
import type { CreditSummary } from '../shared/views'
import { getStartAtLogin, setStartAtLogin, type AutostartEnv, type LoginItemApp } from './autostart'
import { TrayController } from './tray'
import { trayLikelyVisible } from './tray-lifecycle'
import type { TrayActions, TrayRenewals, TrayState } from './tray-menu'

/** How often the tray's renewals entry is read again (a radar query: cheap, but not every minute). */
const RENEWALS_EVERY_MS = 10 * 60_000

/** The part of the core the tray uses (the same dispatch/onEvent main binds to IPC). */
export interface TrayCore {
  dispatch(
    name: string,
    raw: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>
  onEvent(listener: (name: string, payload: unknown) => void): () => void
}

export interface TraySetupOptions {
  core: TrayCore
  /** Show (or re-create) the main window and return it. */
  showWindow(): { webContents: { send(channel: string, payload: unknown): void } }
  /** Really quit: main's quit path (sets the quitting flag, so close-to-tray lets the window go). */
  quit(): void
  notify(n: { title: string; body: string }): void
  app: LoginItemApp
  autostart: AutostartEnv
  iconDir: string
  log?: (msg: string) => void
  now?: () => number
}

export interface TraySetup {
  controller: TrayController
  /** Will the user actually see it? False = keep the window; closing it quits. */
  visible: boolean
  dispose(): void
}

/** Where the tray icons are: `<resources>/tray` when packaged (electron-builder extraResources), `resources/tray` in dev. */
export function trayIconDir(opts: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  return opts.isPackaged ? join(opts.resourcesPath, 'tray') : join(opts.appPath, 'resources', 'tray')
}

type TrayCall = (name: string, args: unknown) => Promise<unknown>

/** A contract call for the tray: the value, or undefined after logging a failure (the tray keeps what it shows). */
function trayCall(core: TrayCore, log: (msg: string) => void): TrayCall {
  return async (name, args) => {
    const r = await core.dispatch(name, args)
    if (!r.ok) {
      log(`tray: ${name} failed: ${r.error.code}`)
      return undefined
    }
    return r.value
  }
}

/** What the tray menu shows besides the credits: the monitor paused, start at login, renewals due. */
function trayReads(o: TraySetupOptions, call: TrayCall) {
  const loginEnabled = () => {
    try {
      return getStartAtLogin({ hidden: true }, o.autostart, o.app)
    } catch {
      return false
    }
  }
  const readSettings = async () => {
    const s = (await call('settings:get', {})) as { monitorPaused?: boolean } | undefined
    return { paused: s?.monitorPaused === true, startAtLogin: loginEnabled() }
  }
  /** Customers due within the notification's days, from the radar (the same count as the daily notification). */
  const readRenewals = async (): Promise<TrayRenewals | null> => {
    const s = (await call('reminders:getSettings', {})) as { days: number } | undefined
    if (!s) return null
    const r = (await call('reminders:radar', { window: 'month', onlyCustomers: true })) as { rows: { expDate: number; customerId: number | null }[] } | undefined
    if (!r) return null
    const until = (o.now?.() ?? Date.now()) + s.days * 86_400_000
    return { days: s.days, customers: new Set(r.rows.filter((x) => x.expDate * 1000 <= until).map((x) => x.customerId)).size }
  }
  return { loginEnabled, readSettings, readRenewals }
}

type TrayReads = ReturnType<typeof trayReads>

/** What the menu's entries do. `update` redraws the tray once a change took (the controller is made with these). */
function menuActions(o: TraySetupOptions, call: TrayCall, reads: TrayReads, update: (patch: Partial<TrayState>) => void): TrayActions {
  const log = o.log ?? (() => {})
  return {
    onOpen: (command) => {
      const win = o.showWindow()
      if (command) win.webContents.send('app:command', { command })
    },
    onRefresh: () => void call('credits:refresh', {}),
    onTogglePause: (paused) =>
      void (async () => {
        // credits:setPaused also saves the setting (create-core), so the pause survives a restart.
        const r = (await call('credits:setPaused', { paused })) as { paused: boolean } | undefined
        if (r) update({ paused: r.paused })
      })(),
    onToggleStartAtLogin: (enabled) =>
      void (async () => {
        try {
          // Always with --hidden: whether that keeps the window hidden is the startHidden setting's call.
          setStartAtLogin(enabled, { hidden: true }, o.autostart, o.app)
        } catch (e) {
          log(`tray: start at login could not be changed: ${String(e)}`)
        }
        await call('settings:set', { startAtLogin: reads.loginEnabled() })
        update({ startAtLogin: reads.loginEnabled() })
      })(),
    onQuit: () => o.quit(),
  }
}

/** Keeps the tray current with the core's events and the clock. Returns the stop. */
function followCore(core: TrayCore, controller: TrayController, reads: TrayReads): () => void {
  const unsubscribe = core.onEvent((name, payload) => {
    if (name !== 'credits:changed') return
    controller.update({ panels: payload as CreditSummary[] })
    // Pausing from the page arrives as a credits:changed too: follow the setting.
    void reads.readSettings().then((s) => controller.update(s))
  })
  // "updated 5 min ago" must not freeze: re-render once a minute (cheap when nothing changed).
  const ticker = setInterval(() => controller.refresh(), 60_000)
  ticker.unref?.()
  // Expiries move with the clock and with every sync: the renewals entry is read again every few minutes.
  const renewalsTicker = setInterval(() => void reads.readRenewals().then((renewals) => controller.update({ renewals })), RENEWALS_EVERY_MS)
  renewalsTicker.unref?.()
  return () => {
    clearInterval(ticker)
    clearInterval(renewalsTicker)
    unsubscribe()
  }
}

export async function setupTray(o: TraySetupOptions): Promise<TraySetup> {
  const log = o.log ?? (() => {})
  const platform = o.autostart.platform
  const call = trayCall(o.core, log)
  const reads = trayReads(o, call)
  const controller: TrayController = new TrayController({
    createTray: (image) => new Tray(image as NativeImage),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    createImage: (path) => {
      const image = nativeImage.createFromPath(path)
      if (platform === 'darwin') image.setTemplateImage(true)
      return image
    },
    notify: o.notify,
    platform,
    iconDir: o.iconDir,
    ...(o.now ? { now: o.now } : {}),
    ...menuActions(o, call, reads, (patch) => controller.update(patch)),
  })

  const panels = ((await call('credits:summary', {})) as CreditSummary[] | undefined) ?? []
  const created = controller.create({ panels, ...(await reads.readSettings()), renewals: await reads.readRenewals() })
  const visible = trayLikelyVisible({ platform, env: o.autostart.env, trayCreated: created })
  if (!visible) log('tray: no tray icon host detected; the window stays open and closing it quits')
  const stopFollowing = followCore(o.core, controller, reads)

  return {
    controller,
    visible,
    dispose: () => {
      stopFollowing()
      controller.destroy()
    },
  }
}
