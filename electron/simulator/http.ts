/**
 * The node:http front: routing, PHP-like parameter parsing, faults, and
 * stop/start that keeps the port. Answers like the panel behind nginx:
 * PHP's default `text/html; charset=UTF-8`, 200 + empty body for methods other
 * than GET/POST, an nginx 404 page for other paths (panel-api §3).
 */
import http from 'node:http'
import type { Socket } from 'node:net'
import type { Params } from './types'
import type { SimulatorState } from './model'
import type { Reply } from './context'
import { str } from './context'
import { dispatch } from './dispatch'
import { type FaultController, cannedResponse, nginxPage, spoilRows } from './faults'
import { phpJson, sanitizeInput } from './php'

export const MAX_BODY_BYTES = 1024 * 1024
const PHP_TYPE = 'text/html; charset=UTF-8'

/** GET merged with POST, POST winning; `name[]` → array under `name`; other keys stay flat (`search[value]`). */
export function parseParams(query: string, body: string | null): Params {
  const out: Params = {}
  const merge = (source: string): void => {
    const seenArrays = new Set<string>()
    for (const [rawKey, rawValue] of new URLSearchParams(source)) {
      const value = sanitizeInput(rawValue)
      if (rawKey.endsWith('[]')) {
        const key = rawKey.slice(0, -2)
        // A later source replaces an earlier array as a whole, like PHP's array merge of $_GET/$_POST.
        if (!seenArrays.has(key)) {
          seenArrays.add(key)
          out[key] = []
        }
        ;(out[key] as string[]).push(value)
      } else out[rawKey] = value
    }
  }
  merge(query)
  if (body !== null) merge(body)
  return out
}

interface ServerDeps {
  st: SimulatorState
  accessCode: string
  faults: FaultController
}

export class ApiServer {
  private server: http.Server | null = null
  private readonly sockets = new Set<Socket>()
  /** Requests a `stall` fault is holding now (tests wait on this instead of sleeping). */
  stalledNow = 0
  private readonly timers = new Set<NodeJS.Timeout>()
  private session = 0

  constructor(private readonly deps: ServerDeps) {}

  get route(): string {
    return `/${this.deps.accessCode}/reseller/index.php`
  }

  listen(port: number, host: string): Promise<number> {
    const server = http.createServer((req, res) => {
      // A thrown handler is a PHP fatal with display_errors off: HTTP 500, empty body (panel-api §3).
      this.handle(req, res).catch(() => this.send(res, 500, PHP_TYPE, ''))
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.server = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        const addr = server.address()
        resolve(typeof addr === 'object' && addr ? addr.port : port)
      })
    })
  }

  /** Closes the listener and destroys open (also stalled) sockets; state is untouched. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    if (!server) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    await closed
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t)
        resolve()
      }, ms)
      this.timers.add(t)
    })
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, cookie = false): void {
    if (res.destroyed || res.headersSent) return
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }
    if (cookie)
      headers['Set-Cookie'] = `PHPSESSID=${(++this.session).toString(16).padStart(26, '0')}; path=/; SameSite=Strict`
    res.writeHead(status, headers)
    res.end(body)
  }

  private readBody(req: http.IncomingMessage): Promise<string | null | 'too-large'> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = []
      let size = 0
      let done = false
      req.on('data', (chunk: Buffer) => {
        if (done) return
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          done = true
          resolve('too-large')
          return
        }
        chunks.push(chunk)
      })
      req.on('end', () => {
        if (done) return
        done = true
        const type = String(req.headers['content-type'] ?? '').toLowerCase()
        // PHP fills $_POST only from form bodies (multipart is not supported here).
        resolve(type.startsWith('application/x-www-form-urlencoded') ? Buffer.concat(chunks).toString('utf8') : null)
      })
      req.on('error', () => {
        if (!done) {
          done = true
          resolve(null)
        }
      })
    })
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    if (method !== 'GET' && method !== 'POST') return this.send(res, 200, PHP_TYPE, '')
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== this.route) {
      req.resume()
      return this.send(res, 404, 'text/html', nginxPage(404, 'Not Found'))
    }
    const body = await this.readBody(req)
    if (body === 'too-large') {
      this.send(res, 413, 'text/html', nginxPage(413, 'Request Entity Too Large'))
      req.socket.destroySoon()
      return
    }
    const params = parseParams(url.search, body)
    const decision = this.deps.faults.decide(str(params, 'action') ?? '')
    if (decision.delayMs > 0) {
      await this.sleep(decision.delayMs)
      if (res.destroyed || this.server === null) return
    }
    const socket = req.socket
    switch (decision.kind) {
      case 'reset':
        socket.resetAndDestroy()
        return
      case 'stall':
        // Hold the socket: the client gives up, or stop() destroys it; nothing applied.
        this.stalledNow++
        socket.once('close', () => this.stalledNow--)
        return
      case 'applyThenDrop':
        dispatch(this.deps.st, params)
        socket.destroy()
        return
      case 'badRows': {
        const spoilt = spoilRows(dispatch(this.deps.st, params), decision.rows)
        return this.send(res, 200, PHP_TYPE, typeof spoilt === 'string' ? spoilt : phpJson(spoilt), true)
      }
      case null:
        break
      default: {
        const canned = cannedResponse(decision.kind)
        if (canned) return this.send(res, canned.status, canned.contentType, canned.body)
      }
    }
    const reply: Reply = dispatch(this.deps.st, params)
    this.send(res, 200, PHP_TYPE, reply.kind === 'raw' ? reply.text : phpJson(reply.body), true)
  }
}
