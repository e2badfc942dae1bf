import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DESKTOP_FILE_NAME,
  desktopEntry,
  getStartAtLogin,
  isDesktopEntryEnabled,
  launchCommand,
  launchedAtLogin,
  linuxAutostartDir,
  quoteExecArg,
  setStartAtLogin,
  type LoginItemApp,
} from '../../../electron/main/autostart'

/** Records login-item settings like Electron keeps them per (path, args). */
function loginApp(): LoginItemApp & {
  set: Parameters<LoginItemApp['setLoginItemSettings']>[0][]
  openedAtLogin: boolean
} {
  const entries = new Map<string, boolean>()
  const key = (o?: { path?: string; args?: string[] }) => `${o?.path ?? ''}|${(o?.args ?? []).join(' ')}`
  const rec = {
    set: [] as Parameters<LoginItemApp['setLoginItemSettings']>[0][],
    openedAtLogin: false,
    setLoginItemSettings(s: Parameters<LoginItemApp['setLoginItemSettings']>[0]) {
      rec.set.push(s)
      entries.set(key(s), s.openAtLogin)
    },
    getLoginItemSettings(o?: { path?: string; args?: string[] }) {
      return { openAtLogin: entries.get(key(o)) ?? false, wasOpenedAtLogin: rec.openedAtLogin }
    },
  }
  return rec
}

describe('desktop entry content', () => {
  it('is a valid autostart entry with Exec, --hidden and the GNOME switch', () => {
    expect(desktopEntry({ exec: '/opt/XM Reseller Desk/xm-reseller-desk', hidden: true })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=XM Reseller Desk',
        'Comment=Watches your panel credits from the tray',
        'Exec="/opt/XM Reseller Desk/xm-reseller-desk" --hidden',
        'Icon=xm-reseller-desk',
        'Terminal=false',
        'StartupNotify=false',
        'Categories=Office;',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
    expect(desktopEntry({ exec: '/usr/bin/xm', hidden: false })).toContain('\nExec=/usr/bin/xm\n')
  })

  it('quotes and escapes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/usr/bin/xm')).toBe('/usr/bin/xm')
    expect(quoteExecArg('/home/a b/x.AppImage')).toBe('"/home/a b/x.AppImage"')
    expect(quoteExecArg('/tmp/$HOME"`\\')).toBe('"/tmp/\\$HOME\\"\\`\\\\"')
    expect(quoteExecArg('/tmp/100%')).toBe('/tmp/100%%')
  })

  it('runs the AppImage file, not the binary inside its mount, when APPIMAGE is set', () => {
    expect(launchCommand({ APPIMAGE: '/home/u/Apps/XM.AppImage' }, '/tmp/.mount_XMabc/xm-reseller-desk')).toBe(
      '/home/u/Apps/XM.AppImage',
    )
    expect(launchCommand({}, '/opt/xm/xm-reseller-desk')).toBe('/opt/xm/xm-reseller-desk')
    expect(launchCommand({ APPIMAGE: '  ' }, '/opt/xm/xm')).toBe('/opt/xm/xm')
  })

  it('lives in $XDG_CONFIG_HOME/autostart, default ~/.config/autostart', () => {
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart')
    expect(linuxAutostartDir({}, '/home/u')).toBe('/home/u/.config/autostart')
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: 'cfg' }, '/home/u')).toBe('/home/u/.config/autostart')
  })

  it('reads an entry the user disabled in their session settings as off', () => {
    const on = desktopEntry({ exec: '/x', hidden: true })
    expect(isDesktopEntryEnabled(on)).toBe(true)
    expect(isDesktopEntryEnabled(on.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'))).toBe(
      false,
    )
    expect(isDesktopEntryEnabled(on + 'Hidden=true\n')).toBe(false)
    expect(isDesktopEntryEnabled('garbage')).toBe(false)
  })
})

describe('setStartAtLogin per platform', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xm-autostart-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('Linux: writes the entry into XDG_CONFIG_HOME/autostart (creating it) and removes it', () => {
    const app = loginApp()
    const env = {
      platform: 'linux',
      env: { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/u/My Apps/XM.AppImage' },
      execPath: '/tmp/.mount/xm',
    }
    const file = join(dir, 'autostart', DESKTOP_FILE_NAME)
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(false)

    setStartAtLogin(true, { hidden: true }, env, app)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('Exec="/home/u/My Apps/XM.AppImage" --hidden\n')
    expect(text).toContain('X-GNOME-Autostart-enabled=true')
    expect(statSync(file).mode & 0o777).toBe(0o644)
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(true)
    expect(app.set).toEqual([]) // Electron's login items are not used on Linux

    setStartAtLogin(true, { hidden: true }, env, app) // idempotent: same bytes
    expect(readFileSync(file, 'utf8')).toBe(text)

    setStartAtLogin(false, { hidden: true }, env, app)
    expect(existsSync(file)).toBe(false)
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(false)
    setStartAtLogin(false, { hidden: true }, env, app) // removing twice is fine
  })

  it('Linux: an explicit autostartDir wins (tests, sandboxes)', () => {
    const app = loginApp()
    setStartAtLogin(
      true,
      { hidden: false },
      { platform: 'linux', env: {}, execPath: '/usr/bin/xm', autostartDir: dir },
      app,
    )
    expect(readFileSync(join(dir, DESKTOP_FILE_NAME), 'utf8')).toContain('Exec=/usr/bin/xm\n')
  })

  it('Linux: a user-disabled entry reads as off', () => {
    const app = loginApp()
    writeFileSync(
      join(dir, DESKTOP_FILE_NAME),
      desktopEntry({ exec: '/x', hidden: true }).replace('enabled=true', 'enabled=false'),
    )
    expect(
      getStartAtLogin({ hidden: true }, { platform: 'linux', env: {}, execPath: '/x', autostartDir: dir }, app),
    ).toBe(false)
  })

  it('Windows: login item with the exe path and --hidden; read back with the same path and args', () => {
    const app = loginApp()
    const env = { platform: 'win32', env: {}, execPath: 'C:\\Program Files\\XM Reseller Desk\\XM Reseller Desk.exe' }
    setStartAtLogin(true, { hidden: true }, env, app)
    expect(app.set).toEqual([{ openAtLogin: true, path: env.execPath, args: ['--hidden'] }])
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(true)
    setStartAtLogin(false, { hidden: true }, env, app)
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(false)
  })

  it('macOS: login item, open as hidden', () => {
    const app = loginApp()
    const env = {
      platform: 'darwin',
      env: {},
      execPath: '/Applications/XM Reseller Desk.app/Contents/MacOS/XM Reseller Desk',
    }
    setStartAtLogin(true, { hidden: true }, env, app)
    expect(app.set).toEqual([{ openAtLogin: true, openAsHidden: true }])
    expect(getStartAtLogin({ hidden: true }, env, app)).toBe(true)
  })

  it('knows it was started by the login entry', () => {
    const app = loginApp()
    expect(launchedAtLogin(['/x', '--hidden'], 'linux', app)).toBe(true)
    expect(launchedAtLogin(['/x'], 'linux', app)).toBe(false)
    expect(launchedAtLogin(['/x'], 'darwin', app)).toBe(false)
    app.openedAtLogin = true // macOS 13+ passes no arguments to login items
    expect(launchedAtLogin(['/x'], 'darwin', app)).toBe(true)
  })
})
