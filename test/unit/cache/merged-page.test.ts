/**
 * A list over several panels with chips and no search is each panel's walk of the order index,
 * merged (query-sql.ts mergedPageSql). The walks are read lazily, only as far as the page
 * reaches, and in the expiry order each walk covers only the part of the index the chips can
 * match (expirySegments). The answers must stay exactly the chips' rows in the view's order.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { buildQuerySql, expirySegments, orderOf } from '../../../electron/core/cache/query-sql'
import { SPECS } from '../../../electron/core/cache/resources'
import type { Line, StatusFilter } from '../../../electron/shared/domain'
import type { CacheQuery } from '../../../electron/shared/views'
import { NOW, syntheticLines } from './fixtures'
import { planOf } from './plan'
import { tempCache } from './temp-cache'

const DAY = 86_400
const CHIPS: StatusFilter[] = ['active', 'disabled', 'banned', 'expired', 'trial', 'expiring']
const PANELS = ['p1', 'p2', 'p3']

type Sort = NonNullable<CacheQuery['sort']>
const query = (status: StatusFilter[], sort: Sort, offset = 0, limit = 20): CacheQuery => ({
  profileIds: PANELS,
  resource: 'lines',
  offset,
  limit,
  status,
  expiringDays: 7,
  sort,
})
const BY_EXPIRY: Sort = { column: 'expDate', dir: 'asc' }

/** Three panels whose lines share ids, with expiries long past, due soon, later and unlimited, some on the same second. */
function panelsCache() {
  const cache = tempCache()
  const all: (Line & { panel: string })[] = []
  PANELS.forEach((panel, p) => {
    const lines = syntheticLines(240, 11 + p).map((l, i) => ({
      ...l,
      expDate: i % 9 === 0 ? null : i % 13 === 0 ? NOW : NOW - 30 * DAY + ((i * 7919 + p * 104_729) % (90 * DAY)),
      adminEnabled: i % 11 !== 3,
      enabled: i % 7 !== 2,
      isTrial: i % 5 === 4,
    }))
    cache.replaceAll(panel, 'lines', lines, null, NOW * 1000)
    all.push(...lines.map((l) => ({ ...l, panel })))
  })
  const db = new Database(cache.file, { readonly: true })
  const keyOf = new Map((db.prepare('SELECT profile_id AS id, key FROM panel_keys').all() as { id: string; key: string }[]).map((r) => [r.id, r.key]))
  db.close()
  return { cache, all, keys: PANELS.map((p) => keyOf.get(p) as string), keyOf }
}

/** The chips as query-sql.ts SUBSCRIPTION_CHIPS means them, ORed. */
function matches(l: Line, chips: StatusFilter[]): boolean {
  const live = l.adminEnabled && l.enabled
  const soon = NOW + 7 * DAY
  const test: Record<StatusFilter, boolean> = {
    active: live && (l.expDate === null || l.expDate > NOW),
    disabled: !l.enabled,
    banned: !l.adminEnabled,
    expired: l.expDate !== null && l.expDate <= NOW,
    trial: l.isTrial,
    expiring: live && l.expDate !== null && l.expDate > NOW && l.expDate <= soon,
  }
  return chips.length === 0 || chips.some((c) => test[c])
}

const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** What the view must show: the chips' lines in the order (an unlimited expiry is the latest), ties by id then panel key. */
function expected(all: (Line & { panel: string })[], keyOf: Map<string, string>, chips: StatusFilter[], sort: Sort): string[] {
  const sign = sort.dir === 'desc' ? -1 : 1
  const exp = (l: Line) => (l.expDate === null ? Infinity : l.expDate)
  return all
    .filter((l) => matches(l, chips))
    .sort((a, b) => sign * ((sort.column === 'expDate' ? exp(a) - exp(b) : 0) || a.id - b.id || binary(keyOf.get(a.panel) as string, keyOf.get(b.panel) as string)))
    .map((l) => `${l.panel}:${l.id}`)
}

/** Every subset of the chips, none included. */
const chipSets: StatusFilter[][] = Array.from({ length: 1 << CHIPS.length }, (_, m) => CHIPS.filter((_, i) => (m >> i) & 1))

