/** Every form of the API key a panel may echo (issue #12 §4) comes out as `***`. */
import { describe, expect, it } from 'vitest'
import { scrubKeyBytes, scrubKeyText } from '../../../electron/core/api/scrub-key'
import { scrubText } from '../../../electron/core/api/api-error'

const key = '0a1B2c3D4e5F6a7B8c9D0e1F2a3B4c5D'
const esc = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
const pct = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')

describe('scrubKeyText', () => {
  it.each([
    ['as sent', key],
    ['upper-case', key.toUpperCase()],
    ['lower-case', key.toLowerCase()],
    ['JSON-escaped', esc(key)],
    ['JSON-escaped, upper-case hex', esc(key).toUpperCase().replace(/\\U/g, '\\u')],
    ['JSON-escaped upper-case key', esc(key.toUpperCase())],
    ['URL-encoded', pct(key)],
    ['URL-encoded upper-case key', pct(key.toUpperCase())],
    ['half escaped', esc(key.slice(0, 10)) + key.slice(10, 20) + pct(key.slice(20))],
  ])('%s', (_what, form) => {
    expect(scrubKeyText(`before ${form} after`, key)).toBe('before *** after')
    expect(scrubText(`said "${form}"`, key)).toBe('said "***"')
  })

  it('leaves other text alone, and does nothing for a missing or too short key', () => {
    expect(scrubKeyText('0a1B2c3D4e5F6a7B8c9D0e1F2a3B4c5', key)).toBe('0a1B2c3D4e5F6a7B8c9D0e1F2a3B4c5')
    expect(scrubKeyText('abc abc', 'abc')).toBe('abc abc')
    expect(scrubKeyText('abc', undefined)).toBe('abc')
  })
})

describe('scrubKeyBytes', () => {
  it('keeps bytes that are not UTF-8 exactly as sent around the scrubbed key', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(`"${key.toUpperCase()}"`), Buffer.from([0xc3])])
    const out = Buffer.from(scrubKeyBytes(body, key))
    expect(out).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('"***"'), Buffer.from([0xc3])]))
  })

  it('hands back the same bytes when the key is not there', () => {
    const body = Buffer.from('{"status":"STATUS_SUCCESS"}')
    expect(scrubKeyBytes(body, key)).toBe(body)
  })
})
