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
import { EVENT_NAMES, METHOD_NAMES, eventPath, methodPath } from '../shared/contract-names'

type Fn = (...args: never[]) => unknown

/** What the page gets when the main process itself could not answer (no handler yet, crashed). */
const NO_ANSWER = { ok: false, error: { code: 'INTERNAL', message: 'The app did not answer this request.' } } as const

function buildXm(): Record<string, Readonly<Record<string, Fn>>> {
  const tree: Record<string, Record<string, Fn>> = {}
  const slot = (ns: string) => (tree[ns] ??= {})

  for (const name of METHOD_NAMES) {
    const [ns, fn] = methodPath(name)
    // Exactly one argument crosses: the args object (main validates it).
    slot(ns)[fn] = ((args?: unknown) => ipcRenderer.invoke(name, args).catch(() => NO_ANSWER)) as Fn
  }
  for (const name of EVENT_NAMES) {
    const [ns, on] = eventPath(name)
    slot(ns)[on] = ((callback: (payload: unknown) => void) => {
      if (typeof callback !== 'function') throw new TypeError(`xm.${ns}.${on} needs a function`)
      const listener = (_event: IpcRendererEvent, payload: unknown) => callback(payload)
      ipcRenderer.on(name, listener)
      return () => {
        ipcRenderer.removeListener(name, listener)
      }
    }) as Fn
  }

  for (const ns of Object.keys(tree)) Object.freeze(tree[ns])
  return Object.freeze(tree)
}

contextBridge.exposeInMainWorld('xm', buildXm())
