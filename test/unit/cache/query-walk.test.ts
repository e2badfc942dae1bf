/**
 * A list's search walked along the view's order (query-walk.ts) gives exactly the rows
 * and totals the full-text way gives (query-sql.ts), in every order, chip set and panel
 * set; its JS order is SQLite's; a count in slices (countQuery) is exact.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildWalk } from '../../../electron/core/cache/query-sql'
import { compareKeys, WALK_FROM_ROWS, walkSearch, type WalkOrder, type WalkRow } from '../../../electron/core/cache/query-walk'
import { SPECS } from '../../../electron/core/cache/resources'
import { planSearch } from '../../../electron/core/cache/search-text'
import type { CacheQuery } from '../../../electron/shared/views'
import { line, NOW } from '../../helpers/rows'
import { rng } from './fixtures'
import { filled, fullText, keysOf, randomQuery } from './full-text-way'
import { tempCache, tempDir } from './temp-cache'

/** A clock that never moves: the walk gives up only on its row budget, so what is tested does not depend on speed. */
const still = () => 0

describe('a search walked along the order', () => {
  it('gives the full-text way’s page and total for 300 random searches (panels, chips, orders, offsets)', () => {
    const f = filled()
    const r = rng(7)
    const ways = { complete: 0, lowerBound: 0, fullText: 0 }
    for (let i = 0; i < 300; i++) {
      const q = randomQuery(r)
      const keys = keysOf(f, q)
      const walk = buildWalk(SPECS.lines, q, NOW, keys)
      expect(walk, JSON.stringify(q)).not.toBeNull()
      const answer = walkSearch(f.stmt, walk!, still)
      const expected = fullText(f, q, keys)
      if (answer === null) {
        ways.fullText++
        continue
      }
      expect(answer.rows.slice(q.offset).map((w) => w.rid), JSON.stringify(q)).toEqual(expected.rids)
      if (answer.complete) {
        ways.complete++
        expect(answer.known, JSON.stringify(q)).toBe(expected.total)
      } else {
        ways.lowerBound++
        expect(answer.known).toBeGreaterThanOrEqual(q.offset + q.limit)
        expect(answer.known).toBeLessThanOrEqual(expected.total)
      }
    }
    // Each way was taken often enough for the comparison to mean something.
    expect(ways.complete).toBeGreaterThan(20)
    expect(ways.lowerBound).toBeGreaterThan(20)
    expect(ways.fullText).toBeGreaterThan(5)
  })

  it('seeks on from where the page before ended, as OFFSET would', () => {
    const f = filled()
    const q: CacheQuery = { profileIds: ['p1', 'p2'], resource: 'lines', search: 'room', status: ['active'], sort: { column: 'ownerName', dir: 'desc' }, offset: 0, limit: 50 }
    const pages = [0, 50, 100, 150].map((offset) => f.cache.query({ ...q, offset }, NOW).rows.map((row) => `${row.profileId}:${row.id}`))
    expect(f.cache.seekCount).toBeGreaterThan(0)
    const all = f.cache.query({ ...q, offset: 0, limit: 200 }, NOW).rows.map((row) => `${row.profileId}:${row.id}`)
    expect(pages.flat()).toEqual(all)
  })

  it('gives up to the full-text way when the time runs out, even before every panel was read', () => {
    const f = filled()
    const q: CacheQuery = { profileIds: 'all', resource: 'lines', search: 'room', sort: { column: 'username', dir: 'asc' }, offset: 0, limit: 50 }
    let t = 0
    // Each reading of the clock is 30 ms later: out of time after the first window.
    expect(walkSearch(f.stmt, buildWalk(SPECS.lines, q, NOW, keysOf(f, q))!, () => (t += 30))).toBeNull()
    // Even for a page of one row: a panel not read yet could hold it.
    expect(walkSearch(f.stmt, buildWalk(SPECS.lines, { ...q, limit: 1 }, NOW, keysOf(f, q))!, () => (t += 30))).toBeNull()
    // With time enough, the same walk answers.
    expect(walkSearch(f.stmt, buildWalk(SPECS.lines, q, NOW, keysOf(f, q))!, still)?.rows).toHaveLength(50)
  })

  it('walks only orders with an index, and only searches', () => {
    const spec = SPECS.lines
    const q: CacheQuery = { profileIds: ['p1'], resource: 'lines', search: 'room', offset: 0, limit: 50 }
    expect(buildWalk(spec, q, NOW, ['1'])).not.toBeNull()
    expect(buildWalk(spec, { ...q, sort: { column: 'maxConnections', dir: 'asc' } }, NOW, ['1'])).toBeNull()
    expect(buildWalk(spec, { ...q, search: undefined }, NOW, ['1'])).toBeNull()
    expect(buildWalk(SPECS.subResellers, { ...q, resource: 'subResellers' }, NOW, ['1'])).toBeNull()
  })

  it('a page of a search with many matches comes with a lower bound; countQuery gives the exact number', async () => {
    const f = filled(6000)
    const q: CacheQuery = { profileIds: 'all', resource: 'lines', search: 'sub_north', status: ['active', 'trial'], offset: 0, limit: 50 }
    const page = f.cache.query(q, NOW)
    const expected = fullText(f, q, keysOf(f, q))
    expect(page.totalIsLowerBound).toBe(true)
    expect(page.total).toBeLessThan(expected.total)
    expect(await f.cache.countQuery(q, NOW)).toBe(expected.total)
  })

  it('a table smaller than WALK_FROM_ROWS is searched the full-text way, with exact totals', () => {
    const f = filled(6000)
    const q: CacheQuery = { profileIds: 'all', resource: 'lines', search: 'sub_north', status: ['active', 'trial'], offset: 0, limit: 50 }
    f.cache.walkFromRows = WALK_FROM_ROWS
    const page = f.cache.query(q, NOW)
    expect(page.totalIsLowerBound).toBeUndefined()
    expect(page.total).toBe(fullText(f, q, keysOf(f, q)).total)
    // The row count is read again after a write: 18,000 rows are still too few.
    f.cache.upsert('p1', 'lines', line(99_999, { username: 'sub_north_extra' }))
    f.cache.walkFromRows = 18_002
    expect(f.cache.query(q, NOW).totalIsLowerBound).toBeUndefined()
    f.cache.walkFromRows = 18_001
    expect(f.cache.query(q, NOW).totalIsLowerBound).toBe(true)
  })

  it('countQuery agrees with the full-text way’s count for random searches', async () => {
    const f = filled()
    const r = rng(11)
    for (let i = 0; i < 40; i++) {
      const q = randomQuery(r)
      expect(await f.cache.countQuery(q, NOW), JSON.stringify(q)).toBe(fullText(f, q, keysOf(f, q)).total)
    }
  })

  it('a newer count of the same list stops the older one (null); another list’s count goes on', async () => {
    const f = filled()
    const q: CacheQuery = { profileIds: 'all', resource: 'lines', search: 'room', offset: 0, limit: 50 }
    const older = f.cache.countQuery(q, NOW)
    const other = f.cache.countQuery({ ...q, profileIds: ['p1'] }, NOW)
    const newer = f.cache.countQuery({ ...q, search: 'paid' }, NOW)
    expect(await older).toBeNull()
    expect(await other).toBe(fullText(f, { ...q, profileIds: ['p1'] }, [f.keyOf.get('p1') as string]).total)
    expect(await newer).toBe(fullText(f, { ...q, search: 'paid' }, keysOf(f, q)).total)
  })

  it('a count stops when the cache closes under it', async () => {
    const f = filled()
    const counting = f.cache.countQuery({ profileIds: 'all', resource: 'lines', search: 'room', offset: 0, limit: 50 }, NOW)
    f.cache.close()
    expect(await counting).toBeNull()
  })

  it('finds rows by their customer as the full-text way does', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'alpha' }), line(2, { username: 'beta' }), line(3, { username: 'gamma' })], null, 0)
    cache.walkFromRows = 0
    const q: CacheQuery = { profileIds: ['p1'], resource: 'lines', search: 'alpha', offset: 0, limit: 50 }
    // The default order: newest first.
    expect(cache.query(q, NOW, [{ profileId: 'p1', key: 'gamma' }]).rows.map((r) => r.id)).toEqual([3, 1])
  })
})

