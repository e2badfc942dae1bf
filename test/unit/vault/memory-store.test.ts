import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'

describe('MemorySecretStore', () => {
  it('sets, gets, overwrites and deletes per account', async () => {
    const s = new MemorySecretStore()
    expect(s.kind).toBe('memory')
    expect(await s.get('a')).toBeNull()
    await s.set('a', 'one')
    await s.set('b', 'two')
    await s.set('a', 'three')
    expect(await s.get('a')).toBe('three')
    expect(await s.get('b')).toBe('two')
    expect(await s.delete('a')).toBe(true)
    expect(await s.delete('a')).toBe(false)
    expect(await s.get('a')).toBeNull()
    expect(await s.get('b')).toBe('two')
  })

  it('keeps two stores apart (a store is one session)', async () => {
    const a = new MemorySecretStore()
    const b = new MemorySecretStore()
    await a.set('p', 'x')
    expect(await b.get('p')).toBeNull()
  })
})
