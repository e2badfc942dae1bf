/**
 * The preload: builds `window.xm` from the contract's names and nothing else.
 *
 * - `'lines:create'` → `xm.lines.create(args)` = `ipcRenderer.invoke('lines:create', args)`;
 * - `'sync:progress'` → `xm.sync.onProgress(cb)` → unsubscribe; the IPC event is
 *   stripped so the page never holds `event.sender` (an ipcRenderer handle).
 * No generic invoke, no ipcRenderer, no process/env (ARCHITECTURE §2).
 *
 * Runs sandboxed (CJS, see electron.vite.config.ts): it may only import 'electron'
 * and the zod-free name list, so the bundle stays a few kB.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { EventName } from '../shared/contract'
import { buildHandle, eventPath } from '../shared/contract-names'

/** What the page gets when the main process itself could not answer (no handler yet, crashed). */
const NO_ANSWER = { ok: false, error: { code: 'INTERNAL', message: 'The app did not answer this request.' } } as const

function subscribe(name: EventName, callback: (payload: unknown) => void): () => void {
  const [ns, on] = eventPath(name)
  if (typeof callback !== 'function') throw new TypeError(`xm.${ns}.${on} needs a function`)
  const listener = (_event: IpcRendererEvent, payload: unknown) => callback(payload)
  ipcRenderer.on(name, listener)
  return () => {
    ipcRenderer.removeListener(name, listener)
  }
}

contextBridge.exposeInMainWorld(
  'xm',
  buildHandle((name, args) => ipcRenderer.invoke(name, args).catch(() => NO_ANSWER), subscribe),
)
