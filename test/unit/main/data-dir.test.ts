import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../electron/main/data-dir'

describe('data folder (shared by the Electron app and dev:browser)', () => {
  it('follows each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/xm-reseller-desk')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/xm-reseller-desk')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ana')).toBe(
      '/home/ana/.config/xm-reseller-desk',
    )
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/XM Reseller Desk')
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\XM Reseller Desk',
    )
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\XM Reseller Desk')
  })
})
