import { beforeEach, describe, expect, it } from 'vitest'
import type { CreditSummary } from '../../../electron/shared/views'
import { STILL_RUNNING, TrayController, type TrayDeps } from '../../../electron/main/tray'
import {
  menuTemplate,
  panelLabel,
  tooltip,
  trayIconPath,
  worstState,
  type TrayState,
} from '../../../electron/main/tray-menu'

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0)
const MIN = 60_000

function panel(over: Partial<CreditSummary> & Pick<CreditSummary, 'name' | 'state'>): CreditSummary {
  return {
    profileId: over.name.toLowerCase(),
    color: '#2080f0',
    credits: 120,
    updatedAt: NOW - 5 * MIN,
    burnPerDay: null,
    forecastDays: null,
    sparkline: [],
    ...over,
  }
}
const state = (panels: CreditSummary[], over: Partial<TrayState> = {}): TrayState => ({
  panels,
  paused: false,
  startAtLogin: false,
  ...over,
})

/** Hand-made Electron stand-ins that record every call. */
class RecTray {
  image: string
  tooltip = ''
  menu: { items: ReturnType<typeof menuTemplate> } | null = null
  calls = { setImage: 0, setToolTip: 0, setContextMenu: 0 }
  listeners = new Map<string, () => void>()
  destroyed = false
  constructor(image: string) {
    this.image = image
  }
  setImage(i: string) {
    this.calls.setImage++
    this.image = i
  }
  setToolTip(t: string) {
    this.calls.setToolTip++
    this.tooltip = t
  }
  setContextMenu(m: RecTray['menu']) {
    this.calls.setContextMenu++
    this.menu = m
  }
  on(ev: string, cb: () => void) {
    this.listeners.set(ev, cb)
  }
  destroy() {
    this.destroyed = true
  }
}

function setup(platform: NodeJS.Platform = 'linux', failCreate = false) {
  const log: string[] = []
  const notes: { title: string; body: string }[] = []
  let tray: RecTray | null = null
  const deps: TrayDeps<string, RecTray['menu']> = {
    createTray: (image) => {
      if (failCreate) throw new Error('no tray here')
      tray = new RecTray(image)
      return tray
    },
    buildMenu: (items) => ({ items }),
    createImage: (path) => path,
    notify: (n) => notes.push(n),
    platform,
    iconDir: '/icons',
    now: () => NOW,
    onOpen: (c) => log.push(`open${c ? ':' + c : ''}`),
    onRefresh: () => log.push('refresh'),
    onTogglePause: (p) => log.push(`pause:${p}`),
    onToggleStartAtLogin: (e) => log.push(`login:${e}`),
    onQuit: () => log.push('quit'),
  }
  const ctl = new TrayController(deps)
  return {
    ctl,
    log,
    notes,
    tray: () => tray!,
    click: (label: string) => tray!.menu!.items.find((i) => i.label === label)!.click!(),
  }
}

describe('worstState → icon', () => {
  it.each([
    [['ok', 'ok'], 'ok'],
    [['ok', 'unknown'], 'ok'],
    [['unknown'], 'ok'],
    [[], 'ok'],
    [['ok', 'offline'], 'offline'],
    [['offline', 'low'], 'low'],
    [['low', 'critical', 'offline'], 'critical'],
  ] as const)('%j → %s', (states, icon) => {
    expect(worstState(states.map((s, i) => panel({ name: `P${i}`, state: s })))).toBe(icon)
  })

  it('macOS uses template images, Windows .ico, Linux 24 px PNGs', () => {
    expect(trayIconPath('low', 'darwin', '/r/tray')).toBe('/r/tray/tray-lowTemplate.png')
    expect(trayIconPath('critical', 'win32', '/r/tray')).toBe('/r/tray/tray-critical.ico')
    expect(trayIconPath('offline', 'linux', '/r/tray')).toBe('/r/tray/tray-offline-24.png')
  })
})

