/** CacheQuery: status chips, sorting, paging, several panels. */
import { describe, expect, it } from 'vitest'
import type { CachedRow } from '../../../electron/core/ports'
import type { StatusFilter } from '../../../electron/shared/domain'
import { itemStatus } from '../../../electron/shared/status'
import type { CacheQuery } from '../../../electron/shared/views'
import { activityLog, line, NOW, subReseller } from '../../helpers/rows'
import { tempCache } from './temp-cache'

const DAY = 86_400

/** Ten lines, one per interesting combination of flags and expiry. */
const LINES = [
  line(1, { expDate: NOW + 30 * DAY }), // active
  line(2, { enabled: false }), // disabled
  line(3, { adminEnabled: false }), // banned
  line(4, { expDate: NOW - DAY }), // expired
  line(5, { isTrial: true, expDate: NOW + 2 * DAY }), // trial, expiring
  line(6, { expDate: null }), // active, unlimited
  line(7, { expDate: NOW + 3 * DAY }), // expiring
  line(8, { adminEnabled: false, enabled: false }), // banned and disabled
  line(9, { expDate: NOW }), // expires this very second: expired
  line(10, { enabled: false, expDate: NOW + DAY }), // disabled, so not "expiring"
]

const q = (over: Partial<CacheQuery>): CacheQuery => ({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, ...over })
const ids = (rows: CachedRow[]) => rows.map((r) => r.id).sort((a, b) => a - b)

function filled() {
  const cache = tempCache()
  cache.replaceAll('p1', 'lines', LINES, null, NOW * 1000)
  return cache
}

describe('status chips', () => {
  it.each<[StatusFilter[], number[], number | undefined]>([
    [['active'], [1, 5, 6, 7], undefined],
    [['disabled'], [2, 8, 10], undefined],
    [['banned'], [3, 8], undefined],
    [['expired'], [4, 9], undefined],
    [['trial'], [5], undefined],
    [['expiring'], [5, 7], undefined],
    [['expiring'], [], 1],
    [['expiring'], [5], 2],
    [['expiring'], [1, 5, 7], 30],
    [['disabled', 'expired'], [2, 4, 8, 9, 10], undefined],
    [['banned', 'trial', 'banned'], [3, 5, 8], undefined],
    [[], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], undefined],
  ])('%j (expiringDays %s) → %j', (status, expected, expiringDays) => {
    const cache = filled()
    const r = cache.query(q({ status, expiringDays }), NOW)
    expect(ids(r.rows)).toEqual(expected)
    expect(r.total).toBe(expected.length)
  })

  it('"active" agrees with the shared itemStatus() the badges use', () => {
    const cache = filled()
    const active = cache.query(q({ status: ['active'] }), NOW).rows as CachedRow<'lines'>[]
    const byStatus = LINES.filter((l) => itemStatus(l, NOW) === 'active').map((l) => l.id)
    expect(ids(active)).toEqual(byStatus)
  })

  it('sub-resellers: active = enabled, disabled = not enabled, other chips match nothing', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'subResellers', [subReseller(1), subReseller(2, { enabled: false }), subReseller(3)], null, 0)
    expect(ids(cache.query(q({ resource: 'subResellers', status: ['active'] }), NOW).rows)).toEqual([1, 3])
    expect(ids(cache.query(q({ resource: 'subResellers', status: ['disabled'] }), NOW).rows)).toEqual([2])
    expect(ids(cache.query(q({ resource: 'subResellers', status: ['banned', 'expired'] }), NOW).rows)).toEqual([])
    expect(ids(cache.query(q({ resource: 'subResellers', status: ['trial', 'disabled'] }), NOW).rows)).toEqual([2])
  })

  it('logs ignore chips', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'activityLogs', [activityLog(1), activityLog(2)], null, 0)
    expect(cache.query(q({ resource: 'activityLogs', status: ['banned'] }), NOW).total).toBe(2)
  })
})

