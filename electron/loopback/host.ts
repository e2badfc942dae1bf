/**
 * The loopback host: the real page and the real contract, served to a browser
 * on 127.0.0.1 — for machines where Electron cannot run and for the end-to-end
 * tests in a real Chromium. The page is the built renderer (out/renderer); the
 * contract is JSON-RPC 2.0 over a WebSocket at /rpc (json-rpc.ts).
 *
 * Same trust rules as the Electron window, enforced at the door (guard.ts):
 * our exact Host on every request; on the socket — the only way to the core —
 * also our Origin and the one-time token. The page and its assets are the
 * public build (nothing secret), so they load without the token, and no
 * cookie is ever set: cookies are not port-bound, so one set by 127.0.0.1:PORT
 * would be sent to every other service on 127.0.0.1. The token travels in the
 * printed URL's fragment (`/#token=…`, never sent by the browser); the page
 * reads it and puts it on its socket URL itself (src/api/xm.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { contentSecurityPolicy } from '../main/csp'
import type { EventName } from '../shared/contract'
import { isEventName } from '../shared/contract-names'
import {
  allowedHosts,
  hostAllowed,
  newToken,
  originAllowed,
  TOKEN_RE,
  tokenMatches,
} from './guard'
import { eventNotification, handleRpcText, type Dispatch } from './json-rpc'
import { lookupStatic, sendFile } from './static-files'

/** What the host needs of the core (create-core.ts's Core has both). */
export interface ContractEndpoint {
  dispatch: Dispatch
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void
}

export interface LoopbackHostOptions {
  core: ContractEndpoint
  /** The built renderer folder (out/renderer). */
  staticDir: string
  /** 0 (default) = a free port chosen by the OS. */
  port?: number
  /** Only 127.0.0.1 is accepted: the host must never be reachable from the network. */
  host?: '127.0.0.1'
  /** Reuse a token (a restarted host the open page should reconnect to); default: a new random one. */
  token?: string
  log?: (msg: string) => void
}

export interface LoopbackHost {
  /** `http://127.0.0.1:PORT/#token=…` — what the user opens (the token in the fragment: never sent to a server). */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

/** A JSON-RPC message larger than this is refused (profiles:import allows 1 MB of JSON). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024

const RPC_PATH = '/rpc'

/** A failure's class name only: its message could quote a row or a URL. */
const errorName = (e: unknown) => (e instanceof Error ? e.name : typeof e)

function checkedOptions(opts: LoopbackHostOptions): { port: number; token: string } {
  if (opts.host !== undefined && opts.host !== '127.0.0.1')
    throw new Error('The loopback host listens on 127.0.0.1 only.')
  const port = opts.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${port}`)
  if (opts.token !== undefined && !TOKEN_RE.test(opts.token))
    throw new Error('The token must be at least 43 URL-safe characters.')
  return { port, token: opts.token ?? newToken() }
}

function securityHeaders(res: ServerResponse, boundPort: number): void {
  res.setHeader(
    'Content-Security-Policy',
    contentSecurityPolicy({ connectSrc: [...allowedHosts(boundPort)].map((h) => `ws://${h}`) }),
  )
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // The token is in the page URL: never send it anywhere in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(text + '\n')
}