describe('labels and tooltip', () => {
  it('lists each panel with credits and age, or offline', () => {
    expect(panelLabel(panel({ name: 'Main', state: 'ok', credits: 1234 }), NOW)).toBe(
      'Main — 1,234 credits · updated 5 min ago',
    )
    expect(panelLabel(panel({ name: 'Main', state: 'critical', credits: 8, updatedAt: NOW - 3 * 60 * MIN }), NOW)).toBe(
      'Main — 8 credits (critical) · updated 3 h ago',
    )
    expect(panelLabel(panel({ name: 'Main', state: 'low', credits: 1, updatedAt: NOW }), NOW)).toBe(
      'Main — 1 credit (low) · updated just now',
    )
    expect(panelLabel(panel({ name: 'Backup', state: 'offline' }), NOW)).toBe('Backup — offline')
    expect(panelLabel(panel({ name: 'New', state: 'unknown', credits: null, updatedAt: null }), NOW)).toBe(
      'New — not checked yet',
    )
  })

  it('tooltip names every panel and its credits; Windows keeps it under 128 characters', () => {
    const s = state([panel({ name: 'Main', state: 'ok', credits: 500 }), panel({ name: 'Backup', state: 'offline' })])
    expect(tooltip(s, 'linux')).toBe('XM Reseller Desk\nMain: 500 credits\nBackup: offline')
    expect(tooltip({ ...s, paused: true }, 'linux').split('\n')[0]).toBe('XM Reseller Desk (monitoring paused)')
    const many = state(
      Array.from({ length: 12 }, (_, i) => panel({ name: `Panel number ${i}`, state: 'ok', credits: 100_000 + i })),
    )
    const win = tooltip(many, 'win32')
    expect(win.length).toBeLessThanOrEqual(127)
    expect(win.endsWith('…')).toBe(true)
    expect(tooltip(many, 'linux')).toContain('and 4 more')
  })

  it('menu: panels, separator, Renewals, Refresh now, Open workstation, Pause monitoring, Start at login, Quit', () => {
    const items = menuTemplate(
      state([panel({ name: 'Main', state: 'ok' })], { paused: true, startAtLogin: false }),
      NOW,
      {
        onOpen() {},
        onRefresh() {},
        onTogglePause() {},
        onToggleStartAtLogin() {},
        onQuit() {},
      },
    )
    // The whole menu spelled out, as in tray-electron.test.ts: each scenario shows the user a menu of its own.
    expect(items.map((i) => (i.type === 'separator' ? '---' : i.label))).toEqual([
      'Main — 120 credits · updated 5 min ago',
      '---',
      'Renewals…',
      '---',
      'Refresh now',
      'Open workstation',
      '---',
      'Pause monitoring',
      'Start at login',
      '---',
      'Quit',
    ])
    expect(items.find((i) => i.label === 'Pause monitoring')).toMatchObject({ type: 'checkbox', checked: true })
    expect(items.find((i) => i.label === 'Start at login')).toMatchObject({ type: 'checkbox', checked: false })
  })

  it('the renewals entry says how many customers are due and opens the radar', () => {
    const opened: (string | undefined)[] = []
    const actions = { onOpen: (c?: string) => void opened.push(c), onRefresh() {}, onTogglePause() {}, onToggleStartAtLogin() {}, onQuit() {} }
    const label = (customers: number) => menuTemplate({ ...state([]), renewals: { customers, days: 3 } }, NOW, actions).find((i) => i.label?.startsWith('Renewals'))!
    expect(label(0).label).toBe('Renewals — nobody expires in the next 3 days')
    expect(label(1).label).toBe('Renewals — 1 customer expires in the next 3 days')
    expect(label(12).label).toBe('Renewals — 12 customers expire in the next 3 days')
    label(12).click!()
    expect(opened).toEqual(['open-radar'])
  })

  it('an empty monitor says so instead of showing nothing', () => {
    const items = menuTemplate(state([]), NOW, {
      onOpen() {},
      onRefresh() {},
      onTogglePause() {},
      onToggleStartAtLogin() {},
      onQuit() {},
    })
    expect(items[0]).toEqual({ label: 'No panels monitored yet', enabled: false })
  })
})

