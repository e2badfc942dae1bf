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
import { EVENT_NAMES, METHOD_NAMES, eventPath, methodPath } from '../../electron/shared/contract-names'
import type { Result } from '../../electron/shared/errors'

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

const OPEN = 1
export const OFFLINE_MESSAGE = 'Lost connection to the app'
const offline = (): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } })
const internal = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } })

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false
  const r = v as { ok?: unknown; error?: unknown }
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null)
}

function defaultSocketFactory(url: string): SocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket
  if (!Ctor) throw new Error('No WebSocket in this environment')
  return new Ctor(url)
}

export function createRpcClient(opts: RpcClientOptions): RpcClient {
  const createSocket = opts.createSocket ?? defaultSocketFactory
  const initialMs = opts.backoff?.initialMs ?? 250
  const maxMs = opts.backoff?.maxMs ?? 5000
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000

  let socket: SocketLike | null = null
  let state: ConnectionState = 'idle'
  let closed = false
  let delay = initialMs
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let nextId = 1
  /** Sent, waiting for the answer with this id. */
  const inFlight = new Map<number, (r: Result<unknown>) => void>()
  /** Waiting for the socket to open. */
  let queued: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  const listenerCount = () => [...listeners.values()].reduce((n, s) => n + s.size, 0)
  const wanted = () => !closed && (listenerCount() > 0 || inFlight.size > 0)

  function failAll(): void {
    const waiting = [...inFlight.values()]
    inFlight.clear()
    queued = []
    for (const resolve of waiting) resolve(offline())
  }

  function scheduleReconnect(): void {
    if (!wanted() || retryTimer !== undefined) return
    state = 'waiting'
    // ±20 % jitter so several tabs do not hammer a restarting host in step.
    const wait = Math.round(delay * (0.8 + Math.random() * 0.4))
    delay = Math.min(delay * 2, maxMs)
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      if (wanted()) connect()
      else state = 'idle'
    }, wait)
  }

  function onMessage(data: unknown): void {
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
        const resolve = inFlight.get(id)
        if (!resolve) continue
        inFlight.delete(id)
        if (isResult(result)) resolve(result)
        else
          resolve(
            internal(
              typeof (error as { message?: unknown })?.message === 'string'
                ? (error as { message: string }).message
                : 'The app sent an unreadable answer.',
            ),
          )
      } else if (typeof method === 'string' && id === undefined) {
        for (const cb of [...(listeners.get(method) ?? [])]) {
          try {
            cb(params)
          } catch (e) {
            // One broken subscriber must not starve the others.
            setTimeout(() => {
              throw e
            })
          }
        }
      }
    }
  }

  function connect(): void {
    if (closed || state === 'connecting' || state === 'open') return
    clearTimeout(retryTimer)
    retryTimer = undefined
    state = 'connecting'
    let ws: SocketLike
    try {
      ws = createSocket(opts.url)
    } catch {
      state = 'idle'
      failAll()
      scheduleReconnect()
      return
    }
    socket = ws
    const timeout = setTimeout(() => ws.close(), connectTimeoutMs)
    ws.onopen = () => {
      clearTimeout(timeout)
      if (socket !== ws) return
      state = 'open'
      delay = initialMs
      const toSend = queued
      queued = []
      for (const text of toSend) ws.send(text)
    }
    ws.onmessage = (ev) => {
      if (socket === ws) onMessage(ev.data)
    }
    // 'error' is always followed by 'close'; all the work happens there.
    ws.onerror = () => {}
    ws.onclose = () => {
      clearTimeout(timeout)
      if (socket !== ws) return
      socket = null
      state = 'idle'
      failAll()
      scheduleReconnect()
    }
  }

  function call(name: string, args: unknown): Promise<Result<unknown>> {
    if (closed) return Promise.resolve(offline())
    const id = nextId++
    const message: Record<string, unknown> = { jsonrpc: '2.0', id, method: name }
    if (args !== undefined) message.params = args
    let text: string
    try {
      text = JSON.stringify(message)
    } catch {
      return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'These arguments cannot be sent.' } })
    }
    return new Promise((resolve) => {
      inFlight.set(id, resolve)
      if (state === 'open' && socket && socket.readyState === OPEN) socket.send(text)
      else {
        queued.push(text)
        connect()
      }
    })
  }

  function subscribe(name: string, cb: (payload: unknown) => void): () => void {
    if (typeof cb !== 'function') throw new TypeError(`${name} needs a function`)
    // A fresh wrapper per subscription: the same callback subscribed twice is two subscriptions.
    const entry = (payload: unknown) => cb(payload)
    let set = listeners.get(name)
    if (!set) listeners.set(name, (set = new Set()))
    set.add(entry)
    if (state === 'idle') connect()
    return () => {
      set.delete(entry)
    }
  }

  const tree: Record<string, Record<string, unknown>> = {}
  for (const name of METHOD_NAMES) {
    const [ns, fn] = methodPath(name)
    ;(tree[ns] ??= {})[fn] = (args?: unknown) => call(name, args)
  }
  for (const name of EVENT_NAMES) {
    const [ns, on] = eventPath(name)
    ;(tree[ns] ??= {})[on] = (cb: (payload: unknown) => void) => subscribe(name, cb)
  }
  for (const ns of Object.keys(tree)) Object.freeze(tree[ns])

  return {
    xm: Object.freeze(tree) as unknown as XmApi,
    state: () => state,
    close() {
      closed = true
      clearTimeout(retryTimer)
      retryTimer = undefined
      const ws = socket
      socket = null
      state = 'idle'
      failAll()
      ws?.close(1000)
    },
  }
}
