/**
 * Keyset paging (keyset.ts): paging forward seeks from where the last page
 * ended, and every page is exactly the page OFFSET gives, in every order the
 * lists offer (nulls, ties and several panels included), after writes, and
 * when the clock moves past an expiry between pages.
 */
import { describe, expect, it } from 'vitest'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import type { Line, StatusFilter } from '../../../electron/shared/domain'
import type { CacheQuery } from '../../../electron/shared/views'
import { syntheticLines } from './fixtures'
import { line, NOW } from '../../helpers/rows'
import { tempCache } from './temp-cache'

const LIMIT = 37

/** Every page of `q` going forward (seeking after the first) and going backward (no page end known: OFFSET). */
function bothWays(cache: SqliteCache, q: Omit<CacheQuery, 'offset' | 'limit'>, now = NOW): { forward: string[]; backward: string[]; total: number } {
  const key = (r: Record<string, unknown>) => `${String(r.profileId)}/${String(r.id)}`
  const total = cache.query({ ...q, offset: 0, limit: 1 }, now).total
  const pages = Math.ceil(total / LIMIT)
  const forward: string[] = []
  for (let p = 0; p < pages; p++) forward.push(...cache.query({ ...q, offset: p * LIMIT, limit: LIMIT }, now).rows.map(key))
  const backward: string[][] = []
  for (let p = pages - 1; p >= 0; p--) backward.unshift(cache.query({ ...q, offset: p * LIMIT, limit: LIMIT }, now).rows.map(key))
  return { forward, backward: backward.flat(), total }
}

function filled(): SqliteCache {
  const cache = tempCache()
  // Two panels with the same ids (ties on id too), nulls in owner and expiry, many equal values.
  const rows = (seed: number) => syntheticLines(700, seed, 1).map((l, i) => (i % 5 === 0 ? { ...l, ownerName: null } : l))
  cache.replaceAll('panel-a', 'lines', rows(1), null, 1)
  cache.replaceAll('panel-b', 'lines', rows(2), null, 1)
  return cache
}

const SORTS = ['id', 'username', 'expDate', 'createdAt', 'packageId', 'ownerName', 'maxConnections'] as const
const CHIPS: StatusFilter[][] = [[], ['active'], ['trial', 'banned']]

describe('keyset paging', () => {
  it('equals offset paging in every order, direction, chip set and panel set', () => {
    const cache = filled()
    const before = cache.seekCount
    for (const column of SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const status of CHIPS) {
          for (const profileIds of ['all', ['panel-b']] as const) {
            const q = { profileIds: profileIds === 'all' ? 'all' : [...profileIds], resource: 'lines', status, sort: { column, dir } } as const
            const { forward, backward, total } = bothWays(cache, q)
            expect(forward, `${column} ${dir} ${status.join('+')} ${String(profileIds)}`).toEqual(backward)
            expect(new Set(forward).size).toBe(total)
          }
        }
      }
    }
    // Seeks really happened (orders with a null key or an expiry fall back to OFFSET, by design).
    expect(cache.seekCount - before).toBeGreaterThan(500)
  })

  it('a write between pages, or the clock passing an expiry, gives the pages OFFSET would', () => {
    const cache = filled()
    const q: Omit<CacheQuery, 'offset' | 'limit'> = { profileIds: 'all', resource: 'lines', status: ['active'], sort: { column: 'username', dir: 'asc' } }
    const first = cache.query({ ...q, offset: 0, limit: LIMIT }, NOW).rows as Line[]
    // A row sorting before the page end is added: the next page shifts by one, as OFFSET says.
    cache.upsert('panel-a', 'lines', line(9999, { username: '' }))
    const seeks = cache.seekCount
    const second = cache.query({ ...q, offset: LIMIT, limit: LIMIT }, NOW).rows as Line[]
    expect(cache.seekCount).toBe(seeks)
    expect(second[0]?.username).toBe(first.at(-1)?.username)

    // A row of the first page expires a second later: it leaves "active", the next page starts one row earlier.
    const q2: Omit<CacheQuery, 'offset' | 'limit'> = { ...q, sort: { column: 'id', dir: 'asc' } }
    const page = cache.query({ ...q2, offset: 0, limit: LIMIT }, NOW).rows as Line[]
    const victim = page[5] as Line & { profileId: string }
    cache.upsert(victim.profileId, 'lines', { ...victim, expDate: NOW + 1 })
    const fresh = cache.query({ ...q2, offset: 0, limit: LIMIT }, NOW).rows as Line[]
    const later = cache.query({ ...q2, offset: LIMIT, limit: LIMIT }, NOW + 2).rows as Line[]
    const offsetOnly = tempCacheLike(cache, q2, NOW + 2)
    expect(later.map((r) => r.id)).toEqual(offsetOnly)
    expect(fresh.length).toBe(LIMIT)
  })
})

/** The second page of `q` at `now` with every remembered page end forgotten (a no-op write clears them). */
function tempCacheLike(cache: SqliteCache, q: Omit<CacheQuery, 'offset' | 'limit'>, now: number): number[] {
  cache.setSyncMeta('panel-a', 'lines', {})
  return (cache.query({ ...q, offset: LIMIT, limit: LIMIT }, now).rows as Line[]).map((r) => r.id)
}
