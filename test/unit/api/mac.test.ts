import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../electron/core/api/api-error'
import { normaliseMac, tryNormaliseMac } from '../../../electron/core/api/mac'

describe('normaliseMac', () => {
  it('accepts the three PHP FILTER_VALIDATE_MAC forms in any case → upper-case colons', () => {
    expect(normaliseMac('aa:bb:cc:dd:ee:ff')).toBe('AA:BB:CC:DD:EE:FF')
    expect(normaliseMac('AA-BB-CC-DD-EE-FF')).toBe('AA:BB:CC:DD:EE:FF')
    expect(normaliseMac('aabb.ccdd.eeff')).toBe('AA:BB:CC:DD:EE:FF')
    expect(normaliseMac('00:1a:79:Ab:cD:eF')).toBe('00:1A:79:AB:CD:EF')
    expect(normaliseMac('  00-1A-79-00-00-01 ')).toBe('00:1A:79:00:00:01')
  })

  it.each([
    '001A79ABCDEF',
    '00:1A:79:AB:CD',
    '00:1A-79:AB:CD:EF',
    'GG:BB:CC:DD:EE:FF',
    '00:1A:79:AB:CD:EF:00',
    'aabb.ccdd-eeff',
    '',
    'aabbc.cdd.eeff',
  ])('refuses %j with a VALIDATION ApiError that says how to write it', (bad) => {
    expect(tryNormaliseMac(bad)).toBeNull()
    let caught: unknown
    try {
      normaliseMac(bad, 'create_mag')
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(ApiError)
    const err = caught as ApiError
    expect(err.code).toBe('VALIDATION')
    expect(err.outcome).toBe('failed')
    expect(err.action).toBe('create_mag')
    expect(err.message).toMatch(/00:1A:79:12:34:56/)
  })
})
