/**
 * The page's side of the loopback token (src/api/xm.ts): taken from the URL
 * fragment, kept per tab for reloads, never from a query or a cookie.
 */
import { describe, expect, it } from 'vitest'
import { loopbackToken, rpcUrlFor } from '../../../src/api/xm'

function memoryStore() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }
}

describe('the page takes the loopback token from the fragment', () => {
  it('reads #token=…, keeps it for a reload, and reads it back when the fragment is gone', () => {
    const store = memoryStore()
    expect(loopbackToken({ hash: '#token=abc_DEF-123' }, store)).toBe('abc_DEF-123')
    expect(loopbackToken({ hash: '' }, store)).toBe('abc_DEF-123')
    expect(loopbackToken({ hash: '#token=newer' }, store)).toBe('newer')
  })

  it('has no token without a fragment or a stored one; storage that refuses is survived', () => {
    expect(loopbackToken({ hash: '' }, null)).toBe('')
    expect(loopbackToken({ hash: '#other=1' }, memoryStore())).toBe('')
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loopbackToken({ hash: '#token=t1' }, refusing)).toBe('t1')
    expect(loopbackToken({ hash: '' }, refusing)).toBe('')
  })

  it('puts the token on the socket URL itself, encoded', () => {
    expect(rpcUrlFor({ protocol: 'http:', host: '127.0.0.1:9' }, 'a b')).toBe('ws://127.0.0.1:9/rpc?token=a%20b')
    expect(rpcUrlFor({ protocol: 'https:', host: 'h:1' }, 't')).toBe('wss://h:1/rpc?token=t')
  })
})
