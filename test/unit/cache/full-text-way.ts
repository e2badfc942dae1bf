/**
 * What the faster ways of answering a search (the walk, query-walk.ts; the in-memory index,
 * search-index.ts) are checked against: the full-text way's page and total, straight from its
 * SQL (query-sql.ts), on a real cache file of three panels of synthetic lines.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { buildQuerySql } from '../../../electron/core/cache/query-sql'
import { SPECS } from '../../../electron/core/cache/resources'
import type { StatusFilter } from '../../../electron/shared/domain'
import type { CacheQuery } from '../../../electron/shared/views'
import { NOW } from '../../helpers/rows'
import { syntheticLines } from './fixtures'
import { tempCache, tempDir } from './temp-cache'

export const PANELS = ['p1', 'p2', 'p3']
const SORTS = ['id', 'username', 'expDate', 'createdAt', 'packageId', 'ownerName'] as const
const CHIPS: StatusFilter[] = ['active', 'disabled', 'banned', 'expired', 'trial', 'expiring']
/** Common words (notes, owners, first names), rare ones (one user's name) and two-word searches. */
const WORDS = ['room', 'sub_north', 'reseller1', 'ahmed', 'jo', 'samsung tv', 'paid', 'mar', 'olga.p', 'chloe', 'Müller', 'u10', 'kids tab', 'zz']

/** Three panels of synthetic lines in a real cache file, and a second connection to it for the full-text way. */
export function filled(perPanel = 3000) {
  const dir = tempDir()
  const cache = tempCache(dir)
  PANELS.forEach((p, i) => cache.replaceAll(p, 'lines', syntheticLines(perPanel, 31 + i, 1 + i * perPanel), null, 0))
  // Walk these few thousand rows as a big table is walked.
  cache.walkFromRows = 0
  const db = new Database(join(dir, 'cache.db'), { readonly: true })
  const keyOf = new Map((db.prepare('SELECT profile_id AS id, key FROM panel_keys').all() as { id: string; key: string }[]).map((r) => [r.id, r.key]))
  const stmt = (sql: string) => db.prepare(sql)
  return { cache, db, keyOf, stmt }
}

export function randomQuery(r: () => number): CacheQuery {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const chips = CHIPS.filter(() => r() < 0.25)
  const panels = PANELS.filter(() => r() < 0.6)
  return {
    profileIds: panels.length === 0 ? 'all' : panels,
    resource: 'lines',
    status: chips.length ? chips : undefined,
    search: pick(WORDS),
    sort: { column: pick(SORTS), dir: r() < 0.5 ? 'asc' : 'desc' },
    offset: pick([0, 0, 50, 100]),
    limit: 50,
  }
}

/** The full-text way's page (rids, in order) and total, straight from its SQL. */
export function fullText(f: ReturnType<typeof filled>, q: CacheQuery, keys: string[]) {
  const sql = buildQuerySql(SPECS.lines, q, NOW, keys)
  const page = f.db.prepare(sql.pageSql).all(sql.params) as { rid: number; total?: number }[]
  const total = page[0]?.total ?? (f.db.prepare(sql.countSql).get(sql.countParams) as { n: number }).n
  return { rids: page.map((p) => p.rid), total }
}

export const keysOf = (f: ReturnType<typeof filled>, q: CacheQuery) => (q.profileIds === 'all' ? [...f.keyOf.values()].sort() : q.profileIds.map((p) => f.keyOf.get(p) as string))
