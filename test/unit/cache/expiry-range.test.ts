/**
 * The list sorted by expiry with only "expiring" on (the table's to-do list, table-view.ts)
 * seeks the expiry index to the window instead of walking each panel from its oldest
 * expired line (query-sql.ts expirySegments), and answers what the chip's own clause answers.
 */
import { describe, expect, it } from 'vitest'
import { buildQuerySql } from '../../../electron/core/cache/query-sql'
import { SPECS } from '../../../electron/core/cache/resources'
import type { Line, StatusFilter } from '../../../electron/shared/domain'
import type { CacheQuery } from '../../../electron/shared/views'
import { NOW, syntheticLines } from './fixtures'
import { planOf } from './plan'
import { tempCache } from './temp-cache'

const DAY = 86_400
const query = (status: StatusFilter[], offset = 0): CacheQuery => ({
  profileIds: ['p1'],
  resource: 'lines',
  offset,
  limit: 20,
  status,
  expiringDays: 7,
  sort: { column: 'expDate', dir: 'asc' },
})

describe('the expiring list sorted by expiry', () => {
  it('seeks the expiry index to the window', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', syntheticLines(500, 4), null, NOW * 1000)
    expect(planOf(cache.file, buildQuerySql(SPECS.lines, query(['expiring']), NOW, ['1']))).toMatch(
      /lines_by_expiry \(panel_key=\? AND <expr>=\? AND exp_date>\? AND exp_date<\?\)/,
    )
    // Any other chip beside it is no bound on the date: no range is added.
    expect(planOf(cache.file, buildQuerySql(SPECS.lines, query(['expiring', 'banned']), NOW, ['1']))).not.toMatch(/exp_date>\?/)
  })

  it('answers the rows the chip means, soonest first, page by page', () => {
    const cache = tempCache()
    // Expiry dates spread from long past to weeks ahead, a few unlimited.
    const lines: Line[] = syntheticLines(600, 5).map((l, i) => ({
      ...l,
      expDate: i % 50 === 0 ? null : NOW - 40 * DAY + ((i * 7919) % (60 * DAY)),
    }))
    cache.replaceAll('p1', 'lines', lines, null, NOW * 1000)
    const expected = lines
      .filter((l) => l.adminEnabled && l.enabled && l.expDate !== null && l.expDate > NOW && l.expDate <= NOW + 7 * DAY)
      .sort((a, b) => a.expDate! - b.expDate! || a.id - b.id)
      .map((l) => l.id)
    expect(expected.length).toBeGreaterThan(40)
    const got: number[] = []
    for (let offset = 0; offset < expected.length + 20; offset += 20)
      got.push(...cache.query(query(['expiring'], offset), NOW).rows.map((r) => r.id))
    expect(got).toEqual(expected)
    expect(cache.query(query(['expiring']), NOW).total).toBe(expected.length)
  })
})
