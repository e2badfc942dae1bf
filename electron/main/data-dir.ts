/**
 * The app's data folder, computed without Electron so the Electron app and the
 * browser host (`npm run dev:browser`) open the SAME profiles, cache and journal.
 * No 'electron' import: electron/loopback/cli.ts uses it too.
 *
 * Linux follows XDG (lower-case, no spaces); macOS and Windows use the product name
 * where Electron would put it. main/index.ts sets Electron's userData to this path.
 */
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'

export const PRODUCT_NAME = 'XM Reseller Desk'
export const LINUX_DIR_NAME = 'xm-reseller-desk'

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', PRODUCT_NAME)
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg =
    env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : posix.join(home, '.config')
  return posix.join(xdg, LINUX_DIR_NAME)
}
