/**
 * App lifecycle rules: one running copy, and a clean shutdown (the core closes
 * its SQLite file and stops its timers) before the process exits.
 */
import type { App } from 'electron'

/**
 * One copy of the app per user: two would fight over the cache file and poll
 * every panel twice. Returns false when another copy owns the lock — the caller
 * quits at once; that copy is told ('second-instance') and shows its window.
 */
export function claimSingleInstance(app: App, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', () => onSecondInstance())
  return true
}

export interface QuitControl {
  /** True from the first quit request on: close-to-tray must let windows close then. */
  isQuitting(): boolean
}

/**
 * Runs `dispose` once when the app quits, and holds the quit until it is done
 * (or `timeoutMs` passed: a hung dispose must not keep a zombie app alive).
 */
export function disposeOnQuit(
  app: App,
  dispose: () => Promise<void>,
  opts: { timeoutMs?: number; log?: (msg: string) => void } = {},
): QuitControl {
  let quitting = false
  let state: 'running' | 'disposing' | 'disposed' = 'running'
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    if (state === 'disposed') return
    event.preventDefault()
    if (state === 'disposing') return
    state = 'disposing'
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        opts.log?.('shutdown took too long; quitting anyway')
        resolve()
      }, opts.timeoutMs ?? 5000)
    })
    Promise.race([dispose().catch((e: unknown) => opts.log?.(`shutdown error: ${String(e)}`)), deadline]).finally(
      () => {
        clearTimeout(timer)
        state = 'disposed'
        app.quit()
      },
    )
  })
  return { isQuitting: () => quitting }
}

/** Windows/Linux quit when the last window closes; macOS apps stay in the dock. */
export function quitWhenAllWindowsClosed(app: App, platform: NodeJS.Platform = process.platform): void {
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit()
  })
}
