import { describe, expect, test } from 'vitest'
import { codeLength, generateCode, generatePassword, generateUsername, PANEL_ALPHABET } from '../../../electron/core/writes/generate'
import { patternKeys } from '../../../electron/core/bulk/pattern'

const acct = (p: { minUsernameLength?: number; minPasswordLength?: number; minCodeLength?: number | null; maxCodeLength?: number | null }) =>
  ({ permissions: { minUsernameLength: 8, minPasswordLength: 8, minCodeLength: null, maxCodeLength: null, ...p } }) as never

describe('client-chosen keys', () => {
  test('usernames and passwords: the panel alphabet, length max(10, minimum)', () => {
    const u = generateUsername(acct({ minUsernameLength: 14 }))
    expect(u).toHaveLength(14)
    expect([...u].every((c) => PANEL_ALPHABET.includes(c))).toBe(true)
    expect(generatePassword(acct({ minPasswordLength: 4 }))).toHaveLength(10)
    expect(generateUsername(null)).toHaveLength(10)
    expect(generateUsername(null)).not.toBe(generateUsername(null))
  })

  test('activation codes: digits, group length (default 10), no leading zero', () => {
    expect(codeLength(null)).toBe(10)
    expect(codeLength(acct({ minCodeLength: 12, maxCodeLength: 16 }))).toBe(12)
    expect(codeLength(acct({ minCodeLength: 20, maxCodeLength: 16 }))).toBe(16)
    const c = generateCode(acct({ minCodeLength: 11 }))
    expect(c).toMatch(/^[1-9][0-9]{10}$/)
  })

  test('bulk patterns: counter with digits, or random without repeats', () => {
    expect(patternKeys({ count: 3, prefix: 'shop', mode: 'counter', startAt: 9, digits: 3 }, 'username')).toEqual(['shop009', 'shop010', 'shop011'])
    const r = patternKeys({ count: 50, prefix: 'x', mode: 'random', startAt: 1, digits: 8 }, 'code')
    expect(new Set(r).size).toBe(50)
    expect(r.every((k) => /^x\d{8}$/.test(k))).toBe(true)
    expect(() => patternKeys({ count: 100, prefix: '', mode: 'random', startAt: 1, digits: 1 }, 'code')).toThrow(/too few/)
  })
})
