/**
 * The tray glue against the fake 'electron' module (Tray, Menu, nativeImage,
 * Notification) and a small contract-shaped core.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app, Menu, Notification, resetElectronFake, Tray } from '../../fakes/electron'
import type { CreditSummary } from '../../../electron/shared/views'
import { setupTray, trayIconDir, type TrayCore, type TraySetup } from '../../../electron/main/tray-electron'
import { APP_USER_MODEL_ID, createNotifier, setWindowsAppId } from '../../../electron/main/notifications'
import { DESKTOP_FILE_NAME } from '../../../electron/main/autostart'

const fake = { Tray, Notification }
const NOW = Date.UTC(2026, 2, 1, 12, 0, 0)

function summary(name: string, state: CreditSummary['state'], credits: number | null): CreditSummary {
  return {
    profileId: name,
    name,
    color: '#000000',
    credits,
    updatedAt: NOW - 60_000,
    state,
    burnPerDay: null,
    forecastDays: null,
    sparkline: [],
  }
}

/** The radar's rows the fake core answers: who expires when (customerId null: nobody's). */
type RadarFakeRow = { expDate: number; customerId: number | null }

/** Answers the methods the tray uses, and records every call. */
function contractCore(panels: CreditSummary[], radar: RadarFakeRow[] = []) {
  const calls: [string, unknown][] = []
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const settings = {
    closeToTray: true,
    startHidden: false,
    startAtLogin: false,
    monitorPaused: false,
    offlineAlertMinutes: 15,
    theme: 'system' as const,
    language: 'system' as const,
  }
  const core: TrayCore & { emit(name: string, p: unknown): void } = {
    async dispatch(name, raw) {
      calls.push([name, raw])
      const args = raw as Record<string, unknown>
      switch (name) {
        case 'credits:summary':
          return { ok: true, value: panels }
        case 'settings:get':
          return { ok: true, value: { ...settings } }
        case 'settings:set':
          Object.assign(settings, args)
          return { ok: true, value: { ...settings } }
        case 'credits:setPaused':
          settings.monitorPaused = args.paused as boolean
          return { ok: true, value: { paused: settings.monitorPaused } }
        case 'credits:refresh':
          return { ok: true, value: { done: true } }
        case 'reminders:getSettings':
          return { ok: true, value: { notify: true, days: 3, hour: 9 } }
        case 'reminders:radar':
          // Asked with onlyCustomers: rows without a customer never come back from the real core.
          return { ok: true, value: { rows: radar.filter((r) => r.customerId !== null), counts: {}, total: radar.length, currency: 'EUR' } }
        default:
          return { ok: false, error: { code: 'INTERNAL', message: 'not in this fake' } }
      }
    },
    onEvent(l) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    emit(name, p) {
      for (const l of listeners) l(name, p)
    },
  }
  return { core, calls, settings, listeners }
}

