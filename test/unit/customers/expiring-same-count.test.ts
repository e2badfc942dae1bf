/**
 * Issue #15 (credits): "Expiring in 7 days" counts the same subscriptions
 * wherever it is shown — the lists' chip (a cache query, which the Credits
 * view's count also is) and the renewal radar's "Next 7 days" — at the edges
 * too: exactly 7 days out, one second past, just expired, disabled, banned.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXPIRING_SOON_DAYS } from '../../../electron/shared/domain'
import { DAY, enigma, line, mag, NOW } from '../../helpers/rows'
import { bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

const SOON = EXPIRING_SOON_DAYS * DAY

describe('expiring soon, counted alike', () => {
  it('the chip total of lines, MAG and Enigma2 equals the radar’s “Next 7 days”', () => {
    f.sync(f.north, 'lines', [
      line(1, { username: 'a', expDate: NOW + 1 }),
      line(2, { username: 'b', expDate: NOW + SOON }), // the last second of the window: in
      line(3, { username: 'c', expDate: NOW + SOON + 1 }), // out
      line(4, { username: 'd', expDate: NOW }), // expired this second: out
      line(5, { username: 'e', expDate: NOW + DAY, enabled: false }), // disabled: not up for renewal
      line(6, { username: 'f', expDate: NOW + DAY, adminEnabled: false }), // banned
      line(7, { username: 'g', expDate: null }),
    ])
    f.sync(f.north, 'mags', [mag(8, { expDate: NOW + 2 * DAY }), mag(9, { mac: '00:1A:79:00:00:09', expDate: NOW + 30 * DAY })])
    f.sync(f.south, 'enigmas', [enigma(10, { expDate: NOW + 3 * DAY })])

    const chip = (profileIds: string[] | 'all', resource: 'lines' | 'mags' | 'enigmas') =>
      f.cache.query({ profileIds, resource, status: ['expiring'], expiringDays: EXPIRING_SOON_DAYS, offset: 0, limit: 1 }, NOW).total
    const chips = chip('all', 'lines') + chip('all', 'mags') + chip('all', 'enigmas')
    expect(chip([f.north.id], 'lines')).toBe(2)
    expect(chips).toBe(4)

    const radar = f.radar.query({ window: 'week', onlyCustomers: false, includeSnoozed: true, includeLost: true })
    expect(radar.counts.week).toBe(chips)
    expect(radar.rows.map((r) => r.key).sort()).toEqual(['a', 'b', mag(8).mac, enigma(10).mac].sort())
    // The cache's default window is the same constant.
    expect(f.cache.query({ profileIds: 'all', resource: 'lines', status: ['expiring'], offset: 0, limit: 1 }, NOW).total).toBe(2)
  })
})
