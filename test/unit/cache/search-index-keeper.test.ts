/**
 * A big table's searches answered from the in-memory index (search-index-keeper.ts) give the
 * full-text way's page and total, and keep giving them through every kind of write: edits,
 * removals, a sync's switch, a first sync shown page by page, a pass thrown away, a panel
 * removed, a write rolled back, rows written while the index fills.
 */
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SearchIndexKeeper } from '../../../electron/core/cache/search-index-keeper'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import type { CachedRow } from '../../../electron/core/ports'
import { line, NOW } from '../../helpers/rows'
import { rng, syntheticLines } from './fixtures'
import { filled, fullText, keysOf, randomQuery } from './full-text-way'
import { tempCache } from './temp-cache'

type Filled = ReturnType<typeof filled>

/** `n` random searches: the cache's answer is the full-text way's; returns how many the index answered. */
function agree(f: Filled, seed: number, n = 60): number {
  const r = rng(seed)
  const before = f.cache.indexedCount
  for (let i = 0; i < n; i++) {
    const q = randomQuery(r)
    const got = f.cache.query(q, NOW)
    const want = fullText(f, q, keysOf(f, q))
    expect({ rids: ridsOf(f, got.rows), total: got.total, lowerBound: got.totalIsLowerBound }, JSON.stringify(q)).toEqual({ ...want, lowerBound: undefined })
  }
  return f.cache.indexedCount - before
}

/** The rids of a page's rows (the cache gives rows; the full-text way, rids). */
function ridsOf(f: Filled, rows: CachedRow[]): number[] {
  const rid = f.db.prepare('SELECT rid FROM lines WHERE panel_key = ? AND id = ?').pluck()
  return rows.map((row) => rid.get(f.keyOf.get(row.profileId), row.id) as number)
}

async function indexed(perPanel = 3000): Promise<Filled> {
  const f = filled(perPanel)
  f.cache.indexFromRows = 0
  // When the index does not answer, the full-text way does (not a walk, whose totals may be lower bounds).
  f.cache.walkFromRows = Number.POSITIVE_INFINITY
  expect(await f.cache.searchIndexReady('lines')).toBe(true)
  return f
}

const dbOf = (cache: SqliteCache) => (cache as unknown as { db: Database.Database }).db

