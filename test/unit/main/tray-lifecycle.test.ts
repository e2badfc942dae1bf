import { describe, expect, it } from 'vitest'
import {
  createCloseToTray,
  decideClose,
  hasAppIndicatorExtension,
  shouldStartHidden,
  trayLikelyVisible,
} from '../../../electron/main/tray-lifecycle'

describe('decideClose (decision table)', () => {
  it.each([
    // quitting, closeToTray, trayAvailable → action
    [false, true, true, 'hide'],
    [false, true, false, 'close'], // no tray: hiding would strand the user
    [false, false, true, 'close'],
    [false, false, false, 'close'],
    [true, true, true, 'close'], // "Quit" really quits
    [true, false, true, 'close'],
    [true, true, false, 'close'],
  ] as const)('quitting=%s closeToTray=%s tray=%s → %s', (quitting, closeToTray, trayAvailable, action) => {
    expect(decideClose({ quitting, closeToTray, trayAvailable })).toBe(action)
  })
})

describe('createCloseToTray', () => {
  function harness(over: { closeToTray?: boolean; tray?: boolean } = {}) {
    let hints = 0
    const onClose = createCloseToTray({
      closeToTray: () => over.closeToTray ?? true,
      trayAvailable: () => over.tray ?? true,
      onFirstHide: () => hints++,
    })
    const win = {
      hidden: 0,
      hide() {
        this.hidden++
      },
    }
    const close = (quitting = false) => {
      const ev = {
        prevented: false,
        preventDefault() {
          this.prevented = true
        },
      }
      const action = onClose(ev, win, quitting)
      return { action, prevented: ev.prevented }
    }
    return { close, win, hints: () => hints }
  }

  it('hides instead of closing, and says so once', () => {
    const h = harness()
    expect(h.close()).toEqual({ action: 'hide', prevented: true })
    expect(h.close()).toEqual({ action: 'hide', prevented: true })
    expect(h.win.hidden).toBe(2)
    expect(h.hints()).toBe(1)
  })

  it('lets the window close while quitting', () => {
    const h = harness()
    expect(h.close(true)).toEqual({ action: 'close', prevented: false })
    expect(h.win.hidden).toBe(0)
    expect(h.hints()).toBe(0)
  })

  it('without a tray the window closes (and the app quits as usual)', () => {
    const h = harness({ tray: false })
    expect(h.close()).toEqual({ action: 'close', prevented: false })
  })
})

describe('tray visibility on Linux', () => {
  const none = () => false
  it('trusts Windows and macOS once created; never a tray that failed', () => {
    expect(trayLikelyVisible({ platform: 'win32', env: {}, trayCreated: true })).toBe(true)
    expect(trayLikelyVisible({ platform: 'darwin', env: {}, trayCreated: true })).toBe(true)
    expect(trayLikelyVisible({ platform: 'win32', env: {}, trayCreated: false })).toBe(false)
  })

  it('KDE, Xfce, Cinnamon, MATE… host StatusNotifier items', () => {
    for (const d of ['KDE', 'XFCE', 'X-Cinnamon', 'MATE', 'LXQt', 'Budgie']) {
      expect(
        trayLikelyVisible({
          platform: 'linux',
          env: { XDG_CURRENT_DESKTOP: d },
          trayCreated: true,
          appIndicator: none,
        }),
      ).toBe(true)
    }
  })

  // One case per desktop string, alike on purpose: each is a way GNOME names itself.
  it('GNOME needs the AppIndicator extension', () => {
    expect(
      trayLikelyVisible({
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'GNOME' },
        trayCreated: true,
        appIndicator: none,
      }),
    ).toBe(false)
    expect(
      trayLikelyVisible({
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' },
        trayCreated: true,
        appIndicator: none,
      }),
    ).toBe(false)
    expect(
      trayLikelyVisible({
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'GNOME' },
        trayCreated: true,
        appIndicator: () => true,
      }),
    ).toBe(true)
    expect(
      trayLikelyVisible({
        platform: 'linux',
        env: { XDG_CURRENT_DESKTOP: 'GNOME', XM_FORCE_TRAY: '1' },
        trayCreated: true,
        appIndicator: none,
      }),
    ).toBe(true)
  })

  it('finds the AppIndicator extension in the user and system extension folders', () => {
    const seen: string[] = []
    const exists = (p: string) => {
      seen.push(p)
      return p === '/usr/share/gnome-shell/extensions/ubuntu-appindicators@ubuntu.com'
    }
    expect(hasAppIndicatorExtension({}, '/home/u', exists)).toBe(true)
    expect(seen).toContain('/home/u/.local/share/gnome-shell/extensions/appindicatorsupport@rgcjonas.gmail.com')
    expect(hasAppIndicatorExtension({ XDG_DATA_DIRS: '/opt/share' }, '/home/u', exists)).toBe(false)
  })
})

describe('shouldStartHidden', () => {
  it.each([
    [true, true, true, true],
    [true, true, false, false], // no tray: always show the window
    [true, false, true, false], // started by hand: show it
    [false, true, true, false],
  ] as const)('setting=%s atLogin=%s tray=%s → %s', (startHidden, launchedAtLogin, trayAvailable, hidden) => {
    expect(shouldStartHidden({ startHidden, launchedAtLogin, trayAvailable })).toBe(hidden)
  })
})
