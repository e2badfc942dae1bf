import { describe, expect, it } from 'vitest'
import { startLoopbackHost } from '../../../electron/loopback/host'
import type { EventName } from '../../../electron/shared/contract'
import { recordingHandlers } from '../../unit/main/recording-handlers'
import { fakePageAndHosts, httpGet, openSocket, refusedStatus, wsUrl } from './helpers'

const { staticDir, hosts } = fakePageAndHosts()

async function start() {
  const rec = recordingHandlers()
  const listeners = new Set<(name: EventName, payload: unknown) => void>()
  const core = {
    dispatch: rec.dispatch,
    onEvent: (l: (name: EventName, payload: unknown) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
  const host = await startLoopbackHost({ core, staticDir: staticDir() })
  hosts.push(host)
  const emit = (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload))
  const origin = `http://127.0.0.1:${host.port}`
  return { host, ran: rec.ran, emit, listeners, origin }
}

describe('loopback host: the page', () => {
  it('listens on 127.0.0.1 only and prints a URL with a 32-byte token', async () => {
    const { host } = await start()
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`))
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32)
    await expect(
      startLoopbackHost({
        core: { dispatch: async () => ({ ok: true, value: 1 }), onEvent: () => () => {} },
        staticDir: staticDir(),
        host: '0.0.0.0' as '127.0.0.1',
      }),
    ).rejects.toThrow(/127\.0\.0\.1/)
  })

  it('serves the page (the public build) with a strict CSP and no cookie; the token guards the socket', async () => {
    const { host } = await start()
    const page = await httpGet(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>XM</title>')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`)
    expect(csp).toContain("frame-ancestors 'none'")
    // Cookies are not port-bound: every other service on 127.0.0.1 would receive one (token-no-cookie.test.ts).
    expect(page.headers['set-cookie']).toBeUndefined()
  })

  it("serves the page's assets, and 404 for what is not there", async () => {
    const { host } = await start()
    const js = await httpGet(host.port, '/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await httpGet(host.port, '/assets/none.js')).status).toBe(404)
  })

  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    const { host } = await start()
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
      expect((await httpGet(host.port, `/?token=${host.token}`, { host: h })).status, h).toBe(403)
    }
    expect((await httpGet(host.port, '/', { host: `localhost:${host.port}` })).status).toBe(200)
  })

  it('refuses other methods and path traversal', async () => {
    const { host } = await start()
    expect((await httpGet(host.port, `/?token=${host.token}`, {}, 'POST')).status).toBe(405)
    for (const p of ['/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc/hosts']) {
      const answer = await httpGet(host.port, `${p}?token=${host.token}`)
      expect(answer.status, p).toBe(403)
      expect(answer.body).not.toContain('root:')
    }
    expect((await httpGet(host.port, `/rpc?token=${host.token}`)).status).toBe(426)
    // The browser's own favicon request: no 404 noise in the page's console.
    expect((await httpGet(host.port, '/favicon.ico')).status).toBe(204)
  })
})

describe('loopback host: the contract over WebSocket', () => {
  it('refuses sockets without the token, from another Origin, to another Host or path', async () => {
    const { host, origin } = await start()
    expect(await refusedStatus(wsUrl(host.port, null), { origin })).toBe(403)
    expect(await refusedStatus(wsUrl(host.port, 'wrong'), { origin })).toBe(403)
    expect(await refusedStatus(wsUrl(host.port, host.token), { origin: 'http://evil.example' })).toBe(403)
    expect(await refusedStatus(wsUrl(host.port, host.token), { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403)
    expect(await refusedStatus(wsUrl(host.port, host.token))).toBe(403) // no Origin at all
    expect(
      await refusedStatus(wsUrl(host.port, host.token), { origin, headers: { host: `evil.example:${host.port}` } }),
    ).toBe(403)
    expect(await refusedStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, { origin })).toBe(404)
    const ok = await openSocket(wsUrl(host.port, host.token), { origin: `http://localhost:${host.port}` })
    ok.ws.close()
  })

  it('answers contract calls with their Results', async () => {
    const { host, origin, ran } = await start()
    const s = await openSocket(wsUrl(host.port, host.token), { origin })
    expect(await s.call({ jsonrpc: '2.0', id: 1, method: 'lines:delete', params: { profileId: 'p1', id: 4 } })).toEqual(
      {
        jsonrpc: '2.0',
        id: 1,
        result: { ok: true, value: { handled: 'lines:delete' } },
      },
    )
    const invalid = (await s.call({
      jsonrpc: '2.0',
      id: 2,
      method: 'lines:delete',
      params: { profileId: 'p1', id: 'x' },
    })) as {
      result: { ok: boolean; error: { code: string } }
    }
    expect(invalid.result.ok).toBe(false)
    expect(invalid.result.error.code).toBe('VALIDATION')
    expect(ran).toEqual([['lines:delete', { profileId: 'p1', id: 4 }]])
    s.ws.close()
  })

  it('answers protocol mistakes with JSON-RPC errors and keeps the socket open', async () => {
    const { host, origin } = await start()
    const s = await openSocket(wsUrl(host.port, host.token), { origin })
    expect(await s.raw('{oops')).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    expect(await s.raw('{"jsonrpc":"2.0","id":3}')).toMatchObject({ id: 3, error: { code: -32600 } })
    expect(await s.call({ jsonrpc: '2.0', id: 4, method: 'lines:hack' })).toMatchObject({
      id: 4,
      error: { code: -32601 },
    })
    expect(await s.call({ jsonrpc: '2.0', id: 5, method: 'profiles:list' })).toMatchObject({
      id: 5,
      result: { ok: true },
    })
    s.ws.close()
  })

  it('delivers core events to every socket as notifications', async () => {
    const { host, origin, emit } = await start()
    const a = await openSocket(wsUrl(host.port, host.token), { origin })
    const b = await openSocket(wsUrl(host.port, host.token), { origin })
    emit('credits:changed', [{ profileId: 'p1', credits: 5 }])
    const note = { jsonrpc: '2.0', method: 'credits:changed', params: [{ profileId: 'p1', credits: 5 }] }
    await expect.poll(() => a.messages).toEqual([note])
    await expect.poll(() => b.messages).toEqual([note])
    a.ws.close()
    b.ws.close()
  })

  it('closes sockets and stops listening on close, and lets go of core events', async () => {
    const { host, origin, listeners } = await start()
    const s = await openSocket(wsUrl(host.port, host.token), { origin })
    const closed = new Promise<number>((resolve) => s.ws.once('close', (code) => resolve(code)))
    await host.close()
    expect(await closed).toBe(1001)
    expect(listeners.size).toBe(0)
    await expect(httpGet(host.port, `/?token=${host.token}`)).rejects.toThrow(/ECONNREFUSED/)
  })
})
