import { describe, expect, it } from 'vitest'
import { addDuration, formatDateTime, parseDay } from '../../../electron/simulator/time'

const at = (iso: string): number => Date.parse(iso) / 1000
const iso = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000', '')

describe('addDuration (strtotime "+N unit", UTC)', () => {
  it('adds hours and days as fixed seconds', () => {
    expect(addDuration(at('2025-01-15T12:00:00Z'), 24, 'hours')).toBe(at('2025-01-16T12:00:00Z'))
    expect(addDuration(at('2025-01-15T12:00:00Z'), 7, 'days')).toBe(at('2025-01-22T12:00:00Z'))
  })
  it('overflows calendar months like PHP: Jan 31 + 1 month = Mar 3 (Mar 2 in a leap year)', () => {
    expect(iso(addDuration(at('2025-01-31T10:00:00Z'), 1, 'months'))).toBe('2025-03-03T10:00:00Z')
    expect(iso(addDuration(at('2024-01-31T10:00:00Z'), 1, 'months'))).toBe('2024-03-02T10:00:00Z')
    expect(iso(addDuration(at('2025-03-31T00:00:00Z'), 1, 'months'))).toBe('2025-05-01T00:00:00Z')
  })
  it('adds months across years and keeps the time of day', () => {
    expect(iso(addDuration(at('2025-11-15T08:30:15Z'), 3, 'months'))).toBe('2026-02-15T08:30:15Z')
  })
  it('adds years, Feb 29 overflowing to Mar 1', () => {
    expect(iso(addDuration(at('2024-02-29T00:00:00Z'), 1, 'years'))).toBe('2025-03-01T00:00:00Z')
    expect(iso(addDuration(at('2025-06-01T00:00:00Z'), 2, 'years'))).toBe('2027-06-01T00:00:00Z')
  })
  it('adds nothing for 0', () => {
    expect(addDuration(1_700_000_000, 0, 'months')).toBe(1_700_000_000)
  })
})

describe('formatting', () => {
  it('formats FROM_UNIXTIME style', () => {
    expect(formatDateTime(at('2025-01-15T14:30:05Z'))).toBe('2025-01-15 14:30:05')
    expect(formatDateTime(at('1999-12-31T23:59:59Z'))).toBe('1999-12-31 23:59:59')
  })
  it('parses days', () => {
    expect(parseDay('2025-01-15')).toBe(at('2025-01-15T00:00:00Z'))
    expect(parseDay('15/01/2025')).toBeNull()
  })
})