describe('searches answered from the in-memory index', () => {
  it('give the full-text way’s page and total for random searches', async () => {
    const f = await indexed()
    // Every random search is a word search in an order the index keeps.
    expect(agree(f, 3, 200)).toBe(200)
  })

  it('stay right through edits, removals, a re-sync’s switch, a first sync shown page by page and a panel removed', async () => {
    const f = await indexed()
    const r = rng(17)
    // Edits that move a row in every order and through every chip, and removals.
    for (let i = 0; i < 150; i++) {
      const id = 1 + Math.floor(r() * 3000)
      if (r() < 0.3) f.cache.remove('p1', 'lines', id)
      else
        f.cache.upsert('p1', 'lines', line(id, { username: `edited${i}.room`, ownerName: r() < 0.5 ? 'sub_north' : 'zed', resellerNotes: 'paid', expDate: r() < 0.3 ? null : NOW + 86_400 * Math.floor(r() * 20 - 5), enabled: r() < 0.8, isTrial: r() < 0.2 }))
    }
    expect(agree(f, 4)).toBe(60)
    // A re-sync of a panel: a few thousand rows changed and the rest gone.
    f.cache.replaceAll('p2', 'lines', syntheticLines(2000, 99, 3001), null, 0)
    expect(await f.cache.searchIndexReady('lines')).toBe(true)
    expect(agree(f, 5)).toBe(60)
    // A first sync of a new panel, shown page by page: each query after a page reads that page back.
    const pass = f.cache.beginReplace('p4', 'lines')
    for (let p = 0; p < 4; p++) {
      pass.add(syntheticLines(500, 200 + p, 1 + p * 500))
      pass.publish()
      f.keyOf.set('p4', (f.db.prepare("SELECT key FROM panel_keys WHERE profile_id = 'p4'").pluck().get() as string) ?? '')
      expect(agree(f, 6 + p, 15)).toBe(15)
    }
    await pass.settled()
    pass.commit(0)
    expect(agree(f, 10)).toBe(60)
    // A re-sync thrown away leaves everything as it was.
    const thrown = f.cache.beginReplace('p3', 'lines')
    thrown.add(syntheticLines(800, 300, 1))
    thrown.discard()
    expect(agree(f, 11)).toBe(60)
    f.cache.deleteProfile('p1')
    expect(agree(f, 12)).toBe(60)
  })

  it('read back rows a rolled-back write touched, as they are', async () => {
    const f = await indexed()
    const db = dbOf(f.cache)
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE lines SET search_text = ' zzz | zzz | zzz ', owner_name = 'zzz' WHERE rid % 3 = 0").run()
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(agree(f, 13)).toBe(60)
    expect(f.cache.query({ profileIds: 'all', resource: 'lines', search: 'zzz', offset: 0, limit: 50 }, NOW).total).toBe(0)
  })

  it('fill while rows are written, and miss none of them', async () => {
    const f = filled(6000)
    f.cache.indexFromRows = 0
    f.cache.walkFromRows = Number.POSITIVE_INFINITY
    const ready = f.cache.searchIndexReady('lines')
    const r = rng(21)
    for (let i = 0; i < 30; i++) {
      f.cache.upsert(i % 2 ? 'p1' : 'p3', 'lines', line(1 + Math.floor(r() * 6000), { username: `during${i}`, ownerName: 'sub_north' }))
      if (i % 3 === 0) f.cache.remove('p2', 'lines', 6001 + Math.floor(r() * 6000))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await ready).toBe(true)
    expect(agree(f, 22)).toBe(60)
  })

  it('leave a search to SQL while many changed rows are being read back, then answer again', async () => {
    const f = await indexed()
    // 6000 rows changed at once: more than an answer reads back itself.
    f.cache.replaceAll('p1', 'lines', syntheticLines(3000, 77, 1), null, 0)
    f.cache.replaceAll('p3', 'lines', syntheticLines(3000, 78, 6001), null, 0)
    expect(agree(f, 23, 20)).toBe(0)
    expect(await f.cache.searchIndexReady('lines')).toBe(true)
    expect(agree(f, 24, 20)).toBe(20)
  })

  it('leave every search to SQL once a value SQLite orders apart (a BLOB) is in an order column', async () => {
    const f = await indexed()
    dbOf(f.cache).prepare("UPDATE lines SET owner_name = x'00' WHERE rid = 5").run()
    expect(agree(f, 25, 20)).toBe(0)
  })

  it('read changed rows back in the background, so a search seldom has any left to read', async () => {
    const f = filled(2000)
    const keeper = new SearchIndexKeeper(dbOf(f.cache), 'lines', 6000)
    expect(await keeper.ready).toBe(true)
    expect(keeper.rows).toBe(6000)
    for (let id = 1; id <= 300; id++) f.cache.upsert('p1', 'lines', line(id, { username: `moved${id}` }))
    f.cache.remove('p2', 'lines', 2001)
    expect(keeper.pending).toBe(301)
    for (let turn = 0; turn < 3 && keeper.pending > 0; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(keeper.pending).toBe(0)
    expect(keeper.rows).toBe(5999)
    keeper.stop()
  })

  it('stop filling when the cache closes, and are not built for a small table', async () => {
    const f = filled()
    f.cache.indexFromRows = 0
    const ready = f.cache.searchIndexReady('lines')
    f.cache.close()
    expect(await ready).toBe(false)
    const small = tempCache()
    small.replaceAll('p1', 'lines', syntheticLines(100, 1, 1), null, 0)
    small.indexFromRows = 101
    expect(await small.searchIndexReady('lines')).toBe(false)
    small.indexFromRows = 100
    expect(await small.searchIndexReady('lines')).toBe(true)
    expect(await small.searchIndexReady('subResellers')).toBe(false)
  })

  it('are built for a panel of 50,000 lines: there a common word through the full-text index cost ~35 ms at p95', async () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', syntheticLines(50_000, 3, 1), null, 0)
    expect(await cache.searchIndexReady('lines')).toBe(true)
  })
})
