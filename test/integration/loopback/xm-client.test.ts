/**
 * The page's WebSocket handle (src/api/rpc-client.ts, src/api/xm.ts) against
 * the real loopback host over a real socket.
 */
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { startLoopbackHost, type LoopbackHost } from '../../../electron/loopback/host'
import type { EventName } from '../../../electron/shared/contract'
import { createRpcClient, OFFLINE_MESSAGE, type RpcClient, type SocketLike } from '../../../src/api/rpc-client'
import { recordingHandlers } from '../../unit/main/recording-handlers'
import { fakeRendererDir } from './helpers'

let staticDir: string
beforeAll(() => {
  staticDir = fakeRendererDir()
})
afterAll(() => rmSync(staticDir, { recursive: true, force: true }))

const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
  vi.unstubAllGlobals()
})

function fakeCore() {
  let releaseSlow: (() => void) | null = null
  const rec = recordingHandlers({
    // A call that only finishes when the test says so (a panel that takes its time).
    'sync:run': () => new Promise((resolve) => (releaseSlow = () => resolve({ started: 1 }))),
  })
  const listeners = new Set<(name: EventName, payload: unknown) => void>()
  return {
    core: {
      dispatch: rec.dispatch,
      onEvent: (l: (name: EventName, payload: unknown) => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    },
    ran: rec.ran,
    emit: (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload)),
    listenerCount: () => listeners.size,
    releaseSlow: () => releaseSlow?.(),
  }
}

async function startHost(core: ReturnType<typeof fakeCore>['core'], opts: { port?: number; token?: string } = {}) {
  const host = await startLoopbackHost({ core, staticDir, ...opts })
  cleanup.push(() => host.close())
  return host
}

/** What a browser does: a WebSocket that sends the page's Origin. */
const browserSocket = (origin: string) => (url: string) => new WebSocket(url, { origin }) as unknown as SocketLike

function client(host: LoopbackHost, extra: Partial<Parameters<typeof createRpcClient>[0]> = {}): RpcClient {
  const c = createRpcClient({
    url: `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`,
    createSocket: browserSocket(host.origin),
    backoff: { initialMs: 20, maxMs: 100 },
    ...extra,
  })
  cleanup.push(() => c.close())
  return c
}

