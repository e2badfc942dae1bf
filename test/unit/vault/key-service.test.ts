import { describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import type { SecretStore } from '../../../electron/core/ports'
import { KeyService } from '../../../electron/core/vault/key-service'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'

const KEY = '0123456789abcdef0123456789ABCDEF'

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected a rejection')
}

/** A keychain whose every call fails, echoing what it was given (the worst a backend could do). */
class EchoingFailingStore implements SecretStore {
  readonly kind = 'keychain' as const
  async get(account: string): Promise<string | null> {
    throw new Error(`get ${account} failed`)
  }
  async set(account: string, secret: string): Promise<void> {
    throw new Error(`could not store ${secret} for ${account}`)
  }
  async delete(): Promise<boolean> {
    throw new Error('delete failed')
  }
}

describe('KeyService', () => {
  it('stores a valid key and answers only a hint', async () => {
    const ks = new KeyService(new MemorySecretStore())
    expect(await ks.set('p1', `  ${KEY}\n`)).toEqual({ hasKey: true, keyHint: 'CDEF' })
    expect(await ks.get('p1')).toBe(KEY)
    expect(await ks.has('p1')).toBe(true)
    expect(ks.backend).toBe('memory')
  })

  it.each([
    ['too short', KEY.slice(0, 31)],
    ['too long', KEY + '0'],
    ['not hex', KEY.slice(0, 31) + 'g'],
    ['empty', ''],
    ['inner space', KEY.slice(0, 16) + ' ' + KEY.slice(16, 31)],
    ['a url', `https://panel.example/?api_key=${KEY}`],
  ])('refuses a key that is %s, without echoing it', async (_why, bad) => {
    const ks = new KeyService(new MemorySecretStore())
    const e = await caught(ks.set('p1', bad))
    expect(e.code).toBe('VALIDATION')
    if (bad.trim().length >= 4) expect(e.message).not.toContain(bad.trim().slice(-8))
    expect(e.message).not.toContain(KEY.slice(0, 12))
    expect(await ks.has('p1')).toBe(false)
  })

  it('get without a key is NO_KEY with a sentence', async () => {
    const ks = new KeyService(new MemorySecretStore())
    const e = await caught(ks.get('nope'))
    expect(e.code).toBe('NO_KEY')
    expect(e.message).toMatch(/No API key is saved/)
  })

  it('clear removes the key and says whether there was one', async () => {
    const ks = new KeyService(new MemorySecretStore())
    await ks.set('p1', KEY)
    await ks.set('p2', KEY.toLowerCase())
    expect(await ks.clear('p1')).toBe(true)
    expect(await ks.clear('p1')).toBe(false)
    expect(await ks.has('p1')).toBe(false)
    expect(await ks.get('p2')).toBe(KEY.toLowerCase())
  })

  it('a failing keychain becomes KEYCHAIN_UNAVAILABLE and the key is scrubbed from the message', async () => {
    const ks = new KeyService(new EchoingFailingStore())
    const e = await caught(ks.set('p1', KEY))
    expect(e.code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(e.message).toContain('system keychain')
    expect(e.message).not.toContain(KEY)
    expect(JSON.stringify({ m: e.message, d: e.details, s: e.stack })).not.toContain(KEY)
    expect((await caught(ks.get('p1'))).code).toBe('KEYCHAIN_UNAVAILABLE')
    expect((await caught(ks.clear('p1'))).code).toBe('KEYCHAIN_UNAVAILABLE')
  })
})
