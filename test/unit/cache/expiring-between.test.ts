/**
 * The renewal radar's read (SqliteCache.expiringBetween): every subscription of every panel
 * whose expiry falls in a window, by expiry. Since the order indexes are led by the panel
 * (migrations.ts v8), a range over all panels at once can no longer seek the expiry index:
 * it scanned every row and sorted the matches (~75–100 ms of the radar's ~180 ms over 100k
 * lines, test/bench/radar.ts). Each panel's part is now sought on its own.
 */
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NOW, syntheticLines } from './fixtures'
import { planOf } from './plan'
import { tempCache } from './temp-cache'

const DAY = 86_400

afterEach(() => vi.restoreAllMocks())

/** Two panels whose lines share ids, expiring over ±60 days, some unlimited, some on the same second. */
function twoPanels() {
  const cache = tempCache()
  const panels = ['north', 'south'].map((p, n) => {
    const lines = syntheticLines(300, 21 + n).map((l, i) => ({ ...l, expDate: i % 11 === 0 ? null : i % 17 === 0 ? NOW + DAY : NOW - 60 * DAY + (((i * 104_729 + n * 7919) * 37) % (120 * DAY)) }))
    cache.replaceAll(p, 'lines', lines, null, NOW * 1000)
    return { id: p, lines }
  })
  return { cache, panels }
}

describe('expiringBetween', () => {
  it('gives every panel\'s rows in the window, by expiry then id, unlimited ones never', () => {
    const { cache, panels } = twoPanels()
    const from = NOW - 30 * DAY
    const to = NOW + 30 * DAY
    const got = cache.expiringBetween('lines', from, to)
    const want = panels
      .flatMap((p) => p.lines.filter((l) => l.expDate !== null && l.expDate >= from && l.expDate <= to).map((l) => ({ profileId: p.id, id: l.id, expDate: l.expDate as number, key: l.username })))
      .sort((a, b) => a.expDate - b.expDate || a.id - b.id)
    expect(got.length).toBeGreaterThan(100)
    expect(new Set(got.map((r) => r.profileId))).toEqual(new Set(['north', 'south']))
    expect(got.map(({ expDate, id }) => [expDate, id])).toEqual(want.map(({ expDate, id }) => [expDate, id]))
    expect(new Set(got.map((r) => `${r.profileId}:${r.id}:${r.key}`))).toEqual(new Set(want.map((r) => `${r.profileId}:${r.id}:${r.key}`)))
  })

  it('seeks each panel\'s part of the expiry index: no scan of the table, no sort of its own', () => {
    const { cache } = twoPanels()
    // The statements it runs, as prepared on this fresh cache.
    const prepared: string[] = []
    const prepare = Database.prototype.prepare
    vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
      prepared.push(sql)
      return prepare.call(this, sql)
    })
    cache.expiringBetween('lines', NOW - 30 * DAY, NOW + 30 * DAY)
    vi.restoreAllMocks()
    const ranges = prepared.filter((sql) => /exp_date\s+BETWEEN/i.test(sql))
    expect(ranges).toHaveLength(1)
    const sql = ranges[0] as string
    const params = [...sql.matchAll(/\?/g)].map((_, i) => (i === 0 ? '1' : NOW))
    const plan = planOf(cache.file, { pageSql: sql, params })
    expect(plan).toMatch(/SEARCH t USING INDEX lines_by_expiry \(panel_key=\? AND <expr>=\? AND exp_date>\? AND exp_date<\?\)/)
    expect(plan).not.toMatch(/SCAN t|TEMP B-TREE/)
  })
})
