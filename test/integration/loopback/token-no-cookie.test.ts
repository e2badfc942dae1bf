/**
 * The loopback host's token is never a cookie (issue #12 §4): cookies are not
 * port-bound, so a cookie set by 127.0.0.1:PORT is sent to every other service
 * on 127.0.0.1. The token travels in the printed URL's fragment (which the
 * browser never sends), and the page hands it to the WebSocket itself.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startLoopbackHost } from '../../../electron/loopback/host'
import { READY_LINE_RE } from '../../../electron/loopback/cli-args'
import { recordingHandlers } from '../../unit/main/recording-handlers'
import { fakePageAndHosts, httpGet, openSocket, refusedStatus, wsUrl } from './helpers'

const { staticDir, hosts } = fakePageAndHosts()

async function start() {
  const rec = recordingHandlers()
  const host = await startLoopbackHost({ core: { dispatch: rec.dispatch, onEvent: () => () => {} }, staticDir: staticDir() })
  hosts.push(host)
  return host
}

describe('loopback token without a cookie', () => {
  it('prints the token in the fragment, never in the query', async () => {
    const host = await start()
    const url = new URL(host.url)
    expect(url.search).toBe('')
    expect(url.hash).toBe(`#token=${host.token}`)
    expect(`XM Reseller Desk: ${host.url}`).toMatch(READY_LINE_RE)
    expect(READY_LINE_RE.exec(`XM Reseller Desk: ${host.url}`)?.[3]).toBe(host.token)
  })

  it('sets no cookie, whatever the page request carries', async () => {
    const host = await start()
    for (const path of ['/', `/?token=${host.token}`, '/assets/app.js', `/assets/app.js?token=${host.token}`]) {
      const answer = await httpGet(host.port, path)
      expect(answer.status, path).toBe(200)
      expect(answer.headers['set-cookie'], path).toBeUndefined()
    }
  })

  it('a cookie with the token opens nothing: the socket needs the token itself', async () => {
    const host = await start()
    const origin = `http://127.0.0.1:${host.port}`
    const cookie = `xm_token_${host.port}=${host.token}`
    expect(await refusedStatus(wsUrl(host.port, null), { origin, headers: { cookie } })).toBe(403)
    const s = await openSocket(wsUrl(host.port, host.token), { origin })
    s.ws.close()
  })

  it('another service on 127.0.0.1 receives nothing of the token after the page loaded', async () => {
    const host = await start()
    const seen: IncomingHttpHeaders[] = []
    const other = createServer((req, res) => {
      seen.push(req.headers)
      res.end('ok')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()))
    try {
      // What a browser does: it stores what the page answer set, then sends it to the other port.
      const printed = new URL(host.url)
      const page = await httpGet(host.port, printed.pathname + printed.search)
      expect(page.status).toBe(200)
      const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? [])
      const jar = setCookie.map((c) => c.split(';')[0]).join('; ')
      const port = (other.address() as AddressInfo).port
      await httpGet(port, '/', jar ? { cookie: jar } : {})
      expect(seen).toHaveLength(1)
      expect(JSON.stringify(seen[0])).not.toContain(host.token)
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    }
  })
})
