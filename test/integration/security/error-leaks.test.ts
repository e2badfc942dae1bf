/**
 * Promise 4 through the real core (gaps left by test/integration/api/faults.test.ts,
 * which covers the client's errors for read faults and some write faults):
 *
 * - a panel that quotes our request back — the key inside a JSON echo, a PHP
 *   warning with the URL, a text page with the URL encoded inside another URL,
 *   a success answer whose excerpt cuts the key in half, a fetch error that
 *   quotes the URL — never shows the key in the result, the journal, the
 *   journal export, events or files;
 * - every simulator fault kind on a WRITE, through executeWrite and its
 *   journal (not only the client).
 */
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app/create-core'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'
import type { MethodArgs, MethodName } from '../../../electron/shared/contract'
import type { Result } from '../../../electron/shared/errors'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import { startSimulator, type FaultKind, type RunningSimulator } from '../../../electron/simulator'
import { tempDir } from '../core/helpers'
import { filesUnder, findLeak, SECRET_KEY } from './helpers'

type Rewrite = (url: string, body: string) => Response | Promise<Response> | 'reject'

describe('errors never carry the key, whatever the panel sends back', () => {
  let sim: RunningSimulator
  let core: Core
  let dataDir: string
  let p: Profile
  let linePackage = 1
  const results: { method: string; result: Result<unknown> }[] = []
  const events: unknown[] = []
  /** action → how the "panel" answers it this time (then the rewrite is dropped). */
  const rewrites = new Map<string, Rewrite>()

  const panelFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    const action = new URL(url).searchParams.get('action') ?? ''
    // Only the panel's own (http) address is rewritten: Test connection also asks https on the side
    // (the https offer), which must not use up the answer meant for the request under test.
    const rewrite = url.startsWith('https:') ? undefined : rewrites.get(action)
    if (!rewrite) return globalThis.fetch(input, init)
    rewrites.delete(action)
    const body = typeof init?.body === 'string' ? init.body : ''
    const answer = await rewrite(url, body)
    if (answer === 'reject') throw Object.assign(new TypeError(`fetch failed: net::ERR_CONNECTION_RESET ${url}`), { cause: { code: 'ECONNRESET', url } })
    return answer
  }

  async function raw<M extends MethodName>(method: M, args?: MethodArgs<M>): Promise<Result<unknown>> {
    const result = await core.dispatch(method, args)
    results.push({ method, result })
    return result
  }
  let n = 0
  const newLine = () => ({ profileId: p.id, packageId: linePackage, trial: false, username: `leakline${String(++n).padStart(3, '0')}`, password: 'leakpass0101' })

  beforeAll(async () => {
    sim = await startSimulator({ seed: 83, apiKey: SECRET_KEY, lines: 5, mags: 1, enigmas: 1, activecodes: 1, subResellers: 1, credits: 5000 })
    dataDir = tempDir('xm-error-leaks-')
    core = await createCore({ dataDir, secrets: new MemorySecretStore(), transport: 'loopback', appVersion: '0.0.0', platform: 'linux', fetch: panelFetch as typeof fetch })
    core.onEvent((_name, payload) => events.push(payload))
    const created = await raw('profiles:create', { ...PROFILE_DEFAULTS, name: 'Echo panel', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode })
    p = (created as { ok: true; value: Profile }).value
    await raw('keys:set', { profileId: p.id, apiKey: SECRET_KEY })
    await raw('sync:run', { profileIds: [p.id], resources: ['lines'] })
    await raw('credits:refresh', { profileId: p.id })
    await core.sync.idle()
    await core.monitor.idle()
    const pkgs = (await raw('packages:list', { profileId: p.id })) as { ok: true; value: { id: number; isOfficial: boolean; isLine: boolean | null; officialCredits: number }[] }
    linePackage = pkgs.value.find((x) => x.isOfficial && x.isLine !== false && x.officialCredits > 0)?.id ?? 1
  }, 30_000)

  afterAll(async () => {
    await core?.dispose()
    await sim?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('a panel that quotes the request back (echo, warning, encoded URL, cut excerpt, fetch error text)', async () => {
    const keyAt = (url: string) => new URL(url).searchParams.get('api_key')!
    // STATUS_FAILURE whose data is the whole request, key included (panel-api §8: processing errors echo the request).
    rewrites.set('create_line', (url, body) =>
      Response.json({ status: 'STATUS_FAILURE', error: `rejected ${url}`, data: { api_key: keyAt(url), ...Object.fromEntries(new URLSearchParams(body)) } }),
    )
    const echoed = await raw('lines:create', newLine())
    expect(echoed.ok).toBe(false)

    // A PHP warning page quoting the URL, after the write may have applied (500 → OUTCOME_UNKNOWN, with a body excerpt).
    rewrites.set('create_line', (url) => new Response(`<br /><b>Warning</b>: file_get_contents(${url}): failed to open stream in index.php`, { status: 500 }))
    await raw('lines:create', newLine())

    // A plain-text answer that prints our URL inside another URL, encoded (read → BAD_RESPONSE with an excerpt).
    rewrites.set('user_info', (url) => new Response(`Moved: /login?next=${encodeURIComponent(url)}`, { status: 200 }))
    expect((await raw('profiles:test', { profileId: p.id })).ok).toBe(false)
    rewrites.set('user_info', (url) => new Response(`See /login?next=${encodeURIComponent(encodeURIComponent(url))}`, { status: 200 }))
    expect((await raw('profiles:test', { profileId: p.id })).ok).toBe(false)

    // A success answer the app cannot read, with the key (upstream user_info has it, panel-api §4) where the
    // 120-character excerpt cuts it in half.
    rewrites.set('user_info', (url) => {
      const head = '{"status":"STATUS_SUCCESS","data":{"id":"none","username":"myreseller","email":"r@example.com","api_key":"'
      return new Response(`${head}${keyAt(url)}","credits":5}}`, { status: 200 })
    })
    const cut = await raw('profiles:test', { profileId: p.id })
    expect(cut.ok).toBe(false)
    // the excerpt really did cut into the key (so this checks the half-key case)
    const head = '{"status":"STATUS_SUCCESS","data":{"id":"none","username":"myreseller","email":"r@example.com","api_key":"'
    expect(head.length).toBeLessThan(120)
    expect(head.length + SECRET_KEY.length).toBeGreaterThan(120)

    // A fetch whose error quotes the URL (as Electron's net.fetch can), on a write and on a read.
    rewrites.set('create_line', () => 'reject')
    await raw('lines:create', newLine())
    rewrites.set('get_line', () => 'reject')
    await raw('lines:get', { profileId: p.id, id: 1 }) // a read: retried, and answered

    // each case really reached the page as an error that quotes what the panel said (scrubbed)
    const codes = results.slice(-7).map((r) => (r.result.ok ? 'ok' : r.result.error.code))
    expect(codes).toEqual(['FAILURE', 'OUTCOME_UNKNOWN', 'BAD_RESPONSE', 'BAD_RESPONSE', 'BAD_RESPONSE', 'OUTCOME_UNKNOWN', 'ok'])
    expect(JSON.stringify(results.slice(-7))).toMatch(/api_key%3D\*\*\*/)
    expect(JSON.stringify(results.slice(-7))).toMatch(/api_key\\+"\s*:\s*\\+"\*\*\*/)
    await checkNoLeak()
  })

  it.each(['html403', 'html404', 'html503', 'http500empty', 'empty', 'null', 'text', 'reset', 'applyThenDrop', 'invalidJson', 'badUtf8'] satisfies FaultKind[])(
    '%s on a write: result, journal and events hold no key',
    async (kind) => {
      sim.faults.add({ action: 'create_line', kind, times: 1 })
      try {
        await raw('lines:create', newLine())
      } finally {
        sim.faults.clear()
      }
      await checkNoLeak()
    },
  )

  it("sub-resellers' own keys, which upstream panels leak in get_user/get_users (panel-api §4), are neither kept nor shown", async () => {
    const SUB_KEY = 'feedfacefeedface5ab5ab5ab000cafe'
    const addKey = async (url: string, init: RequestInit) => {
      const real = (await (await globalThis.fetch(url, init)).json()) as { data: unknown }
      const put = (row: unknown) => (row && typeof row === 'object' ? { ...row, api_key: SUB_KEY } : row)
      const data = Array.isArray(real.data) ? real.data.map(put) : put(real.data)
      return Response.json({ ...real, data })
    }
    rewrites.set('get_users', (url, body) => addKey(url, { method: 'GET', ...(body ? { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}) }))
    await raw('sync:run', { profileIds: [p.id], resources: ['subResellers'] })
    await core.sync.idle()
    const subs = (await raw('cache:query', { profileIds: [p.id], resource: 'subResellers', offset: 0, limit: 10 })) as { ok: true; value: { rows: { id: number }[] } }
    expect(subs.value.rows.length).toBeGreaterThan(0)
    rewrites.set('get_user', (url, body) => addKey(url, { method: 'GET', ...(body ? { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}) }))
    const one = await raw('subResellers:get', { profileId: p.id, id: subs.value.rows[0]!.id })
    expect(one.ok).toBe(true)
    expect(rewrites.size).toBe(0) // both answers really carried the sub-reseller key
    for (const r of results) expect(findLeak(JSON.stringify(r.result), [SUB_KEY]), r.method).toBeNull()
    for (const e of events) expect(findLeak(JSON.stringify(e), [SUB_KEY])).toBeNull()
    for (const f of filesUnder(dataDir)) expect(findLeak(f.text, [SUB_KEY]), f.path).toBeNull()
  })

  it('a panel that redirects elsewhere: the key is not handed to the other host', async () => {
    const stolen: string[] = []
    const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
    const thief = createServer((req, res) => {
      stolen.push(req.url ?? '')
      res.end('{"status":"STATUS_SUCCESS","data":{}}')
    })
    const thiefPort = await listen(thief)
    const redirector = createServer((req, res) => {
      res.writeHead(302, { Location: `http://127.0.0.1:${thiefPort}/collect${(req.url ?? '').slice((req.url ?? '').indexOf('?'))}` })
      res.end()
    })
    const port = await listen(redirector)
    try {
      const moved = (await raw('profiles:create', { ...PROFILE_DEFAULTS, name: 'Moved panel', host: '127.0.0.1', port, accessCode: 'demo' })) as { ok: true; value: Profile }
      await raw('keys:set', { profileId: moved.value.id, apiKey: SECRET_KEY })
      const test = await raw('profiles:test', { profileId: moved.value.id })
      expect(test.ok ? null : test.error.code).toBe('BAD_RESPONSE')
      const write = await raw('lines:create', { ...newLine(), profileId: moved.value.id })
      expect(write.ok).toBe(false)
      expect(stolen).toEqual([])
      await raw('profiles:remove', { profileId: moved.value.id })
    } finally {
      thief.close()
      redirector.close()
    }
    await checkNoLeak()
  })

  async function checkNoLeak() {
    const journal = await raw('journal:query', { limit: 1000 })
    const csv = await raw('journal:exportCsv', {})
    expect(journal.ok && csv.ok).toBe(true)
    for (const r of results) expect(findLeak(JSON.stringify(r.result), [SECRET_KEY]), `${r.method}: ${JSON.stringify(r.result).slice(0, 300)}`).toBeNull()
    for (const e of events) expect(findLeak(JSON.stringify(e), [SECRET_KEY])).toBeNull()
    for (const f of filesUnder(dataDir)) expect(findLeak(f.text, [SECRET_KEY]), f.path).toBeNull()
  }
})
