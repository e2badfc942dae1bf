import { describe, expect, it } from 'vitest'
import { dispatch, INTERNAL_MESSAGE } from '../../../electron/core/app/dispatch'
import { AppError } from '../../../electron/core/errors'
import { METHOD_NAMES, type ContractHandlers } from '../../../electron/shared/contract'

/** Handlers that record what they were given; each test overrides the one it needs. */
function handlers(over: Partial<ContractHandlers> = {}): { h: ContractHandlers; calls: unknown[] } {
  const calls: unknown[] = []
  const base = Object.fromEntries(
    METHOD_NAMES.map((n) => [
      n,
      async (args: unknown) => {
        calls.push(args)
        return { done: true }
      },
    ]),
  )
  return { h: { ...base, ...over } as ContractHandlers, calls }
}

describe('dispatch', () => {
  it('runs the handler with parsed args and wraps its value', async () => {
    const { h, calls } = handlers()
    const r = await dispatch(h, 'sync:cancel', { profileId: 'p1' })
    expect(r).toEqual({ ok: true, value: { done: true } })
    expect(calls).toEqual([{ profileId: 'p1' }])
    // argument-less methods accept no argument at all
    expect((await dispatch(h, 'profiles:list', undefined)).ok).toBe(true)
    expect(calls[1]).toEqual({})
  })

  it('passes zod defaults through to the handler', async () => {
    const { h, calls } = handlers()
    await dispatch(h, 'journal:query', {})
    expect(calls[0]).toEqual({ offset: 0, limit: 100 })
  })

  it('refuses names outside the contract without touching the handlers object', async () => {
    const { h, calls } = handlers()
    for (const name of ['nope:nothing', '__proto__', 'toString', 42, null]) {
      const r = await dispatch(h, name, {})
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('VALIDATION')
    }
    expect(calls).toEqual([])
  })

  it('turns a schema failure into VALIDATION with the path in a sentence, and never calls the handler', async () => {
    const { h, calls } = handlers()
    const r = await dispatch(h, 'cache:query', { profileIds: 'all', resource: 'lines', offset: -1, limit: 50 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toMatch(/^offset: .+\.$/)
    expect(r.error.details?.issues).toBeInstanceOf(Array)
    expect(calls).toEqual([])

    const extra = await dispatch(h, 'profiles:list', { sneaky: 1 })
    expect(extra.ok).toBe(false)
    if (!extra.ok) expect(extra.error.code).toBe('VALIDATION')

    const nested = await dispatch(h, 'keys:set', { profileId: 'p', apiKey: '' })
    expect(nested.ok).toBe(false)
    if (!nested.ok) expect(nested.error.message).toMatch(/^apiKey: /)
  })

  it('keeps an AppError code, message and details', async () => {
    const { h } = handlers({
      'profiles:test': async () => {
        throw new AppError('AUTH_INVALID', 'The panel refused the API key.', { details: { profileId: 'p1' } })
      },
    })
    const r = await dispatch(h, 'profiles:test', { profileId: 'p1' })
    expect(r).toEqual({ ok: false, error: { code: 'AUTH_INVALID', message: 'The panel refused the API key.', details: { profileId: 'p1' } } })
  })

  it('redacts api_key in messages and details, and drops apiKey fields', async () => {
    const { h } = handlers({
      'profiles:test': async () => {
        throw new AppError('OFFLINE', 'GET http://x:80/c/reseller/index.php?api_key=0123456789abcdef0123456789abcdef&action=user_info failed', {
          details: { url: 'http://x/?api_key=0123456789abcdef0123456789abcdef', nested: { apiKey: 'secret', keep: 1 } },
        })
      },
    })
    const r = await dispatch(h, 'profiles:test', { profileId: 'p1' })
    const text = JSON.stringify(r)
    expect(text).not.toContain('0123456789abcdef0123456789abcdef')
    expect(text).not.toContain('secret')
    expect(text).toContain('api_key=***')
    if (!r.ok) expect(r.error.details).toEqual({ url: 'http://x/?api_key=***', nested: { keep: 1 } })
  })

  it('answers INTERNAL with a fixed sentence for anything else, nothing of the error or its stack', async () => {
    const boom = new TypeError('cannot read x of undefined at /home/me/app/core.ts:12 api_key=abc')
    const { h } = handlers({
      'profiles:list': async () => {
        throw boom
      },
      'sync:status': () => {
        // a synchronous throw from a non-async handler is caught too
        throw 'a string'
      },
    })
    for (const name of ['profiles:list', 'sync:status'] as const) {
      const r = await dispatch(h, name, {})
      expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } })
      expect(JSON.stringify(r)).not.toMatch(/core\.ts|TypeError|abc|string/)
    }
  })
})