describe('the walk’s order in JS', () => {
  /** Values SQLite orders in ways JS does not by default: case, accents, astral characters, U+E000–U+FFFF, nulls, numbers. */
  const TEXTS = ['a', 'A', 'b', 'B', 'ä', 'Ä', 'é', 'z', 'Z', '_', '0', '9', '', 'ab', 'aB', 'Ab', '\u{1F600}', '\u{10000}', '\u{10FFFF}', '\u{10FC00}', '\uE000', '\uE001', '\uD7FF', '\uFFFD', 'ß', 'ſ', 'İ', 'i', null]

  function sqliteOrder(rows: WalkRow[], order: WalkOrder, type: 'TEXT COLLATE NOCASE' | 'INTEGER'): number[] {
    const db = new Database(':memory:')
    // No type affinity for text: a number stays a number beside the text, as a panel's odd value would.
    db.exec(`CREATE TABLE t (rid INTEGER PRIMARY KEY, v ${type === 'INTEGER' ? type : 'COLLATE NOCASE'}, id INTEGER, panel_key TEXT)`)
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)')
    for (const r of rows) insert.run(r.rid, r.kv, r.kid, r.kpk)
    const d = order.dir === 'desc' ? 'DESC' : 'ASC'
    const by = order.forever ? `v IS NULL ${d}, v ${d}` : `v ${d}`
    const rids = db.prepare(`SELECT rid FROM t ORDER BY ${by}, id ${d}, panel_key ${d}`).pluck().all() as number[]
    db.close()
    return rids
  }

  it('sorts text, numbers and nulls exactly as SQLite does, both ways, with ties broken by id and panel', () => {
    const r = rng(5)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
    for (const dir of ['asc', 'desc'] as const) {
      const texts = Array.from({ length: 400 }, (_, i): WalkRow => ({ rid: i + 1, kv: pick(TEXTS) === null ? null : `${pick(TEXTS) ?? ''}${pick(TEXTS) ?? ''}`, kid: Math.floor(r() * 5), kpk: pick(['1', '2', '10']) }))
      const order: WalkOrder = { column: 'username', dir, forever: false }
      expect([...texts].sort(compareKeys(order)).map((x) => x.rid)).toEqual(sqliteOrder(texts, order, 'TEXT COLLATE NOCASE'))
      // A column whose values are of both kinds (SQLite puts numbers before text).
      const mixed = texts.map((x, i) => ({ ...x, kv: i % 3 === 0 ? Math.floor(r() * 9) - 3 : x.kv }))
      expect([...mixed].sort(compareKeys(order)).map((x) => x.rid)).toEqual(sqliteOrder(mixed, order, 'TEXT COLLATE NOCASE'))
      for (const forever of [false, true]) {
        const numbers = Array.from({ length: 400 }, (_, i): WalkRow => ({ rid: i + 1, kv: r() < 0.2 ? null : Math.floor(r() * 20) - 5, kid: Math.floor(r() * 5), kpk: pick(['1', '2', '10']) }))
        const byNumber: WalkOrder = { column: 'exp_date', dir, forever }
        expect([...numbers].sort(compareKeys(byNumber)).map((x) => x.rid)).toEqual(sqliteOrder(numbers, byNumber, 'INTEGER'))
      }
    }
  })
})

