/**
 * The page's handle when it runs in a plain browser (the loopback host): the
 * same `xm` tree as the Electron preload, built from the same contract names,
 * speaking JSON-RPC 2.0 over a WebSocket to electron/loopback/host.ts.
 *
 * Never throws and never hangs on a dead connection: calls in flight when the
 * socket drops resolve `{ ok: false, error: { code: 'OFFLINE' } }` (a write in
 * flight may still have happened; the core's journal knows, the page must not
 * resend blindly). While anything listens or waits, it reconnects with backoff,
 * so a restarted host is picked up again. No Vue, no Pinia: plain TypeScript.
 */
import type { XmApi } from '../../electron/shared/contract'
import { buildHandle } from '../../electron/shared/contract-names'
import type { Result } from '../../electron/shared/errors'
import { Link } from './rpc-link'

/** The parts of the DOM WebSocket this client uses (the `ws` package's client fits too). */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}
export type SocketFactory = (url: string) => SocketLike

export interface RpcClientOptions {
  /** `ws://127.0.0.1:PORT/rpc?token=…` */
  url: string
  createSocket?: SocketFactory
  /** Reconnect delays: first, growth ×2 per failure, capped. */
  backoff?: { initialMs?: number; maxMs?: number }
  /** An attempt that neither opens nor fails in this time is abandoned. */
  connectTimeoutMs?: number
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'waiting'

export interface RpcClient {
  readonly xm: XmApi
  state(): ConnectionState
  /** Stops reconnecting and closes the socket; calls still waiting resolve OFFLINE. */
  close(): void
}

export const OFFLINE_MESSAGE = 'Lost connection to the app'
const offline = (): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } })
const internal = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } })

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false
  const r = v as { ok?: unknown; error?: unknown }
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null)
}

type Listeners = Map<string, Set<(payload: unknown) => void>>
type Waiting = Map<number, (r: Result<unknown>) => void>

/** An answer's Result; a JSON-RPC error (or anything else) becomes INTERNAL with its words. */
function answerOf(result: unknown, error: unknown): Result<unknown> {
  if (isResult(result)) return result
  const message = (error as { message?: unknown } | null)?.message
  return internal(typeof message === 'string' ? message : 'The app sent an unreadable answer.')
}

/** An event to each of its subscribers; one broken subscriber must not starve the others. */
function deliver(listeners: Listeners, method: string, params: unknown): void {
  for (const cb of [...(listeners.get(method) ?? [])]) {
    try {
      cb(params)
    } catch (e) {
      setTimeout(() => {
        throw e
      })
    }
  }
}

/** One text from the host: answers (by id) to the calls waiting, notifications to the listeners; anything else is dropped. */
function receive(data: unknown, waiting: Waiting, listeners: Listeners): void {
  if (typeof data !== 'string') return
  let msg: unknown
  try {
    msg = JSON.parse(data)
  } catch {
    return
  }
  for (const m of Array.isArray(msg) ? msg : [msg]) {
    if (typeof m !== 'object' || m === null) continue
    const { id, result, error, method, params } = m as Record<string, unknown>
    if (typeof id === 'number') {
      const resolve = waiting.get(id)
      if (!resolve) continue
      waiting.delete(id)
      resolve(answerOf(result, error))
    } else if (typeof method === 'string' && id === undefined) deliver(listeners, method, params)
  }
}

/** A call as JSON-RPC 2.0 text (no `params` when there are no arguments); null when the arguments cannot be serialised. */
function requestText(id: number, method: string, args: unknown): string | null {
  const message: Record<string, unknown> = { jsonrpc: '2.0', id, method }
  if (args !== undefined) message.params = args
  try {
    return JSON.stringify(message)
  } catch {
    return null
  }
}

/** Adds a subscriber to an event; returns its removal. */
function listen(listeners: Listeners, name: string, cb: (payload: unknown) => void): () => void {
  // A fresh wrapper per subscription: the same callback subscribed twice is two subscriptions.
  const entry = (payload: unknown) => cb(payload)
  let set = listeners.get(name)
  if (!set) listeners.set(name, (set = new Set()))
  set.add(entry)
  return () => {
    set.delete(entry)
  }
}

/** The socket went: no answer will come to what was sent, so each call waiting is answered OFFLINE (never resent, see the header). */
function answerAllOffline(waiting: Waiting): void {
  const all = [...waiting.values()]
  waiting.clear()
  for (const resolve of all) resolve(offline())
}

export function createRpcClient(opts: RpcClientOptions): RpcClient {
  let nextId = 1
  /** Sent, waiting for the answer with this id. */
  const waiting: Waiting = new Map()
  const listeners: Listeners = new Map()
  const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0)

  const failAll = () => answerAllOffline(waiting)
  const link: Link = new Link(opts, {
    onText: (data) => receive(data, waiting, listeners),
    onDrop: failAll,
    wanted: (): boolean => !link.closed && (listenerCount() > 0 || waiting.size > 0),
  })

  function call(name: string, args: unknown): Promise<Result<unknown>> {
    if (link.closed) return Promise.resolve(offline())
    const id = nextId++
    const text = requestText(id, name, args)
    if (text === null)
      return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'These arguments cannot be sent.' } })
    return new Promise((resolve) => {
      waiting.set(id, resolve)
      link.send(text)
    })
  }

  function subscribe(name: string, cb: (payload: unknown) => void): () => void {
    if (typeof cb !== 'function') throw new TypeError(`${name} needs a function`)
    const unsubscribe = listen(listeners, name, cb)
    if (link.state === 'idle') link.connect()
    return unsubscribe
  }

  return {
    xm: buildHandle(call, subscribe) as unknown as XmApi,
    state: () => link.state,
    close() {
      link.close()
      failAll()
    },
  }
}
