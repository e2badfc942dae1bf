/**
 * What the journal may hold (electron/core/journal/mask.ts): passwords as a
 * fixed mask, keys and tokens dropped, strings and nesting bounded, the
 * literal secrets a caller names taken out of text. The journal is an audit
 * record a user may export and hand on (docs/ARCHITECTURE.md).
 */
import { describe, expect, test } from 'vitest'
import { maskForJournal, maskRecord, maskText, PASSWORD_MASK } from '../../../electron/core/journal/mask'

const nest = (levels: number, bottom: unknown, wrap: (v: unknown) => unknown) => {
  let v = bottom
  for (let i = 0; i < levels; i++) v = wrap(v)
  return v
}
const dig = (v: unknown, levels: number, step: (v: unknown) => unknown) => {
  for (let i = 0; i < levels; i++) v = step(v)
  return v
}

describe('maskForJournal', () => {
  test('a password is masked whatever its length; an empty or missing one stays as it was', () => {
    expect(maskForJournal({ password: 'hunter22', parentPassword: 'x', pass: 0 })).toEqual({ password: PASSWORD_MASK, parentPassword: PASSWORD_MASK, pass: PASSWORD_MASK })
    expect(maskForJournal({ password: '', pass: null, parent_password: undefined })).toEqual({ password: '', pass: null, parent_password: undefined })
    expect(maskForJournal({ api_key: 'k', token: 't', bypass_ua: 'kept' })).toEqual({ bypass_ua: 'kept' })
  })

  test('strings are cut after 2000 characters', () => {
    expect(maskForJournal('a'.repeat(2000))).toBe('a'.repeat(2000))
    expect(maskForJournal('a'.repeat(2001))).toBe('a'.repeat(2000) + '…')
  })

  test('arrays are copied and masked item by item, at most 500 of them', () => {
    const list = [{ password: 'p' }, 'x', 3]
    const out = maskForJournal(list)
    expect(out).toEqual([{ password: PASSWORD_MASK }, 'x', 3])
    expect(out).not.toBe(list)
    expect(maskForJournal(Array.from({ length: 600 }, (_, i) => i))).toEqual(Array.from({ length: 500 }, (_, i) => i))
  })

  test('nesting stops at depth 8, for objects and arrays alike', () => {
    const inObject = (v: unknown) => ({ d: v })
    const outOfObject = (v: unknown) => (v as { d: unknown }).d
    expect(dig(maskForJournal(nest(8, 'bottom', inObject)), 8, outOfObject)).toBe('bottom')
    expect(dig(maskForJournal(nest(9, 'bottom', inObject)), 8, outOfObject)).toBe('[…]')
    const inArray = (v: unknown) => [v]
    const outOfArray = (v: unknown) => (v as unknown[])[0]
    expect(dig(maskForJournal(nest(8, 'bottom', inArray)), 8, outOfArray)).toBe('bottom')
    expect(dig(maskForJournal(nest(9, 'bottom', inArray)), 8, outOfArray)).toBe('[…]')
  })
})

describe('maskRecord and maskText', () => {
  test('nothing stays nothing', () => {
    expect(maskRecord(null)).toBeNull()
    expect(maskRecord(undefined)).toBeNull()
    expect(maskText(null)).toBeNull()
    expect(maskText(undefined)).toBeNull()
  })

  test('the named secrets of four characters or more are taken out; nothing else is', () => {
    expect(maskText('Stryker was here: abc and abcd', ['abc'])).toBe('Stryker was here: abc and abcd')
    // Without named secrets, only the api_key= pattern goes.
    expect(maskText('Stryker was here')).toBe('Stryker was here')
    expect(maskText('user abcd, pass abcd', ['abcd'])).toBe(`user ${PASSWORD_MASK}, pass ${PASSWORD_MASK}`)
  })

  test('text is cut after 2000 characters', () => {
    expect(maskText('b'.repeat(2000))).toBe('b'.repeat(2000))
    expect(maskText('b'.repeat(2001))).toBe('b'.repeat(2000) + '…')
  })
})