describe('the page handle over the loopback host', () => {
  it('calls contract methods and gets their Results', async () => {
    const f = fakeCore()
    const host = await startHost(f.core)
    const { xm } = client(host)
    // Sent before the socket is open: queued, then delivered.
    const [a, b] = await Promise.all([xm.lines.delete({ profileId: 'p1', id: 9 }), xm.profiles.list()])
    expect(a).toEqual({ ok: true, value: { handled: 'lines:delete' } })
    expect(b).toEqual({ ok: true, value: { handled: 'profiles:list' } })
    const bad = await xm.lines.delete({ profileId: 'p1', id: -9 })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION')
    expect(f.ran).toEqual([
      ['lines:delete', { profileId: 'p1', id: 9 }],
      ['profiles:list', {}],
    ])
  })

  it('fans events out to subscribers and stops after unsubscribe', async () => {
    const f = fakeCore()
    const host = await startHost(f.core)
    const c = client(host)
    const seenA: unknown[] = []
    const seenB: unknown[] = []
    const offA = c.xm.credits.onChanged((p) => seenA.push(p))
    c.xm.credits.onChanged((p) => seenB.push(p))
    const journal: unknown[] = []
    c.xm.journal.onChanged((p) => journal.push(p))
    await expect.poll(() => c.state()).toBe('open')
    f.emit('credits:changed', [])
    f.emit('journal:changed', { id: 4 })
    await expect.poll(() => seenB.length).toBe(1)
    await expect.poll(() => journal).toEqual([{ id: 4 }])
    expect(seenA).toEqual([[]])
    offA()
    f.emit('credits:changed', [])
    await expect.poll(() => seenB.length).toBe(2)
    expect(seenA).toHaveLength(1)
  })

  it('resolves calls in flight as OFFLINE when the host goes away — never throws', async () => {
    const f = fakeCore()
    const host = await startHost(f.core)
    const { xm } = client(host)
    const slow = xm.sync.run({})
    await expect.poll(() => f.ran.length).toBe(1)
    await host.close()
    expect(await slow).toEqual({ ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } })
    // And while it is gone, calls answer OFFLINE too.
    expect(await xm.profiles.list()).toEqual({ ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } })
  })

  it('reconnects when the host comes back, and events flow again', async () => {
    const f = fakeCore()
    const first = await startHost(f.core)
    const c = client(first)
    const seen: unknown[] = []
    c.xm.sync.onProgress((p) => seen.push(p))
    await expect.poll(() => c.state()).toBe('open')
    await first.close()
    await expect.poll(() => c.state()).not.toBe('open')

    // The host restarts on the same port with the same token (the page keeps its URL).
    const second = await startHost(f.core, { port: first.port, token: first.token })
    await expect.poll(() => c.state(), { timeout: 5000 }).toBe('open')
    f.emit('sync:progress', { profileId: 'p1' })
    await expect.poll(() => seen).toEqual([{ profileId: 'p1' }])
    expect(await c.xm.profiles.list()).toMatchObject({ ok: true })
    expect(second.port).toBe(first.port)
  })

  it('answers OFFLINE when the token is wrong (the host refuses the socket)', async () => {
    const f = fakeCore()
    const host = await startHost(f.core)
    const c = createRpcClient({
      url: `ws://127.0.0.1:${host.port}/rpc?token=wrong`,
      createSocket: browserSocket(host.origin),
      backoff: { initialMs: 20, maxMs: 50 },
    })
    cleanup.push(() => c.close())
    expect(await c.xm.profiles.list()).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(f.ran).toEqual([])
  })

  it('after close(), every call answers OFFLINE without touching the network', async () => {
    let sockets = 0
    const c = createRpcClient({
      url: 'ws://127.0.0.1:9/rpc',
      createSocket: () => {
        sockets++
        throw new Error('no')
      },
    })
    c.close()
    expect(await c.xm.lines.get({ profileId: 'p', id: 1 })).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    c.xm.sync.onProgress(() => {})
    expect(sockets).toBe(0)
  })
})

describe('src/api/xm.ts picks the transport', () => {
  it('uses window.xm from the Electron preload when present', async () => {
    const preloadXm = { marker: true }
    vi.stubGlobal('window', { xm: preloadXm })
    vi.resetModules()
    const mod = await import('../../../src/api/xm')
    expect(mod.transport).toBe('ipc')
    expect(mod.xm).toBe(preloadXm)
  })

  it('in a browser, talks to the host that served the page, with the token from the URL', async () => {
    const f = fakeCore()
    const host = await startHost(f.core)
    const origin = host.origin
    class BrowserWebSocket extends WebSocket {
      constructor(url: string) {
        super(url, { origin })
      }
    }
    vi.stubGlobal('window', {})
    vi.stubGlobal('location', { protocol: 'http:', host: `127.0.0.1:${host.port}`, hash: `#token=${host.token}` })
    vi.stubGlobal('WebSocket', BrowserWebSocket)
    vi.resetModules()
    const mod = await import('../../../src/api/xm')
    expect(mod.transport).toBe('loopback')
    expect(mod.rpcUrlFor({ protocol: 'http:', host: 'h:1' }, 't k')).toBe('ws://h:1/rpc?token=t%20k')
    expect(mod.loopbackToken({ hash: '#a=1&token=t+k' }, null)).toBe('t k')
    expect(await mod.xm.profiles.list()).toEqual({ ok: true, value: { handled: 'profiles:list' } })
    const got: unknown[] = []
    mod.xm.app.onCommand((p) => got.push(p))
    f.emit('app:command', { command: 'refresh-all' })
    await expect.poll(() => got).toEqual([{ command: 'refresh-all' }])
  })

  it('outside any page (a store unit test), answers OFFLINE at once', async () => {
    vi.resetModules()
    const mod = await import('../../../src/api/xm')
    expect(mod.transport).toBe('loopback')
    expect(await mod.xm.settings.get()).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })
})
