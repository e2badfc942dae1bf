/**
 * THE handle the page uses to talk to the app. Import `xm` from here and
 * nothing else (stores call `xm.lines.create(args)`, `xm.sync.onProgress(cb)`);
 * every call answers a Result and never throws.
 *
 * In Electron the preload has put `window.xm` on the page (IPC). In a plain
 * browser (`npm run dev:browser`, end-to-end tests) the same tree is built over
 * a WebSocket to the loopback host, with the token from the page's own URL.
 * Nothing else in src/ needs to know which.
 */
import type { XmApi } from '../../electron/shared/contract'
import { createRpcClient } from './rpc-client'

export type Transport = 'ipc' | 'loopback'

/** The loopback host's RPC address for a page served at `loc` (its token travels in the query). */
export function rpcUrlFor(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? ''
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${loc.host}/rpc?token=${encodeURIComponent(token)}`
}

function pick(): { xm: XmApi; transport: Transport } {
  const fromPreload = typeof window !== 'undefined' ? window.xm : undefined
  if (fromPreload) return { xm: fromPreload, transport: 'ipc' }
  if (typeof location === 'undefined' || !location.host) {
    // Not served by the loopback host (a unit test importing a store): a closed
    // client, so every call answers OFFLINE at once and nothing touches the network.
    const idle = createRpcClient({ url: 'ws://127.0.0.1:0/rpc' })
    idle.close()
    return { xm: idle.xm, transport: 'loopback' }
  }
  return { xm: createRpcClient({ url: rpcUrlFor(location) }).xm, transport: 'loopback' }
}

const picked = pick()
export const xm: XmApi = picked.xm
export const transport: Transport = picked.transport
