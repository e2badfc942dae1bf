import { beforeEach, describe, expect, it } from 'vitest'
import { BrowserWindow, nativeTheme, resetElectronFake } from '../../fakes/electron'
import { resolveAppLocation } from '../../../electron/main/app-url'
import { BACKGROUND, createMainWindow, revealWindow } from '../../../electron/main/window'

const location = resolveAppLocation({ rendererDir: '/opt/xm/out/renderer' })
const fake = (w: unknown) => w as unknown as BrowserWindow

beforeEach(() => resetElectronFake())

describe('main window', () => {
  it('isolates the page: context isolation, sandbox, no Node, no <webview>, web security on', () => {
    const win = fake(createMainWindow({ location, preloadPath: '/opt/xm/out/preload/index.cjs' }))
    const prefs = win.options.webPreferences
    // Written out on purpose (not WEB_PREFERENCES): a weakened constant must fail here too.
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: '/opt/xm/out/preload/index.cjs',
    })
  })

  it('loads our page and shows it only once painted', () => {
    const win = fake(createMainWindow({ location, preloadPath: '/p.cjs' }))
    expect(win.webContents.loaded).toEqual(['app://renderer/index.html'])
    expect(win.options.show).toBe(false)
    expect(win.isVisible()).toBe(false)
    win.__readyToShow()
    expect(win.isVisible()).toBe(true)
  })

  it('stays hidden when started into the tray', () => {
    const win = fake(createMainWindow({ location, preloadPath: '/p.cjs', startHidden: true }))
    win.__readyToShow()
    expect(win.isVisible()).toBe(false)
  })

  it('paints the theme background before the page loads', () => {
    expect(fake(createMainWindow({ location, preloadPath: '/p.cjs' })).options.backgroundColor).toBe(BACKGROUND.light)
    nativeTheme.shouldUseDarkColors = true
    expect(fake(createMainWindow({ location, preloadPath: '/p.cjs' })).options.backgroundColor).toBe(BACKGROUND.dark)
  })

  it('lets the close hook keep the window (close-to-tray) or let it go', () => {
    let keep = true
    const win = fake(
      createMainWindow({
        location,
        preloadPath: '/p.cjs',
        onClose: (event, w) => {
          if (keep) {
            event.preventDefault()
            w.hide()
          }
        },
      }),
    )
    win.__readyToShow()
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.isVisible()).toBe(false)
    keep = false
    win.close()
    expect(win.isDestroyed()).toBe(true)
  })

  it('reveal restores, shows and focuses', () => {
    const win = fake(createMainWindow({ location, preloadPath: '/p.cjs', startHidden: true }))
    win.minimize()
    revealWindow(win as never)
    expect(win.isMinimized()).toBe(false)
    expect(win.isVisible()).toBe(true)
    expect(win.isFocused()).toBe(true)
  })
})
