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

type TokenStore = Pick<Storage, 'getItem' | 'setItem'>
const TOKEN_KEY = 'xm-loopback-token'

/**
 * The loopback host's token. It arrives in the URL fragment (`#token=…`): a
 * fragment is never sent to any server, and the host sets no cookie (cookies
 * are not port-bound: every service on 127.0.0.1 would get it). It is kept in
 * sessionStorage for reloads — storage is per origin, port included — and
 * the caller removes it from the address bar.
 */
export function loopbackToken(loc: Pick<Location, 'hash'>, store: TokenStore | null): string {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    try {
      store?.setItem(TOKEN_KEY, fromHash)
    } catch {
      // Storage refused (private mode, quota): this load still works; a reload needs the link again.
    }
    return fromHash
  }
  try {
    return store?.getItem(TOKEN_KEY) ?? ''
  } catch {
    return ''
  }
}

/** The loopback host's RPC address for a page served at `loc`: the page itself puts the token on its socket. */
export function rpcUrlFor(loc: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${loc.host}/rpc?token=${encodeURIComponent(token)}`
}

function sessionStore(): TokenStore | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

/** The token out of the address bar (and so out of bookmarks, history and screenshots). */
function forgetTokenInAddressBar(): void {
  if (!/(^#|&)token=/.test(location.hash) || typeof history === 'undefined') return
  try {
    history.replaceState(history.state, '', location.pathname + location.search)
  } catch {
    // Not fatal: the token just stays visible.
  }
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
  const token = loopbackToken(location, sessionStore())
  forgetTokenInAddressBar()
  return { xm: createRpcClient({ url: rpcUrlFor(location, token) }).xm, transport: 'loopback' }
}

const picked = pick()
export const xm: XmApi = picked.xm
export const transport: Transport = picked.transport
