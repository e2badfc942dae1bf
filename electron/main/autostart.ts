/**
 * "Start at login".
 *
 * - macOS and Windows: Electron's login items (`app.setLoginItemSettings`).
 *   Windows gets `--hidden` as an argument; macOS 13+ ignores arguments and
 *   `openAsHidden`, so there the app asks `wasOpenedAtLogin` instead.
 * - Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/xm-reseller-desk.desktop`
 *   (default ~/.config/autostart), honoured by GNOME, KDE, Xfce, Cinnamon, MATE,
 *   LXQt. For an AppImage the entry must run the .AppImage file (`$APPIMAGE`),
 *   not the binary inside its temporary mount, which is gone after a reboot.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export const HIDDEN_ARG = '--hidden'
export const DESKTOP_FILE_NAME = 'xm-reseller-desk.desktop'
/** electron-builder installs the icon under the executable's name (electron-builder.json linux.executableName). */
const ICON_NAME = 'xm-reseller-desk'

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; path?: string; args?: string[] }): void
  getLoginItemSettings(options?: { path?: string; args?: string[] }): {
    openAtLogin: boolean
    wasOpenedAtLogin?: boolean
  }
}

export interface AutostartEnv {
  platform: NodeJS.Platform | string
  env: Record<string, string | undefined>
  /** process.execPath: the app binary when packaged. */
  execPath: string
  /** Folder for the Linux entry; default from XDG_CONFIG_HOME / home. Tests pass a temp dir. */
  autostartDir?: string
  home?: string
}

export function linuxAutostartDir(env: Record<string, string | undefined>, home = homedir()): string {
  const config =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(config, 'autostart')
}

/** What the login entry runs: the AppImage file when running from one, else the app binary. */
export function launchCommand(env: Record<string, string | undefined>, execPath: string): string {
  return env.APPIMAGE && env.APPIMAGE.trim() !== '' ? env.APPIMAGE : execPath
}

/**
 * Quote one Exec argument per the Desktop Entry spec: arguments with spaces or
 * reserved characters go in double quotes, and inside them `"`, `` ` ``, `$`
 * and `\` are backslash-escaped; `%` is a field code, so a literal one is `%%`.
 */
export function quoteExecArg(arg: string): string {
  const escapedPercent = arg.replace(/%/g, '%%')
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escapedPercent)) return escapedPercent
  return `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`
}

/** The autostart .desktop file. Deterministic: same input, same bytes. */
export function desktopEntry(opts: { exec: string; hidden: boolean; name?: string }): string {
  const exec = [quoteExecArg(opts.exec), ...(opts.hidden ? [HIDDEN_ARG] : [])].join(' ')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${opts.name ?? 'XM Reseller Desk'}`,
    'Comment=Watches your panel credits from the tray',
    `Exec=${exec}`,
    `Icon=${ICON_NAME}`,
    'Terminal=false',
    'StartupNotify=false',
    'Categories=Office;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Is a Linux entry there and switched on? (A user may have disabled it in their session settings.) */
export function isDesktopEntryEnabled(text: string): boolean {
  if (!/^\[Desktop Entry\]/m.test(text)) return false
  if (/^Hidden\s*=\s*true\s*$/im.test(text)) return false
  return !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text)
}

function desktopFile(e: AutostartEnv): string {
  return join(e.autostartDir ?? linuxAutostartDir(e.env, e.home), DESKTOP_FILE_NAME)
}

export function writeLinuxAutostart(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${process.pid}`
  writeFileSync(tmp, content, { mode: 0o644 })
  renameSync(tmp, file) // never a half-written entry the session would choke on
}

/** Switch start-at-login on or off. `hidden`: start in the tray, without the window. */
export function setStartAtLogin(enabled: boolean, opts: { hidden: boolean }, e: AutostartEnv, app: LoginItemApp): void {
  if (e.platform === 'linux') {
    const file = desktopFile(e)
    if (enabled)
      writeLinuxAutostart(file, desktopEntry({ exec: launchCommand(e.env, e.execPath), hidden: opts.hidden }))
    else rmSync(file, { force: true })
    return
  }
  if (e.platform === 'win32') {
    // The same path and args must be passed to get/set, or Windows sees a different entry.
    app.setLoginItemSettings({ openAtLogin: enabled, path: e.execPath, args: opts.hidden ? [HIDDEN_ARG] : [] })
    return
  }
  app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: opts.hidden })
}

export function getStartAtLogin(opts: { hidden: boolean }, e: AutostartEnv, app: LoginItemApp): boolean {
  if (e.platform === 'linux') {
    try {
      return isDesktopEntryEnabled(readFileSync(desktopFile(e), 'utf8'))
    } catch {
      return false
    }
  }
  if (e.platform === 'win32') {
    return app.getLoginItemSettings({ path: e.execPath, args: opts.hidden ? [HIDDEN_ARG] : [] }).openAtLogin
  }
  return app.getLoginItemSettings().openAtLogin
}

/** Was this run started by the login entry (so the window may stay hidden)? */
export function launchedAtLogin(
  argv: readonly string[],
  platform: NodeJS.Platform | string,
  app: LoginItemApp,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true
  if (platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin === true
  return false
}
