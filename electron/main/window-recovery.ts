/**
 * When the page dies or hangs. Chromium shows a dead (or frozen) window and
 * nothing else: the reseller would not know whether a create or extend they
 * just clicked went through. The core runs in the main process, so a write in
 * flight keeps going and its journal entry (written before sending) is kept;
 * the page only has to be brought back — this offers that.
 *
 * - 'render-process-gone' (crashed, killed, out of memory): offer to reload;
 * - 'unresponsive': offer to reload (the hung page is ended first) or to wait;
 *   the question goes away by itself when the page answers again.
 * One question at a time; none while the app is quitting or after a clean exit.
 */
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron'

export interface RecoveryOptions {
  /** Our page (app://renderer/index.html or the dev server). */
  entry: string
  isQuitting(): boolean
  ask(win: BrowserWindow, opts: MessageBoxOptions): Promise<MessageBoxReturnValue>
  log?: (msg: string) => void
}

const KEPT =
  'Anything you were sending keeps going in the app, and every spending call is in the journal: ' +
  'after reloading, check the journal for its outcome before trying again.'

export function watchRendererHealth(win: BrowserWindow, opts: RecoveryOptions): void {
  const log = opts.log ?? (() => {})
  let asking = false

  const offerReload = async (kind: 'gone' | 'unresponsive', why: string): Promise<void> => {
    if (asking || win.isDestroyed() || opts.isQuitting()) return
    asking = true
    const answered = new AbortController()
    const onResponsive = () => answered.abort()
    if (kind === 'unresponsive') win.once('responsive', onResponsive)
    try {
      const { response } = await opts.ask(win, {
        type: 'warning',
        title: 'XM Reseller Desk',
        message: kind === 'gone' ? `The window stopped working (${why}).` : 'The window is not responding.',
        detail: KEPT,
        buttons: kind === 'gone' ? ['Reload', 'Not now'] : ['Reload', 'Wait'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
        signal: answered.signal,
      })
      if (response !== 0 || answered.signal.aborted || win.isDestroyed()) return
      // A hung page would not navigate away: end it first (Electron's own advice for 'unresponsive').
      if (kind === 'unresponsive') win.webContents.forcefullyCrashRenderer()
      log(`reloading the window after ${kind === 'gone' ? why : 'it stopped responding'}`)
      await win.loadURL(opts.entry)
    } catch (e) {
      log(`window reload failed: ${String(e)}`)
    } finally {
      win.off('responsive', onResponsive)
      asking = false
    }
  }

  win.webContents.on('render-process-gone', (_event, details) => {
    // 'clean-exit' is the page closing normally (the window closed, the app quitting).
    if (details.reason === 'clean-exit') return
    log(`page process gone: ${details.reason} (exit code ${details.exitCode})`)
    void offerReload('gone', details.reason)
  })
  win.on('unresponsive', () => {
    log('page not responding')
    void offerReload('unresponsive', 'unresponsive')
  })
}
