/**
 * The expiry an extension will give, as the preview shows it before anything
 * is charged (docs/panel-api.md §7): added to a future expiry, counted from now
 * otherwise, and "now" for a package without a duration.
 */
import { describe, expect, test } from 'vitest'
import { cachedExpiry, extendedExpiry, quoteExpiry } from '../../../electron/core/writes/expiry'
import type { CoreContext } from '../../../electron/core/ports'
import { DAY, pkg } from '../../helpers/rows'

const NOW = Date.UTC(2025, 0, 15, 12) / 1000
const days = (n: number) => pkg(1, { officialDuration: n, officialDurationIn: 'days' })

describe('extendedExpiry', () => {
  test('a future expiry moves by the duration; a past, current or unlimited one counts from now', () => {
    expect(extendedExpiry(days(30), NOW + DAY, NOW)).toEqual({ expDate: NOW + DAY, newExpDate: NOW + 31 * DAY })
    expect(extendedExpiry(days(30), NOW - DAY, NOW)).toEqual({ expDate: NOW - DAY, newExpDate: NOW + 30 * DAY })
    expect(extendedExpiry(days(30), NOW, NOW)).toEqual({ expDate: NOW, newExpDate: NOW + 30 * DAY })
    expect(extendedExpiry(days(30), null, NOW)).toEqual({ expDate: null, newExpDate: NOW + 30 * DAY })
  })

  test('a package without a duration (0, negative, unreadable) expires at once', () => {
    for (const n of [0, -2, Number.NaN]) expect(extendedExpiry(days(n), NOW + DAY, NOW), String(n)).toEqual({ expDate: NOW + DAY, newExpDate: NOW })
  })
})

describe('cachedExpiry', () => {
  test('a number, null for unlimited, undefined when the row does not say', () => {
    expect(cachedExpiry({ expDate: NOW })).toBe(NOW)
    expect(cachedExpiry({ expDate: null })).toBeNull()
    expect(cachedExpiry({ expDate: '2025-01-15' })).toBeUndefined()
    expect(cachedExpiry({ id: 4 })).toBeUndefined()
    expect(cachedExpiry(null)).toBeUndefined()
  })
})

describe('quoteExpiry: the preview of one cached item', () => {
  const packages = [days(30), pkg(2, { officialDuration: 1, officialDurationIn: 'months' })]
  const ctx = (row: Record<string, unknown> | null) =>
    ({ now: () => NOW * 1000, cache: { getRow: () => row } }) as unknown as CoreContext
  const q = (over: Record<string, unknown> = {}) => ({ profileId: 'p1', resource: 'lines', packageId: 1, id: 4, ...over })

  test('the chosen package from the cached expiry', () => {
    expect(quoteExpiry(ctx({ id: 4, expDate: null }), q(), packages)).toEqual({ expDate: null, newExpDate: NOW + 30 * DAY })
    expect(quoteExpiry(ctx({ id: 4, expDate: null }), q({ packageId: 2 }), packages)).toEqual({ expDate: null, newExpDate: Date.UTC(2025, 1, 15, 12) / 1000 })
  })

  test('nothing to show: a sub-reseller, no item, an unknown package, a row that does not say', () => {
    const row = ctx({ id: 4, expDate: NOW })
    expect(quoteExpiry(row, q({ resource: 'subResellers' }), packages)).toBeNull()
    expect(quoteExpiry(row, q({ id: undefined }), packages)).toBeNull()
    expect(quoteExpiry(row, q({ packageId: 9 }), packages)).toBeNull()
    expect(quoteExpiry(ctx({ id: 4 }), q(), packages)).toBeNull()
    expect(quoteExpiry(ctx(null), q(), packages)).toBeNull()
  })
})