/** Wait for state, never a fixed sleep: yields to queued promise callbacks until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise<void>((r) => setImmediate(r))
  expect(cond()).toBe(true)
}

describe('setupTray with Electron (fake)', () => {
  let dir: string
  let setup: TraySetup | null = null
  beforeEach(() => {
    resetElectronFake()
    dir = mkdtempSync(join(tmpdir(), 'xm-tray-'))
  })
  afterEach(() => {
    setup?.dispose()
    setup = null
    rmSync(dir, { recursive: true, force: true })
  })

  async function start(platform: string, panels: CreditSummary[], env: Record<string, string> = {}, radar: RadarFakeRow[] = []) {
    const c = contractCore(panels, radar)
    const sent: [string, unknown][] = []
    let shown = 0
    let quits = 0
    setup = await setupTray({
      core: c.core,
      showWindow: () => {
        shown++
        return { webContents: { send: (ch: string, p: unknown) => void sent.push([ch, p]) } }
      },
      quit: () => void quits++,
      notify: () => {},
      app: app as never,
      autostart: { platform, env, execPath: '/opt/xm/xm-reseller-desk', autostartDir: dir },
      iconDir: '/res/tray',
      now: () => NOW,
    })
    const tray = fake.Tray.instances.at(-1)!
    return { c, tray, sent, shown: () => shown, quits: () => quits }
  }

  it('shows the worst state, the panels and the settings from the core', async () => {
    const { tray } = await start('linux', [summary('Main', 'ok', 900), summary('Backup', 'critical', 4)], {
      XDG_CURRENT_DESKTOP: 'KDE',
    })
    expect(tray.image.path).toBe('/res/tray/tray-critical-24.png')
    expect(tray.tooltip).toBe('XM Reseller Desk\nMain: 900 credits\nBackup: 4 credits')
    // The whole menu spelled out, as in tray.test.ts: each scenario shows the user a menu of its own.
    expect((tray.menu as Menu).labels).toEqual([
      'Main — 900 credits · updated 1 min ago',
      'Backup — 4 credits (critical) · updated 1 min ago',
      '---',
      'Renewals — nobody expires in the next 3 days',
      '---',
      'Refresh now',
      'Open workstation',
      '---',
      'Pause monitoring',
      'Start at login',
      '---',
      'Quit',
    ])
    expect(setup!.visible).toBe(true)
  })

  it('macOS images are marked as template images', async () => {
    const { tray } = await start('darwin', [summary('Main', 'low', 30)])
    expect(tray.image.path).toBe('/res/tray/tray-lowTemplate.png')
    expect(tray.image.isTemplateImage()).toBe(true)
  })

  it('follows credits:changed, setting the image only when the worst state changes', async () => {
    const { c, tray } = await start('win32', [summary('Main', 'ok', 900)])
    const images = tray.calls.setImage
    c.core.emit('credits:changed', [summary('Main', 'ok', 880)])
    expect(tray.calls.setImage).toBe(images)
    expect(tray.tooltip).toContain('Main: 880 credits')
    c.core.emit('credits:changed', [summary('Main', 'offline', 880)])
    expect(tray.calls.setImage).toBe(images + 1)
    expect(tray.image.path).toBe('/res/tray/tray-offline.ico')
    c.core.emit('sync:progress', { whatever: true }) // other events are ignored
    expect(tray.calls.setImage).toBe(images + 1)
  })

  it("the renewals entry counts customers due within the notification's days and opens the radar", async () => {
    const day = 86_400
    const sec = NOW / 1000
    const t = await start('linux', [summary('Main', 'ok', 900)], { XDG_CURRENT_DESKTOP: 'KDE' }, [
      { expDate: sec + day, customerId: 1 },
      { expDate: sec + 2 * day, customerId: 1 }, // the same customer's second line counts once
      { expDate: sec + 2 * day, customerId: 2 },
      { expDate: sec + 2 * day, customerId: null }, // nobody's
      { expDate: sec + 20 * day, customerId: 3 }, // later than 3 days
    ])
    const menu = () => t.tray.menu as Menu
    expect(menu().labels).toContain('Renewals — 2 customers expire in the next 3 days')
    menu().__click('Renewals — 2 customers expire in the next 3 days')
    expect(t.sent).toEqual([['app:command', { command: 'open-radar' }]])
  })

  it('menu actions reach the core, the window and the quit path', async () => {
    const t = await start('linux', [summary('Main', 'ok', 900)], { XDG_CURRENT_DESKTOP: 'KDE' })
    const menu = () => t.tray.menu as Menu
    menu().__click('Refresh now')
    menu().__click('Open workstation')
    menu().__click('Main — 900 credits · updated 1 min ago')
    expect(t.shown()).toBe(2)
    expect(t.sent).toEqual([['app:command', { command: 'open-credits' }]])

    menu().__click('Pause monitoring')
    await until(() => menu().items.find((i) => i.label === 'Pause monitoring')!.checked === true)
    expect(t.c.settings.monitorPaused).toBe(true)

    menu().__click('Start at login')
    await until(() => menu().items.find((i) => i.label === 'Start at login')!.checked === true)
    expect(readFileSync(join(dir, DESKTOP_FILE_NAME), 'utf8')).toContain('Exec=/opt/xm/xm-reseller-desk --hidden')
    expect(t.c.settings.startAtLogin).toBe(true)
    menu().__click('Start at login')
    await until(() => menu().items.find((i) => i.label === 'Start at login')!.checked === false)
    expect(existsSync(join(dir, DESKTOP_FILE_NAME))).toBe(false)

    menu().__click('Quit')
    expect(t.quits()).toBe(1)
    expect(t.c.calls.map(([n]) => n)).toContain('credits:refresh')
  })

  it('pausing from the page is reflected in the checkbox', async () => {
    const t = await start('linux', [summary('Main', 'ok', 900)])
    t.c.settings.monitorPaused = true
    t.c.core.emit('credits:changed', [summary('Main', 'ok', 900)])
    await until(() => (t.tray.menu as Menu).items.find((i) => i.label === 'Pause monitoring')!.checked === true)
  })

  it('plain GNOME without the AppIndicator extension counts as no tray', async () => {
    await start('linux', [], {
      XDG_CURRENT_DESKTOP: 'GNOME',
      XDG_DATA_HOME: join(dir, 'nothing'),
      XDG_DATA_DIRS: join(dir, 'none'),
    })
    expect(setup!.visible).toBe(false)
  })

  it('a tray Electron refuses: not visible, nothing thrown', async () => {
    fake.Tray.failNext = true
    const c = contractCore([])
    setup = await setupTray({
      core: c.core,
      showWindow: () => ({ webContents: { send() {} } }),
      quit() {},
      notify() {},
      app: app as never,
      autostart: { platform: 'win32', env: {}, execPath: 'C:\\xm.exe' },
      iconDir: '/res/tray',
    })
    expect(setup.visible).toBe(false)
    expect(setup.controller.available).toBe(false)
  })

  it('dispose removes the icon and stops listening', async () => {
    const t = await start('linux', [])
    setup!.dispose()
    setup = null
    expect(t.tray.destroyed).toBe(true)
    expect(t.c.listeners.size).toBe(0)
  })

  it('finds the icons in resources/tray (dev) or <resources>/tray (packaged)', () => {
    expect(trayIconDir({ isPackaged: true, resourcesPath: '/opt/xm/resources', appPath: '/x' })).toBe(
      '/opt/xm/resources/tray',
    )
    expect(trayIconDir({ isPackaged: false, resourcesPath: '/x', appPath: '/src/app' })).toBe('/src/app/resources/tray')
  })
})

describe('notifications', () => {
  beforeEach(() => resetElectronFake())

  it('shows a notification and reports a click with its notice', () => {
    const clicked: unknown[] = []
    const notify = createNotifier({ icon: '/res/icon.png', onClick: (n) => clicked.push(n) })
    expect(notify({ title: 'Main: credits running low', body: '45 credits left', profileId: 'p1' })).toBe(true)
    const shown = fake.Notification.shown
    expect(shown).toHaveLength(1)
    expect(shown[0]!.options).toEqual({
      title: 'Main: credits running low',
      body: '45 credits left',
      icon: '/res/icon.png',
    })
    shown[0]!.emit('click')
    expect(clicked).toEqual([{ title: 'Main: credits running low', body: '45 credits left', profileId: 'p1' }])
  })

  it('shows nothing (and says so) where notifications are unsupported', () => {
    fake.Notification.supported = false
    expect(createNotifier()({ title: 't', body: 'b' })).toBe(false)
    expect(fake.Notification.shown).toHaveLength(0)
  })

  it('sets the AppUserModelID on Windows only', () => {
    const ids: string[] = []
    setWindowsAppId({ setAppUserModelId: (id) => void ids.push(id) }, 'win32')
    setWindowsAppId({ setAppUserModelId: (id) => void ids.push(id) }, 'linux')
    expect(ids).toEqual([APP_USER_MODEL_ID])
    const builder = JSON.parse(readFileSync(new URL('../../../electron-builder.json', import.meta.url), 'utf8')) as {
      appId: string
    }
    expect(APP_USER_MODEL_ID).toBe(builder.appId)
  })
})
