/**
 * The tray on top of the REAL core (createCore: profiles, keychain (memory),
 * SQLite cache, credit monitor, spending) talking to the real simulator over
 * HTTP. Electron itself is the fake module (it cannot run here). A sale made
 * through the page's contract method must reach the tray icon and raise one
 * notification; the tray's Pause must reach the saved settings.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app, type Menu, resetElectronFake, Tray } from '../../fakes/electron'
import { setupTray, type TraySetup } from '../../../electron/main/tray-electron'
import type { CreditSummary } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, waitFor, type TestCore } from '../core/helpers'

const ICONS = new URL('../../../resources/tray', import.meta.url).pathname

describe('tray + real core + simulator', () => {
  let sim: RunningSimulator
  let t: TestCore
  let tray: TraySetup | null = null
  let dir: string
  const notes: { title: string; body: string }[] = []

  beforeEach(async () => {
    resetElectronFake()
    notes.length = 0
    dir = mkdtempSync(join(tmpdir(), 'xm-tray-core-'))
    sim = await startSimulator({
      seed: 3,
      lines: 10,
      mags: 1,
      enigmas: 1,
      activecodes: 1,
      subResellers: 1,
      credits: 60,
    })
    t = await makeCore({ notify: (n) => void notes.push(n) })
  })
  afterEach(async () => {
    tray?.dispose()
    tray = null
    await t.close()
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a sale through the page turns the tray amber, once, and Pause is saved', async () => {
    const p = await addSimPanel(t, sim, 'Main')
    await t.core.start()
    await waitFor('first balance', () =>
      t.events.some((e) => e.name === 'credits:changed' && (e.payload as CreditSummary[])[0]?.credits === 60),
    )

    tray = await setupTray({
      core: t.core,
      showWindow: () => ({ webContents: { send() {} } }),
      quit() {},
      notify: (n) => void notes.push(n),
      app: app as never,
      autostart: {
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'KDE' },
        execPath: '/opt/xm/xm-reseller-desk',
        autostartDir: dir,
      },
      iconDir: ICONS,
    })
    const icon = Tray.instances.at(-1)!
    expect(icon.image.path).toBe(join(ICONS, 'tray-ok-24.png'))
    expect(existsSync(icon.image.path)).toBe(true)
    expect(icon.tooltip).toBe('XM Reseller Desk\nMain: 60 credits')
    expect(tray.visible).toBe(true)

    // Two 5-credit sales: 60 → 50, the warning level.
    for (const username of ['traysale01', 'traysale02']) {
      const r = await t.raw('lines:create', {
        profileId: p.id,
        packageId: 1,
        trial: false,
        username,
        password: `${username}pw`,
      })
      expect(r.ok).toBe(true)
    }
    await waitFor('the tray to turn low', () => icon.image.path.endsWith('tray-low-24.png'))
    expect(icon.tooltip).toBe('XM Reseller Desk\nMain: 50 credits')
    expect((icon.menu as Menu).labels[0]).toMatch(/^Main — 50 credits \(low\) · updated /)
    expect(notes.filter((n) => n.title === 'Main: credits running low')).toHaveLength(1)

    ;(icon.menu as Menu).__click('Pause monitoring')
    await waitFor(
      'the pause checkbox',
      () => (icon.menu as Menu).items.find((i) => i.label === 'Pause monitoring')?.checked === true,
    )
    expect(await t.call('settings:get')).toMatchObject({ monitorPaused: true })
    expect(t.core.monitor.paused).toBe(true)

    // A third sale while paused: the balance is not read, the tray keeps the last one.
    await t.raw('lines:create', {
      profileId: p.id,
      packageId: 1,
      trial: false,
      username: 'traysale03',
      password: 'traysale03pw',
    })
    await t.call('credits:refresh', { profileId: p.id }) // an explicit refresh still reads
    await waitFor(
      'the explicit refresh',
      () => icon.tooltip === 'XM Reseller Desk (monitoring paused)\nMain: 45 credits',
    )
    expect(notes.filter((n) => n.title.startsWith('Main:'))).toHaveLength(1)
  })
})
