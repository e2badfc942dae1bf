/** Small real-socket helpers for the loopback host tests (node:http and the `ws` client). */
import { request } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import WebSocket from 'ws'
import type { LoopbackHost } from '../../../electron/loopback/host'

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw GET (fetch cannot set Host, nor send `..%2f` unnormalised). */
export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

export interface Opened {
  ws: WebSocket
  /** Every message received, parsed. */
  messages: unknown[]
  /** Sends one JSON-RPC text and waits for the answer with that id. */
  call(body: unknown): Promise<unknown>
  /** Sends raw text and waits for the next message. */
  raw(text: string): Promise<unknown>
}

/** Opens a socket; rejects with the HTTP status when the host refuses the upgrade. */
export function openSocket(
  url: string,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: opts.origin, headers: opts.headers })
    const messages: unknown[] = []
    const waiters: Array<(m: unknown) => boolean> = []
    ws.on('message', (data) => {
      const m = JSON.parse(String(data))
      messages.push(m)
      const i = waiters.findIndex((w) => w(m))
      if (i >= 0) waiters.splice(i, 1)
    })
    const next = (match: (m: unknown) => boolean) =>
      new Promise<unknown>((res) => {
        waiters.push((m) => (match(m) ? (res(m), true) : false))
      })
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode }))
      ws.terminate()
    })
    ws.once('error', (e) => reject(e))
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        call: (body) => {
          const id = (body as { id: unknown }).id
          const p = next((m) => (m as { id?: unknown }).id === id)
          ws.send(JSON.stringify(body))
          return p
        },
        raw: (text) => {
          const p = next(() => true)
          ws.send(text)
          return p
        },
      }),
    )
  })
}

/** Resolves with the HTTP status of a refused upgrade (fails the test if it opened). */
export async function refusedStatus(
  url: string,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  try {
    const s = await openSocket(url, opts)
    s.ws.close()
    throw new Error('the socket opened')
  } catch (e) {
    const status = (e as { status?: number }).status
    if (status === undefined) throw e
    return status
  }
}

/** A stand-in for out/renderer: an index.html and one asset. */
export function fakeRendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xm-renderer-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>XM</title><script type="module" src="./assets/app.js"></script>',
  )
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}')
  return dir
}

export function wsUrl(port: number, token: string | null): string {
  return `ws://127.0.0.1:${port}/rpc` + (token === null ? '' : `?token=${token}`)
}

/**
 * For a file of host tests: one fake page folder for all of them (made before
 * the first, removed after the last), and the list its tests push their hosts
 * on, each closed after its test.
 */
export function fakePageAndHosts(): { staticDir: () => string; hosts: LoopbackHost[] } {
  let dir = ''
  beforeAll(() => {
    dir = fakeRendererDir()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const hosts: LoopbackHost[] = []
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()))
  })
  return { staticDir: () => dir, hosts }
}
