/**
 * The contract over Electron IPC: one `ipcMain.handle` per contract method and
 * nothing else; one `webContents.send` per contract event.
 *
 * Every call is checked before it reaches the core (VS Code's IPC, Electron
 * fiddle): it must come from the top-level frame of one of OUR windows, showing
 * OUR page. Then `dispatch` validates the arguments with the contract's schema
 * and answers a Result — never a thrown error, which IPC would flatten to text.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from '../shared/contract'
import { fail, type Result } from '../shared/errors'

export type Dispatch = (name: MethodName, rawArgs: unknown) => Promise<Result<unknown>>
export type EventSource = (listener: (name: EventName, payload: unknown) => void) => () => void
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

export const FORBIDDEN_SENDER_MESSAGE = 'This request did not come from the app window.'

/** Binds exactly the contract's methods. Returns a function that unbinds them. */
export function bindContract(ipcMain: IpcMain, dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) return fail('FORBIDDEN_SENDER', FORBIDDEN_SENDER_MESSAGE)
      // The preload sends one argument object; anything else is not our page.
      if (args.length > 1) return fail('VALIDATION', 'Expected a single argument object.')
      try {
        return await dispatch(name, args[0])
      } catch {
        // dispatch answers Results; this only guards against a bug turning into an IPC rejection.
        return fail('INTERNAL', 'Something went wrong inside the app.')
      }
    })
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(name)
  }
}

export function createSenderCheck(opts: {
  isOurWebContents(contents: WebContents): boolean
  isAppUrl(url: string): boolean
}): SenderCheck {
  return (event) => {
    // null when the frame navigated away or was destroyed after sending.
    const frame = event.senderFrame
    if (!frame) return false
    // Sub-frames (an iframe that slipped past the CSP) never speak for the app.
    if (frame.parent !== null) return false
    if (!opts.isOurWebContents(event.sender)) return false
    return opts.isAppUrl(frame.url)
  }
}

const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

/**
 * Core events → every window still showing our page. Returns the unsubscribe.
 * Names outside the contract are dropped: the page listens to nothing else.
 */
export function forwardEvents(
  onEvent: EventSource,
  targets: () => Iterable<WebContents>,
  isAppUrl: (url: string) => boolean,
): () => void {
  return onEvent((name, payload) => {
    if (!eventNames.has(name)) return
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue
      try {
        contents.send(name, payload)
      } catch {
        // The window closed between the check and the send; the next event will skip it.
      }
    }
  })
}