describe('the folded search text', () => {
  /** Names that carry what folding must get right: case, Latin accents (composed or not), other scripts' marks, astral characters. */
  const NAMES = ['Chloé_Dubois', 'CHLOE.dubois', 'müller.jürgen', 'İstanbul_tv', 'Йошкар.ола', 'йога', 'straße', 'bjørn', 'ΟΔΟΣ', 'οδός', '한국어.tv', 'مُحَمَّد', 'café+44', 'e\u0301cole', '\u{1F600}party', 'x\u0308y']

  it('finds by every prefix of every word exactly the rows the full-text index finds', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    cache.replaceAll('p1', 'lines', NAMES.map((username, i) => line(i + 1, { username, resellerNotes: i % 2 ? 'Living room' : 'paid cash' })), null, 0)
    const db = new Database(join(dir, 'cache.db'), { readonly: true })
    const f = { cache, db, keyOf: new Map([['p1', '1']]), stmt: (sql: string) => db.prepare(sql) }
    const searches = new Set<string>()
    for (const name of [...NAMES, ...NAMES.map((n) => n.normalize('NFD')), ...NAMES.map((n) => n.toUpperCase())]) {
      for (const word of name.split(/[._+]/)) for (let n = 2; n <= word.length; n++) searches.add(word.slice(0, n))
    }
    expect(searches.size).toBeGreaterThan(100)
    let found = 0
    for (const search of searches) {
      // One letter and a mark, or no letter at all: a LIKE search, with no full-text index to compare with.
      if (planSearch(search).kind !== 'fts') continue
      const q: CacheQuery = { profileIds: ['p1'], resource: 'lines', search, offset: 0, limit: 100 }
      const answer = walkSearch(f.stmt, buildWalk(SPECS.lines, q, NOW, ['1'])!, still)
      expect(answer?.complete, search).toBe(true)
      const walked = answer!.rows.map((w) => w.rid).sort((a, b) => a - b)
      // The index finds every row the walk finds (it may find more: it folds a little further)…
      expect(fullTextRows(db, search), search).toEqual(expect.arrayContaining(walked))
      // …and the full-text way, which tests its rows as the walk does, finds exactly those.
      expect(fullText(f, q, ['1']).rids.sort((a, b) => a - b), search).toEqual(walked)
      if (walked.length > 0) found++
    }
    expect(found).toBeGreaterThan(100)
  })
})

/** Every row the full-text index alone finds for `search`. */
function fullTextRows(db: Database.Database, search: string): number[] {
  const plan = planSearch(search, true)
  const match = plan.kind === 'fts' ? plan.match : ''
  return (db.prepare('SELECT rowid FROM lines_fts WHERE lines_fts MATCH ? ORDER BY rowid').pluck().all(match) as number[])
}
