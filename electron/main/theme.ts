/**
 * The Settings theme choice, applied to Electron's native parts (menus, the
 * window frame, dialogs) as well: `nativeTheme.themeSource` also decides what
 * the page's `prefers-color-scheme` reports, so both follow one choice.
 */
import { nativeTheme } from 'electron'
import type { Settings } from '../shared/views'

export function applyTheme(settings: Pick<Settings, 'theme'>): void {
  if (nativeTheme.themeSource !== settings.theme) nativeTheme.themeSource = settings.theme
}
