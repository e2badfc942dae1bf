import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../electron/simulator/index'
import { call, encode, start } from './helpers'

let sim: RunningSimulator
beforeEach(async () => {
  sim = await start()
})
afterEach(async () => {
  await sim.close()
})

describe('transport and routing (panel-api §3)', () => {
  it('exposes base URL and origin on 127.0.0.1 with the access code', () => {
    expect(sim.baseUrl).toBe(`http://127.0.0.1:${sim.port}/demo/reseller/index.php`)
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`)
    expect(sim.host).toBe('127.0.0.1')
    expect(sim.apiKey).toMatch(/^[0-9a-f]{32}$/)
  })

  it("answers GET and POST alike, with PHP's text/html content type", async () => {
    const g = await call(sim, 'user_info', {}, { method: 'GET' })
    const p = await call(sim, 'user_info', {}, { method: 'POST' })
    expect(g.status).toBe(200)
    expect(g.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(g.json.status).toBe('STATUS_SUCCESS')
    expect(p.json).toEqual(g.json)
  })

  it('takes parameters from the query and the form body, the body winning', async () => {
    const line = sim.state.lines.rows.find((l) => l.member_id === sim.state.resellerId && !l.is_mag && !l.is_e2)!
    const res = await fetch(`${sim.baseUrl}?api_key=wrong&action=get_line&id=999999`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encode({ api_key: sim.apiKey, id: line.id }),
    })
    const body = JSON.parse(await res.text())
    expect(body.status).toBe('STATUS_SUCCESS')
    expect(body.data.id).toBe(line.id)
  })

  it('ignores non-form bodies (PHP fills $_POST only from forms)', async () => {
    const res = await fetch(sim.baseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ api_key: sim.apiKey, action: 'user_info' }),
    })
    expect(JSON.parse(await res.text())).toEqual({ status: 'STATUS_FAILURE', error: 'Invalid API key.' })
  })

  it('gives an nginx 404 HTML page for other paths', async () => {
    for (const path of ['/demo/reseller/other.php', '/wrong/reseller/index.php', '/', '/demo/admin/index.php']) {
      const res = await fetch(sim.origin + path)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('<center><h1>404 Not Found</h1></center>')
    }
  })

  it('answers other methods with 200 and an empty body', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetch(sim.baseUrl, { method })
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('')
    }
    const head = await fetch(sim.baseUrl, { method: 'HEAD' })
    expect(head.status).toBe(200)
  })

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await fetch(sim.baseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'reseller_notes=' + 'x'.repeat(1024 * 1024 + 10),
    }).catch((e: unknown) => e)
    // Either the 413 page arrives or the server hung up while the client was still sending.
    if (res instanceof Response) expect(res.status).toBe(413)
    else expect(res).toBeInstanceOf(Error)
    expect(sim.ledger()).toHaveLength(0)
  })

  it('sets a PHP session cookie on API answers', async () => {
    const r = await call(sim, 'user_info')
    expect(r.headers.get('set-cookie')).toMatch(/^PHPSESSID=/)
  })
})

describe('authentication and actions', () => {
  it('missing, empty or wrong key → HTTP 200 "Invalid API key."', async () => {
    const expected = { status: 'STATUS_FAILURE', error: 'Invalid API key.' }
    for (const key of [null, '', 'f'.repeat(32)]) {
      const r = await call(sim, 'user_info', {}, { key })
      expect(r.status).toBe(200)
      expect(r.json).toEqual(expected)
    }
  })

  it('checks the key before the action', async () => {
    expect((await call(sim, 'no_such_action', {}, { key: 'bad' })).json.error).toBe('Invalid API key.')
  })

  it('compares the key case-insensitively (SQL *_ci collation)', async () => {
    expect((await call(sim, 'user_info', {}, { key: sim.apiKey.toUpperCase() })).json.status).toBe('STATUS_SUCCESS')
  })

  it('unknown or missing action → "Invalid action."', async () => {
    const expected = { status: 'STATUS_FAILURE', error: 'Invalid action.' }
    expect((await call(sim, 'extend_line')).json).toEqual(expected)
    expect((await call(sim, '')).json).toEqual(expected)
    expect((await call(sim, 'toString')).json).toEqual(expected)
  })

  it("a disabled reseller's key is invalid", async () => {
    sim.state.users.get(sim.state.resellerId)!.status = 0
    expect((await call(sim, 'user_info')).json.error).toBe('Invalid API key.')
  })

  it('a sub-reseller authenticates with its own key and sees only its own tree', async () => {
    const sub = sim.state.users.rows.find((u) => u.owner_id === sim.state.resellerId && u.status === 1)!
    const r = await call(sim, 'user_info', {}, { key: sub.api_key })
    expect(r.json.data.id).toBe(sub.id)
    const lines = await call(sim, 'get_lines', { limit: 1000 }, { key: sub.api_key })
    const owners = new Set(lines.json.data.map((l: { member_id: number }) => l.member_id))
    expect(owners.has(sim.state.resellerId)).toBe(false)
  })
})
