import { beforeEach, describe, expect, it } from 'vitest'
import type { App } from 'electron'
import { app, resetElectronFake } from '../../fakes/electron'
import { claimSingleInstance, disposeOnQuit, quitWhenAllWindowsClosed } from '../../../electron/main/lifecycle'

const electronApp = app as unknown as App
beforeEach(() => resetElectronFake())

describe('single instance', () => {
  it('claims the lock and brings the first copy forward when a second starts', () => {
    let revealed = 0
    expect(claimSingleInstance(electronApp, () => revealed++)).toBe(true)
    expect(app.singleInstanceLockRequested).toBe(true)
    app.__secondInstance(['xm', '--hidden'])
    expect(revealed).toBe(1)
  })

  it('tells the second copy to stop', () => {
    app.singleInstanceLockAvailable = false
    let revealed = 0
    expect(claimSingleInstance(electronApp, () => revealed++)).toBe(false)
    app.__secondInstance()
    expect(revealed).toBe(0)
  })
})

describe('quit', () => {
  it('holds the quit until the core is disposed, then quits once', async () => {
    let release!: () => void
    let disposed = 0
    const control = disposeOnQuit(electronApp, () => {
      disposed++
      return new Promise<void>((r) => (release = r))
    })
    let quitEvents = 0
    app.on('quit', () => quitEvents++)
    expect(control.isQuitting()).toBe(false)
    app.quit()
    expect(control.isQuitting()).toBe(true)
    expect(disposed).toBe(1)
    expect(quitEvents).toBe(0)
    app.quit() // impatient user: no second dispose
    expect(disposed).toBe(1)
    release()
    await expect.poll(() => quitEvents).toBe(1)
    expect(disposed).toBe(1)
  })

  it('quits even when dispose fails or hangs', async () => {
    const logs: string[] = []
    disposeOnQuit(electronApp, () => new Promise<void>(() => {}), { timeoutMs: 20, log: (m) => logs.push(m) })
    let quit = false
    app.on('quit', () => (quit = true))
    app.quit()
    await expect.poll(() => quit).toBe(true)
    expect(logs[0]).toMatch(/too long/)

    resetElectronFake()
    disposeOnQuit(electronApp, async () => Promise.reject(new Error('disk gone')), { log: (m) => logs.push(m) })
    let quit2 = false
    app.on('quit', () => (quit2 = true))
    app.quit()
    await expect.poll(() => quit2).toBe(true)
    expect(logs[1]).toMatch(/disk gone/)
  })

  it('quits with the last window except on macOS', () => {
    quitWhenAllWindowsClosed(electronApp, 'linux')
    app.emit('window-all-closed')
    expect(app.quitCalls).toBe(1)
    resetElectronFake()
    quitWhenAllWindowsClosed(electronApp, 'darwin')
    app.emit('window-all-closed')
    expect(app.quitCalls).toBe(0)
  })
})
