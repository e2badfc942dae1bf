/**
 * The API key never rides out in an error (docs/ARCHITECTURE.md, money rules):
 * ApiError scrubs its message, details and echo — deep, `api_key` fields
 * dropped, every string cleaned of the literal key and the `api_key=` pattern —
 * and withSecret() scrubs an error made before the key was known, keeping
 * everything else.
 */
import { describe, expect, it } from 'vitest'
import { ApiError, scrub, scrubText } from '../../../electron/core/api/api-error'
import { scrubKeyBytes, scrubKeyText } from '../../../electron/core/api/scrub-key'

const key = 'Zk7Qp2Lm9Xw4Rt6Yv1Nb3Hc8'

describe('ApiError holds no key', () => {
  it('message, details (deep) and echo are scrubbed; api_key fields are dropped', () => {
    const e = new ApiError({
      code: 'FAILURE',
      action: 'create_line',
      outcome: 'unknown',
      status: 'STATUS_FAILURE',
      httpStatus: 500,
      message: `The panel said: bad request ?api_key=${key}&action=create_line (key ${key.toUpperCase()})`,
      details: { panelMessage: `echo ${key}`, nested: { list: [`a ${key}`, { api_key: key, apiKey: key, API_KEY: key, keep: 1 }] }, count: 3, none: null },
      echo: { api_key: key, request: `GET /?api_key=${key}`, fields: [key] },
      secret: key,
    })
    expect(e.message).toBe('The panel said: bad request ?api_key=***&action=create_line (key ***)')
    expect(e.details).toEqual({ panelMessage: 'echo ***', nested: { list: ['a ***', { keep: 1 }] }, count: 3, none: null })
    expect(e.echo).toEqual({ request: 'GET /?api_key=***', fields: ['***'] })
    expect(e).toMatchObject({ name: 'ApiError', code: 'FAILURE', action: 'create_line', outcome: 'unknown', status: 'STATUS_FAILURE', httpStatus: 500 })
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain(key)
  })

  it('without the literal key, the api_key= pattern still goes; no details and no echo stay absent', () => {
    const e = new ApiError({ code: 'OFFLINE', action: 'get_lines', outcome: 'failed', message: `fetch http://panel/?api_key=${key}` })
    expect(e.message).toBe('fetch http://panel/?api_key=***')
    expect(e.details).toBeUndefined()
    expect(e.echo).toBeUndefined()
    expect(e.message).not.toContain(key)
  })

  it('no message: the default for the code is used (and scrubbed like any other)', () => {
    const e = new ApiError({ code: 'FAILURE', action: 'get_line', outcome: 'failed' })
    expect(e.message).toBe('The panel could not read the line: the item may no longer exist or may not belong to you. Refresh and try again.')
  })

  it('withSecret: a copy with the key scrubbed, every other field kept', () => {
    const before = new ApiError({
      code: 'AUTH_INVALID', action: 'user_info', outcome: 'failed', status: 'STATUS_FAILURE', httpStatus: 403,
      message: `rejected key ${key}`, details: { panelMessage: `key ${key}` }, echo: { sent: key, ok: false },
    })
    expect(before.message).toBe(`rejected key ${key}`) // the key was not known yet
    const after = before.withSecret(key)
    expect(after).toBeInstanceOf(ApiError)
    expect(after).not.toBe(before)
    expect(after).toMatchObject({ code: 'AUTH_INVALID', action: 'user_info', outcome: 'failed', status: 'STATUS_FAILURE', httpStatus: 403, message: 'rejected key ***' })
    expect(after.details).toEqual({ panelMessage: 'key ***' })
    expect(after.echo).toEqual({ sent: '***', ok: false })
  })
})

