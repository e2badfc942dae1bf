/**
 * The loopback client's socket (rpc-client.ts): connecting, sending (or
 * queueing until open), and reconnecting with backoff while anyone still
 * needs it. What the texts mean is the client's; this only carries them.
 */
import type { ConnectionState, RpcClientOptions, SocketFactory, SocketLike } from './rpc-client'

const OPEN = 1

function defaultSocketFactory(url: string): SocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket
  if (!Ctor) throw new Error('No WebSocket in this environment')
  return new Ctor(url)
}

/**
 * The wait before the next attempt: the first delay, doubled per failure up to
 * the cap, back to the first once a socket opens. ±20 % jitter so several tabs
 * do not hammer a restarting host in step.
 */
class ReconnectTimer {
  private delay: number
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {
    this.delay = initialMs
  }

  get pending(): boolean {
    return this.timer !== undefined
  }

  start(retry: () => void): void {
    const wait = Math.round(this.delay * (0.8 + Math.random() * 0.4))
    this.delay = Math.min(this.delay * 2, this.maxMs)
    this.timer = setTimeout(() => {
      this.timer = undefined
      retry()
    }, wait)
  }

  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  reset(): void {
    this.delay = this.initialMs
  }
}

/**
 * One attempt's socket events: opened, a text, gone — closed, failed, or not
 * open within `timeoutMs` (then closed here). 'error' is always followed by
 * 'close'; all the work happens there.
 */
function watchSocket(
  ws: SocketLike,
  timeoutMs: number,
  on: { open(): void; text(data: unknown): void; gone(): void },
): void {
  const timeout = setTimeout(() => ws.close(), timeoutMs)
  ws.onopen = () => {
    clearTimeout(timeout)
    on.open()
  }
  ws.onmessage = (ev) => on.text(ev.data)
  ws.onerror = () => {}
  ws.onclose = () => {
    clearTimeout(timeout)
    on.gone()
  }
}

export interface LinkHooks {
  onText(data: unknown): void
  /** The socket went (or never came): everything waiting is answered OFFLINE. */
  onDrop(): void
  /** Whether anyone still needs the connection (listeners, calls waiting). */
  wanted(): boolean
}

/** The socket: connecting, sending (or queueing until open), reconnecting with backoff while wanted. */
export class Link {
  socket: SocketLike | null = null
  state: ConnectionState = 'idle'
  closed = false
  private readonly retry: ReconnectTimer
  /** Waiting for the socket to open. */
  private queued: string[] = []
  private readonly createSocket: SocketFactory
  private readonly connectTimeoutMs: number

  constructor(
    private readonly opts: RpcClientOptions,
    private readonly hooks: LinkHooks,
  ) {
    this.createSocket = opts.createSocket ?? defaultSocketFactory
    this.retry = new ReconnectTimer(opts.backoff?.initialMs ?? 250, opts.backoff?.maxMs ?? 5000)
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000
  }

  send(text: string): void {
    if (this.state === 'open' && this.socket && this.socket.readyState === OPEN) this.socket.send(text)
    else {
      this.queued.push(text)
      this.connect()
    }
  }

  connect(): void {
    if (this.closed || this.state === 'connecting' || this.state === 'open') return
    this.retry.cancel()
    this.state = 'connecting'
    let ws: SocketLike
    try {
      ws = this.createSocket(this.opts.url)
    } catch {
      this.state = 'idle'
      this.drop()
      return
    }
    this.socket = ws
    // Events of a socket this link has already let go of (closed, replaced) are ignored.
    watchSocket(ws, this.connectTimeoutMs, {
      open: () => this.socket === ws && this.opened(ws),
      text: (data) => this.socket === ws && this.hooks.onText(data),
      gone: () => {
        if (this.socket !== ws) return
        this.socket = null
        this.state = 'idle'
        this.drop()
      },
    })
  }

  /** Drops what was queued and stops for good; the caller answers what was waiting. */
  close(): void {
    this.closed = true
    this.retry.cancel()
    const ws = this.socket
    this.socket = null
    this.state = 'idle'
    this.queued = []
    ws?.close(1000)
  }

  private opened(ws: SocketLike): void {
    this.state = 'open'
    this.retry.reset()
    const toSend = this.queued
    this.queued = []
    for (const text of toSend) ws.send(text)
  }

  private drop(): void {
    this.queued = []
    this.hooks.onDrop()
    if (!this.hooks.wanted() || this.retry.pending) return
    this.state = 'waiting'
    this.retry.start(() => {
      if (this.hooks.wanted()) this.connect()
      else this.state = 'idle'
    })
  }
}
