/** What the client decides before (or without) reaching a panel. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { withoutKey, XtreamClient, type XtreamClientOptions } from '../../../electron/core/api/client'
import { apiError } from './expect-error'

const endpoint = { scheme: 'http' as const, host: '127.0.0.1', port: 8080, accessCode: 'demo' }

function client(over: Partial<XtreamClientOptions>) {
  let fetched = 0
  const c = new XtreamClient({
    endpoint,
    getApiKey: async () => 'a'.repeat(32),
    fetch: async (input, init) => {
      fetched++
      return globalThis.fetch(input, init)
    },
    readRetries: 0,
    ...over,
  })
  return { c, fetched: () => fetched }
}

describe('XtreamClient before the network', () => {
  it('a keychain error keeps its code (e.g. NO_KEY) and nothing is sent', async () => {
    const { c, fetched } = client({
      getApiKey: async () =>
        Promise.reject(new AppError('NO_KEY', 'No key stored for this panel. Enter it in the panel settings.')),
    })
    const e = await apiError(c.call('user_info', {}))
    expect(e).toMatchObject({ code: 'NO_KEY', outcome: 'failed', action: 'user_info' })
    expect(fetched()).toBe(0)
  })

  it('any other keychain failure → KEYCHAIN_UNAVAILABLE; an empty key → NO_KEY', async () => {
    expect(
      (await apiError(client({ getApiKey: async () => Promise.reject(new Error('dbus')) }).c.call('packages', {})))
        .code,
    ).toBe('KEYCHAIN_UNAVAILABLE')
    expect((await apiError(client({ getApiKey: async () => '  ' }).c.call('packages', {}))).code).toBe('NO_KEY')
  })

  it('an address fetch cannot use → VALIDATION, without the key in the error (fetch quotes the URL)', async () => {
    const key = 'b'.repeat(32)
    const { c } = client({ endpoint: { ...endpoint, host: 'bad host' }, getApiKey: async () => key })
    const e = await apiError(c.call('create_line', { package: 1, trial: false }))
    expect(e).toMatchObject({ code: 'VALIDATION', outcome: 'failed' })
    expect(JSON.stringify(e) + e.message + e.stack).not.toContain(key)
  })

  it('a name that does not resolve → OFFLINE, and for a write "failed": nothing was sent', async () => {
    const { c } = client({ endpoint: { ...endpoint, host: 'panel.nonexistent.invalid' }, timeoutMs: 10_000 })
    const e = await apiError(c.call('create_line', { package: 1, trial: false }))
    expect(e).toMatchObject({ code: 'OFFLINE', outcome: 'failed' })
    expect(String(e.details?.cause)).toMatch(/ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL/)
  })

  it('a signal already aborted → CANCELLED before anything is sent', async () => {
    const { c, fetched } = client({})
    const e = await apiError(c.call('create_line', { package: 1, trial: false }, { signal: AbortSignal.abort() }))
    expect(e).toMatchObject({ code: 'CANCELLED', outcome: 'failed' })
    expect(fetched()).toBe(0)
  })
})

describe('XtreamClient address checks', () => {
  it('a port fetch refuses to use (e.g. 6000) → VALIDATION, nothing sent', async () => {
    const { c } = client({ endpoint: { ...endpoint, port: 6000 } })
    const e = await apiError(c.call('create_line', { package: 1, trial: false }))
    expect(e).toMatchObject({ code: 'VALIDATION', outcome: 'failed' })
    expect(e.details?.cause).toBe('BAD_PORT')
  })
})

describe('withoutKey (what the cache may keep of an answer)', () => {
  const text = (b: Uint8Array) => Buffer.from(b).toString('utf8')
  const key = '0123456789abcdef0123456789abcdef'
  it('replaces every occurrence of the key, and only it', () => {
    const body = Buffer.from(`{"a":"${key}","b":"x${key}y","c":"0123456789abcdef"}`)
    expect(text(withoutKey(body, key))).toBe('{"a":"***","b":"x***y","c":"0123456789abcdef"}')
  })
  it('gives back the same bytes when the key is not there (no copy on the sync path)', () => {
    const body = Buffer.from('{"data":[1,2,3]}')
    expect(withoutKey(body, key)).toBe(body)
    expect(withoutKey(body, '')).toBe(body)
  })
  it('works on a view into a larger buffer', () => {
    const big = Buffer.from(`xxxx{"k":"${key}"}yyyy`)
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, big.length - 8)
    expect(text(withoutKey(view, key))).toBe('{"k":"***"}')
  })
})