describe('the parts of the expiry index a page can come from', () => {
  const partsOf = (chips: StatusFilter[], sort: Sort = BY_EXPIRY) => {
    const params: Record<string, string | number> = {}
    const parts = expirySegments(SPECS.lines, query(chips, sort), orderOf(SPECS.lines, sort), NOW, params)
    return { parts, params }
  }
  const DATED = '(t.exp_date IS NULL) = 0'
  it('are the date ranges the chips can match, then the unlimited lines if they can match', () => {
    expect(partsOf(['active'])).toEqual({ parts: [`${DATED} AND t.exp_date > @now`, '(t.exp_date IS NULL) = 1'], params: { now: NOW } })
    expect(partsOf(['expired']).parts).toEqual([`${DATED} AND t.exp_date <= @now`])
    expect(partsOf(['expiring'])).toEqual({ parts: [`${DATED} AND t.exp_date > @now AND t.exp_date <= @soon`], params: { now: NOW, soon: NOW + 7 * DAY } })
    expect(partsOf(['expired', 'expiring']).parts).toEqual([`${DATED} AND t.exp_date <= @soon`])
    expect(partsOf(['active', 'expiring']).parts).toEqual(partsOf(['active']).parts)
  })

  it('are none when any expiry can match, or no chip is on, or the table has no expiry', () => {
    for (const chips of [[], ['banned'], ['disabled', 'expiring'], ['trial'], ['active', 'expired']] as StatusFilter[][]) expect(partsOf(chips).parts).toBeNull()
    const q = { ...query(['active'], { column: 'id', dir: 'desc' }), resource: 'subResellers' as const }
    expect(expirySegments(SPECS.subResellers, q, orderOf(SPECS.subResellers, undefined), NOW, {})).toBeNull()
  })

  it('in another order, are only the window of "expiring" alone', () => {
    const byId: Sort = { column: 'id', dir: 'desc' }
    expect(partsOf(['expiring'], byId).parts).toEqual([`${DATED} AND t.exp_date > @now AND t.exp_date <= @soon`])
    expect(partsOf(['active'], byId).parts).toBeNull()
    expect(partsOf(['expiring', 'trial'], byId).parts).toBeNull()
  })
})

describe('a list over several panels, no search', () => {
  it('reads each panel’s walk in the index’s order, with no sort of its own, when the order has an index', () => {
    const { cache, keys } = panelsCache()
    for (const sort of [{ column: 'id', dir: 'desc' }, BY_EXPIRY, { column: 'username', dir: 'asc' }] as Sort[]) {
      const plan = planOf(cache.file, buildQuerySql(SPECS.lines, query(['banned'], sort), NOW, keys))
      expect(plan).toContain('MERGE (UNION ALL)')
      expect(plan).not.toContain('TEMP B-TREE')
    }
    // Along an order with no index each panel's part is a top-N sort, bounded at the page's end.
    const unindexed = buildQuerySql(SPECS.lines, query(['banned'], { column: 'maxConnections', dir: 'asc' }), NOW, keys)
    expect(unindexed.pageSql).toContain('LIMIT @n')
  })

  it('walks only the dated lines after now, then the unlimited ones, sorted by expiry with “active” on', () => {
    const { cache, keys } = panelsCache()
    const plan = planOf(cache.file, buildQuerySql(SPECS.lines, query(['active'], BY_EXPIRY), NOW, keys))
    expect(plan).toMatch(/lines_by_expiry \(panel_key=\? AND <expr>=\? AND exp_date>\?\)/)
    expect(plan).toMatch(/lines_by_expiry \(panel_key=\? AND <expr>=\?\)/)
    // "Expired" and "expiring": the dated lines up to the end of the window, no unlimited one.
    const due = planOf(cache.file, buildQuerySql(SPECS.lines, query(['expired', 'expiring'], BY_EXPIRY), NOW, keys))
    expect(due).toMatch(/lines_by_expiry \(panel_key=\? AND <expr>=\? AND exp_date<\?\)/)
    expect(due).not.toMatch(/<expr>=\?\)/)
  })

  it('answers every set of chips with exactly its lines, in order, page by page, both ways', () => {
    const { cache, all, keys, keyOf } = panelsCache()
    for (const sort of [BY_EXPIRY, { column: 'expDate', dir: 'desc' }, { column: 'id', dir: 'desc' }] as Sort[]) {
      for (const chips of chipSets) {
        const want = expected(all, keyOf, chips, sort)
        const got: string[] = []
        for (let offset = 0; offset < 60; offset += 20) got.push(...cache.query(query(chips, sort, offset), NOW).rows.map((r) => `${r.profileId}:${r.id}`))
        expect(got, `${chips.join('+') || 'no chip'} by ${sort.column} ${sort.dir}`).toEqual(want.slice(0, 60))
        expect(cache.query(query(chips, sort), NOW).total).toBe(want.length)
      }
    }
    expect(keys).toHaveLength(3)
  })

  it('pages to the end of a list whose walks hold ties on the same second and the same id', () => {
    const { cache, all, keyOf } = panelsCache()
    for (const chips of [['active'], ['active', 'expiring'], ['expired', 'expiring'], ['trial']] as StatusFilter[][]) {
      const want = expected(all, keyOf, chips, BY_EXPIRY)
      const got: string[] = []
      for (let offset = 0; offset < want.length + 25; offset += 25) got.push(...cache.query(query(chips, BY_EXPIRY, offset, 25), NOW).rows.map((r) => `${r.profileId}:${r.id}`))
      expect(got).toEqual(want)
    }
  })
})