describe('scrub', () => {
  it('copies deep, keeps non-strings as they are, and stops at depth 8', () => {
    const input = { n: 1, b: true, u: undefined, s: `x${key}` }
    const out = scrub(input, key)
    expect(out).toEqual({ n: 1, b: true, u: undefined, s: 'x***' })
    expect(out).not.toBe(input)
    let deep: unknown = 'bottom'
    for (let i = 0; i < 9; i++) deep = { d: deep }
    let cut = scrub(deep) as Record<string, unknown>
    for (let i = 0; i < 8; i++) cut = cut.d as Record<string, unknown>
    expect(cut).toBe('[…]')
    let kept = scrub({ d: { d: { d: { d: { d: { d: { d: 'seven' } } } } } } }) as Record<string, unknown>
    for (let i = 0; i < 7; i++) kept = kept.d as Record<string, unknown>
    expect(kept).toBe('seven')
    // Arrays count as levels too.
    let list: unknown = 'bottom'
    for (let i = 0; i < 9; i++) list = [list]
    let cutList = scrub(list) as unknown[]
    for (let i = 0; i < 8; i++) cutList = cutList[0] as unknown[]
    expect(cutList).toBe('[…]')
  })

  it('drops apikey / api_key fields in any case, and keeps fields that only contain the word', () => {
    expect(scrub({ apikey: 1, APIKEY: 2, Api_Key: 3, api_keys: 4, my_api_key: 5 })).toEqual({ api_keys: 4, my_api_key: 5 })
  })

  it('arrays stay arrays', () => {
    expect(scrub([key, [key], 3], key)).toEqual(['***', ['***'], 3])
  })
})

describe('the literal key in its other spellings', () => {
  it('a slash in the key also matches JSON\'s \\/ escape; characters outside ASCII match only as themselves', () => {
    const slashKey = 'ab/cd+ef'
    expect(scrubKeyText('k=ab\\/cd+ef;', slashKey)).toBe('k=***;')
    expect(scrubKeyText('k=ab%2Fcd%2bef;', slashKey)).toBe('k=***;')
    const wide = 'clé-secrète'
    expect(scrubKeyText(`x ${wide} y`, wide)).toBe('x *** y')
    expect(scrubKeyText('x cl\\u00e9-secr\\u00e8te y', wide)).toBe('x cl\\u00e9-secr\\u00e8te y')
  })

  it('a four-character key is scrubbed; three characters are too short to tell from text', () => {
    expect(scrubKeyText('say abcd and ABCD', 'abcd')).toBe('say *** and ***')
    expect(scrubKeyText('say abc', 'abc')).toBe('say abc')
    expect(scrubText('api_key=abc', 'abc')).toBe('api_key=***')
  })

  it('the same key scrubs every occurrence on every call (no state left between calls)', () => {
    const text = `${key} and ${key}`
    for (let i = 0; i < 3; i++) expect(scrubKeyText(text, key)).toBe('*** and ***')
    // More keys than the pattern cache holds: each still scrubs.
    for (let i = 0; i < 40; i++) expect(scrubKeyText(`k${i}-secret-${i}`, `k${i}-secret-${i}`)).toBe('***')
    expect(scrubKeyText(text, key)).toBe('*** and ***')
  })

  it('bytes: a key too short or an empty body hand back the same bytes; a UTF-8 key is found in the bytes', () => {
    const body = Buffer.from('abc')
    expect(scrubKeyBytes(body, 'abc')).toBe(body)
    // Four characters is long enough to be a key.
    expect(Buffer.from(scrubKeyBytes(Buffer.from('x abcd y'), 'abcd')).toString()).toBe('x *** y')
    const empty = new Uint8Array(0)
    expect(scrubKeyBytes(empty, key)).toBe(empty)
    const wide = 'clé-secrète'
    expect(Buffer.from(scrubKeyBytes(Buffer.from(`{"k":"${wide}","n":"${wide}"}`), wide)).toString()).toBe('{"k":"***","n":"***"}')
    // A body that is a view into a larger buffer: only its own bytes are read.
    const big = Buffer.from(`xxxx${key}yyyy`)
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, key.length)
    expect(Buffer.from(scrubKeyBytes(view, key)).toString()).toBe('***')
  })
})