/** Plain HTTP: the built page's files, GET and HEAD only, behind the Host check. */
async function handleHttp(req: IncomingMessage, res: ServerResponse, staticDir: string, boundPort: number): Promise<void> {
  securityHeaders(res, boundPort)
  if (!hostAllowed(req.headers.host, boundPort)) return refuse(res, 403, 'Forbidden: unexpected Host header.')
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return refuse(res, 405, 'Method not allowed.')
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${boundPort}`)
  if (url.pathname === RPC_PATH) return refuse(res, 426, 'Upgrade required: /rpc is a WebSocket.')
  const found = await lookupStatic(staticDir, url.pathname)
  if (found.kind === 'file') return sendFile(res, found, req.method === 'HEAD')
  if (found.kind === 'refused') return refuse(res, 403, 'Forbidden.')
  if (found.kind === 'bad') return refuse(res, 400, 'Bad request.')
  // Browsers ask for it on their own; a 404 would be noise in the page's console.
  if (url.pathname === '/favicon.ico') {
    res.statusCode = 204
    res.end()
    return
  }
  return refuse(res, 404, 'Not found.')
}

/** Why a WebSocket upgrade is refused, null when it may pass: /rpc only, our Host and Origin, the token. */
function upgradeRefusal(req: IncomingMessage, token: string, boundPort: number): string | null {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${boundPort}`)
  if (url.pathname !== RPC_PATH) return '404 Not Found'
  if (!hostAllowed(req.headers.host, boundPort)) return '403 Forbidden'
  // Cross-site WebSocket hijacking: a foreign page's socket carries its own Origin.
  if (!originAllowed(req.headers.origin, boundPort)) return '403 Forbidden'
  if (!tokenMatches(token, url.searchParams.get('token'))) return '403 Forbidden'
  return null
}

/** An accepted page: each text message is a JSON-RPC request (or batch) for the core. */
function serveSocket(ws: WebSocket, sockets: Set<WebSocket>, dispatch: Dispatch, log: (msg: string) => void): void {
  sockets.add(ws)
  ws.on('close', () => sockets.delete(ws))
  ws.on('error', () => ws.terminate())
  ws.on('message', (data, isBinary) => {
    const text = isBinary
      ? ''
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.concat(data as Buffer[]).toString('utf8')
    // handleRpcText never rejects; the catch is for send() itself: one message never kills the host.
    handleRpcText(text, dispatch)
      .then((answer) => {
        if (answer !== null && ws.readyState === ws.OPEN) ws.send(answer)
      })
      .catch((e: unknown) => log(`loopback: could not answer a message: ${errorName(e)}`))
  })
}

/** The core's events to every open page; only contract events cross, as over IPC (main/ipc.ts forwardEvents). */
function forwardEvents(core: ContractEndpoint, sockets: Set<WebSocket>, log: (msg: string) => void): () => void {
  return core.onEvent((name, payload) => {
    if (sockets.size === 0 || !isEventName(name)) return
    let message: string
    try {
      message = eventNotification(name, payload)
    } catch (e) {
      log(`loopback: dropped a ${name} event that could not be encoded: ${errorName(e)}`)
      return
    }
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message)
  })
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Pages are told the app is going; one that does not answer the closing handshake is cut off after a second. */
async function shutDown(server: Server, wss: WebSocketServer, sockets: Set<WebSocket>): Promise<void> {
  const closed = [...sockets].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())))
  for (const ws of sockets) ws.close(1001, 'The app is shutting down')
  let timer: NodeJS.Timeout | undefined
  await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, 1000)))])
  clearTimeout(timer)
  for (const ws of sockets) ws.terminate()
  await new Promise<void>((resolve) => wss.close(() => resolve()))
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

export async function startLoopbackHost(opts: LoopbackHostOptions): Promise<LoopbackHost> {
  const { port, token } = checkedOptions(opts)
  const log = opts.log ?? (() => {})
  let boundPort = 0 // known once listening; the guards read it per request

  const server = createServer((req, res) => {
    handleHttp(req, res, opts.staticDir, boundPort).catch((e: unknown) => {
      log(`loopback: ${String(e)}`)
      if (!res.headersSent) refuse(res, 500, 'Internal error.')
      else res.destroy()
    })
  })

  const sockets = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const dispatch: Dispatch = (name, raw) => opts.core.dispatch(name, raw)

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refusal = upgradeRefusal(req, token, boundPort)
    if (refusal !== null) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, sockets, dispatch, log))
  })

  const unsubscribe = forwardEvents(opts.core, sockets, log)
  try {
    await listen(server, port)
  } catch (e) {
    unsubscribe()
    throw e
  }
  boundPort = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${boundPort}`

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      unsubscribe()
      await shutDown(server, wss, sockets)
    })())

  return { url: `${origin}/#token=${token}`, origin, port: boundPort, token, close }
}
