import { describe, expect, it } from 'vitest'
import {
  CREDENTIAL_ALPHABET,
  codeLength,
  generateCode,
  generateString,
  generatedLength,
  isValidMac,
  normaliseMac,
} from '../../../electron/simulator/validate'
import { mulberry32 } from '../../../electron/simulator/prng'

describe('MAC validation = PHP FILTER_VALIDATE_MAC', () => {
  it.each(['01:23:45:67:89:ab', '01-23-45-67-89-AB', '0123.4567.89ab', '00:1A:79:AB:CD:EF', 'aa-bb-cc-dd-ee-ff'])(
    'accepts %s',
    (mac) => {
      expect(isValidMac(mac)).toBe(true)
    },
  )
  it.each([
    '0123456789ab', // bare 12 hex
    '01:23-45:67:89:ab', // mixed separators
    '01:23:45:67:89', // too short
    '01:23:45:67:89:ab:cd', // too long
    '01:23:45:67:89:ag', // not hex
    '1:23:45:67:89:ab', // one-digit group
    '0123.4567.89a', // short dotted
    '0123:4567:89ab', // dotted form with colons
    ' 01:23:45:67:89:ab',
    '',
  ])('rejects %j', (mac) => {
    expect(isValidMac(mac)).toBe(false)
  })
  it('normalises to upper-case colon form for ledger targets', () => {
    expect(normaliseMac('00-1a-79-ab-cd-ef')).toBe('00:1A:79:AB:CD:EF')
    expect(normaliseMac('001a.79ab.cdef')).toBe('00:1A:79:AB:CD:EF')
  })
})

describe('generated values', () => {
  it('uses the alphabet without 0/1/i/l/o/I/L/O', () => {
    expect(CREDENTIAL_ALPHABET).not.toMatch(/[01ilolILO]/)
    const s = generateString(mulberry32(1), 500)
    expect(s).toHaveLength(500)
    expect(s).toMatch(/^[23456789a-hjkmnp-zA-HJKMNP-Z]+$/)
  })
  it('generated credential length is max(10, minimum)', () => {
    expect(generatedLength(8)).toBe(10)
    expect(generatedLength(14)).toBe(14)
  })
  it('activation codes are digits without a leading zero, length clamped to [min,max]', () => {
    const rng = mulberry32(3)
    for (let i = 0; i < 50; i++) expect(generateCode(rng, 10)).toMatch(/^[1-9]\d{9}$/)
    expect(codeLength(10, 10, 12)).toBe(10)
    expect(codeLength(8, 10, 12)).toBe(10)
    expect(codeLength(16, 10, 12)).toBe(12)
  })
})
