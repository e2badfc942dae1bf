/** Counts read right: "1 minute ago", "in 1 day", "1 row", and a package's duration with its unit in the right number. */
import { describe, expect, it } from 'vitest'
import { tn } from '../../../src/i18n'
import { agoMs, expiryRelative, formatDuration } from '../../../src/lib/format'

const NOW = 1_800_000_000

describe('plural forms (Intl.PluralRules)', () => {
  it('ago: one and many', () => {
    expect(agoMs(NOW * 1000 - 60_000, NOW * 1000)).toBe('1 minute ago')
    expect(agoMs(NOW * 1000 - 5 * 60_000, NOW * 1000)).toBe('5 minutes ago')
    expect(agoMs(NOW * 1000 - 3600_000, NOW * 1000)).toBe('1 hour ago')
    expect(agoMs(NOW * 1000 - 86_400_000, NOW * 1000)).toBe('1 day ago')
    expect(agoMs(NOW * 1000 - 3 * 86_400_000, NOW * 1000)).toBe('3 days ago')
  })

  it('expiry: "in 1 day", "expired 2 days ago"', () => {
    expect(expiryRelative(NOW + 86_400, NOW)).toBe('in 1 day')
    expect(expiryRelative(NOW - 2 * 86_400, NOW)).toBe('expired 2 days ago')
  })

  it('row counts', () => {
    expect(tn('table.count', 1)).toBe('1 row')
    expect(tn('table.count', 0)).toBe('0 rows')
    expect(tn('table.count', 12_345)).toBe('12,345 rows')
  })

  it('durations: unit words in the right number; zero says what it means', () => {
    expect(formatDuration(1, 'months')).toBe('1 month')
    expect(formatDuration(3, 'months')).toBe('3 months')
    expect(formatDuration(24, 'hours')).toBe('24 hours')
    expect(formatDuration(1, 'years')).toBe('1 year')
    expect(formatDuration(7, 'days')).toBe('7 days')
    expect(formatDuration(0, 'months')).toBe('expires at once')
  })
})