describe('TrayController', () => {
  let t: ReturnType<typeof setup>
  beforeEach(() => {
    t = setup()
  })

  it('creates the tray with the worst state icon, tooltip and menu', () => {
    expect(
      t.ctl.create(state([panel({ name: 'A', state: 'ok' }), panel({ name: 'B', state: 'low', credits: 20 })])),
    ).toBe(true)
    expect(t.ctl.available).toBe(true)
    expect(t.tray().image).toBe('/icons/tray-low-24.png')
    expect(t.tray().tooltip).toBe('XM Reseller Desk\nA: 120 credits\nB: 20 credits')
    expect(t.tray().menu!.items[1]!.label).toBe('B — 20 credits (low) · updated 5 min ago')
  })

  it('renders idempotently: the same state touches nothing; only what changed is set', () => {
    const s = state([panel({ name: 'A', state: 'ok' })])
    t.ctl.create(s)
    const calls = { ...t.tray().calls }
    t.ctl.render(s)
    t.ctl.render(state([panel({ name: 'A', state: 'ok' })]))
    expect(t.tray().calls).toEqual(calls)

    // Credits change, state does not: tooltip and menu yes, image no.
    t.ctl.render(state([panel({ name: 'A', state: 'ok', credits: 119 })]))
    expect(t.tray().calls).toEqual({
      setImage: calls.setImage,
      setToolTip: calls.setToolTip + 1,
      setContextMenu: calls.setContextMenu + 1,
    })

    // State changes: the image follows.
    t.ctl.render(state([panel({ name: 'A', state: 'critical', credits: 3 })]))
    expect(t.tray().calls.setImage).toBe(calls.setImage + 1)
    expect(t.tray().image).toBe('/icons/tray-critical-24.png')

    // Pausing changes the checkbox and the tooltip, not the image.
    const before = { ...t.tray().calls }
    t.ctl.update({ paused: true })
    expect(t.tray().calls.setImage).toBe(before.setImage)
    expect(t.tray().calls.setContextMenu).toBe(before.setContextMenu + 1)
    expect(t.tray().menu!.items.find((i) => i.label === 'Pause monitoring')!.checked).toBe(true)
  })

  it('menu actions call the callbacks with the toggled values', () => {
    t.ctl.create(state([panel({ name: 'A', state: 'ok' })], { paused: false, startAtLogin: true }))
    t.click('Refresh now')
    t.click('Open workstation')
    t.click('A — 120 credits · updated 5 min ago')
    t.click('Pause monitoring')
    t.click('Start at login')
    t.click('Quit')
    expect(t.log).toEqual(['refresh', 'open', 'open:open-credits', 'pause:true', 'login:false', 'quit'])
  })

  it('a click on the icon opens the window on Windows only', () => {
    const win = setup('win32')
    win.ctl.create(state([]))
    expect(win.tray().image).toBe('/icons/tray-ok.ico')
    win.tray().listeners.get('click')!()
    expect(win.log).toEqual(['open'])
    t.ctl.create(state([]))
    expect(t.tray().listeners.size).toBe(0)
  })

  it('macOS gets template images', () => {
    const mac = setup('darwin')
    mac.ctl.create(state([panel({ name: 'A', state: 'offline' })]))
    expect(mac.tray().image).toBe('/icons/tray-offlineTemplate.png')
  })

  it('a tray the desktop refuses reports unavailable, and render is then a no-op', () => {
    const broken = setup('linux', true)
    expect(broken.ctl.create(state([]))).toBe(false)
    expect(broken.ctl.available).toBe(false)
    expect(() => broken.ctl.render(state([panel({ name: 'A', state: 'low' })]))).not.toThrow()
  })

  it('"still running in the tray" is told once per run', () => {
    t.ctl.create(state([]))
    t.ctl.hintStillRunning()
    t.ctl.hintStillRunning()
    expect(t.notes).toEqual([{ ...STILL_RUNNING }])
  })

  it('refresh() re-renders the age text as the clock moves', () => {
    let now = NOW
    const moving = new TrayController({ ...setupDeps(() => now) })
    moving.create(state([panel({ name: 'A', state: 'ok', updatedAt: NOW })]))
    now += 7 * MIN
    moving.refresh()
    expect(lastTray!.menu!.items[0]!.label).toBe('A — 120 credits · updated 7 min ago')
  })

  it('destroy removes the icon', () => {
    t.ctl.create(state([]))
    t.ctl.destroy()
    expect(t.tray().destroyed).toBe(true)
    expect(t.ctl.available).toBe(false)
  })
})

let lastTray: RecTray | null = null
function setupDeps(now: () => number): TrayDeps<string, RecTray['menu']> {
  return {
    createTray: (image) => (lastTray = new RecTray(image)),
    buildMenu: (items) => ({ items }),
    createImage: (p) => p,
    notify: () => {},
    platform: 'linux',
    iconDir: '/icons',
    now,
    onOpen() {},
    onRefresh() {},
    onTogglePause() {},
    onToggleStartAtLogin() {},
    onQuit() {},
  }
}