describe('sorting', () => {
  it('sorts by a domain column, both ways, case-insensitively for text', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'bravo' }), line(2, { username: 'Alpha' }), line(3, { username: 'charlie' })], null, 0)
    const asc = cache.query(q({ sort: { column: 'username', dir: 'asc' } }), NOW).rows
    expect(asc.map((r) => (r as CachedRow<'lines'>).username)).toEqual(['Alpha', 'bravo', 'charlie'])
    const desc = cache.query(q({ sort: { column: 'username', dir: 'desc' } }), NOW).rows
    expect(desc.map((r) => r.id)).toEqual([3, 1, 2])
  })

  it('an unlimited expiry sorts after every date going up, first going down', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { expDate: null }), line(2, { expDate: NOW + 5 }), line(3, { expDate: NOW - 5 })], null, 0)
    expect(cache.query(q({ sort: { column: 'expDate', dir: 'asc' } }), NOW).rows.map((r) => r.id)).toEqual([3, 2, 1])
    expect(cache.query(q({ sort: { column: 'expDate', dir: 'desc' } }), NOW).rows.map((r) => r.id)).toEqual([1, 2, 3])
  })

  it('ties are broken by id so paging is stable', () => {
    const cache = tempCache()
    const rows = Array.from({ length: 23 }, (_, i) => line(100 - i, { packageId: 1 + (i % 2) }))
    cache.replaceAll('p1', 'lines', rows, null, 0)
    const seen: number[] = []
    for (let offset = 0; offset < 30; offset += 5) {
      seen.push(...cache.query(q({ sort: { column: 'packageId', dir: 'asc' }, offset, limit: 5 }), NOW).rows.map((r) => r.id))
    }
    const odd = rows.filter((r) => r.packageId === 1).map((r) => r.id).sort((a, b) => a - b)
    const even = rows.filter((r) => r.packageId === 2).map((r) => r.id).sort((a, b) => a - b)
    expect(seen).toEqual([...odd, ...even])
  })

  it.each(['nope', 'allowedIps', 'bouquets', 'profileId', 'data', 'rid', 'macNorm'])('refuses to sort lines by %s (VALIDATION)', (column) => {
    const cache = filled()
    expect(() => cache.query(q({ sort: { column, dir: 'asc' } }), NOW)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining(column) }),
    )
  })

  it('each resource sorts by its own columns only', () => {
    const cache = tempCache()
    expect(cache.query(q({ resource: 'subResellers', sort: { column: 'credits', dir: 'desc' } }), NOW).total).toBe(0)
    expect(cache.query(q({ resource: 'creditLogs', sort: { column: 'date', dir: 'desc' } }), NOW).total).toBe(0)
    expect(() => cache.query(q({ resource: 'subResellers', sort: { column: 'expDate', dir: 'asc' } }), NOW)).toThrowError(/cannot be sorted/)
  })
})

describe('paging and panels', () => {
  it('pages carry the total of every match', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', Array.from({ length: 25 }, (_, i) => line(i + 1)), null, 0)
    const page = (offset: number) => cache.query(q({ sort: { column: 'id', dir: 'asc' }, offset, limit: 10 }), NOW)
    expect(page(0)).toMatchObject({ total: 25 })
    expect(page(0).rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(page(20).rows.map((r) => r.id)).toEqual([21, 22, 23, 24, 25])
    expect(page(20).total).toBe(25)
    expect(page(40)).toEqual({ rows: [], total: 25 })
  })

  it('one, several or all panels; rows carry their panel', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 0)
    cache.replaceAll('p2', 'lines', [line(1), line(3)], null, 0)
    cache.replaceAll('p3', 'lines', [line(4)], null, 0)
    const key = (rows: CachedRow[]) => rows.map((r) => `${r.profileId}:${r.id}`).sort()
    expect(key(cache.query(q({ profileIds: ['p2'] }), NOW).rows)).toEqual(['p2:1', 'p2:3'])
    expect(key(cache.query(q({ profileIds: ['p1', 'p3'] }), NOW).rows)).toEqual(['p1:1', 'p1:2', 'p3:4'])
    const all = cache.query(q({ profileIds: 'all' }), NOW)
    expect(key(all.rows)).toEqual(['p1:1', 'p1:2', 'p2:1', 'p2:3', 'p3:4'])
    expect(all.total).toBe(5)
    expect(cache.query(q({ profileIds: ['unknown'] }), NOW)).toEqual({ rows: [], total: 0 })
  })

  it('returns the full domain row', () => {
    const cache = tempCache()
    const l = line(1, { allowedIps: ['1.2.3.4'], bouquets: [3, 1], resellerNotes: 'kitchen' })
    cache.replaceAll('p1', 'lines', [l], null, 0)
    expect(cache.query(q({}), NOW).rows).toEqual([{ ...l, profileId: 'p1' }])
  })
})
