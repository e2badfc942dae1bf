/**
 * beginReplace: a sync's pages are staged out of readers' sight and switched
 * in at once; a failed, cancelled or crashed pass leaves the previous set.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CacheQuery } from '../../../electron/shared/views'
import { rawLine } from './fixtures'
import { line, NOW } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

type Cache = ReturnType<typeof tempCache>

const ids = (cache: Cache, q: Partial<CacheQuery> = {}) =>
  cache
    .query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, ...q }, NOW)
    .rows.map((r) => r.id)
    .sort((a, b) => a - b)

const searchAllIds = (cache: Cache, text: string) => cache.search(text, 50).map((h) => `${h.profileId}:${h.id}`)

/** Rows in the side tables, read from the file itself (orphans would show here). */
function sideCounts(file: string): { narrow: number; data: number; fts: number; staging: number } {
  const db = new Database(file, { readonly: true })
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      narrow: n('SELECT count(*) AS n FROM lines'),
      data: n('SELECT count(*) AS n FROM lines_data'),
      fts: n("SELECT count(*) AS n FROM lines_fts WHERE lines_fts MATCH 'user*'"),
      staging: n('SELECT count(*) AS n FROM sync_staging'),
    }
  } finally {
    db.close()
  }
}

describe('beginReplace', () => {
  it('staged pages stay invisible until commit, which swaps the whole set at once', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'old.one' }), line(2, { username: 'old.two' })], null, 1)

    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(2, { username: 'new.two' }), line(3, { username: 'new.three' })])
    staged.add([line(4, { username: 'new.four' })])
    expect(staged.size).toBe(3)
    // Readers still see exactly the previous set.
    expect(ids(cache)).toEqual([1, 2])
    expect(cache.count('p1', 'lines')).toBe(2)
    expect(cache.getRow('p1', 'lines', 3)).toBeNull()
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('old.two')
    expect(ids(cache, { search: 'new' })).toEqual([])
    expect(searchAllIds(cache, 'new')).toEqual([])
    expect(ids(cache, { profileIds: 'all' })).toEqual([1, 2])

    staged.commit(9)
    expect(ids(cache)).toEqual([2, 3, 4])
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('new.two')
    expect(ids(cache, { search: 'new' })).toEqual([2, 3, 4])
    expect(ids(cache, { search: 'old' })).toEqual([])
    expect(cache.getSyncMeta('p1', 'lines').syncedAt).toBe(9)
    // Committing twice is a bug in the caller, not a second switch.
    expect(() => staged.commit(10)).toThrow(/already committed/)
    staged.discard()
    expect(ids(cache)).toEqual([2, 3, 4])
  })

  it('a pass leaves no table of its own behind, switched in or discarded', () => {
    const cache = tempCache()
    // The stage tables are TEMP tables of the cache's own connection: only it can see them.
    const stages = () =>
      ((cache as unknown as { db: Database.Database }).db.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'table' AND name LIKE 'xm_stage_%'").get() as { n: number }).n
    const first = cache.beginReplace('p1', 'lines')
    first.add([line(1), line(2)])
    expect(stages()).toBe(1)
    first.commit(1)
    const again = cache.beginReplace('p1', 'lines')
    again.add([line(1), line(3)])
    again.commit(2)
    const failed = cache.beginReplace('p1', 'lines')
    failed.add([line(4)])
    failed.discard()
    expect(stages()).toBe(0)
    expect(ids(cache)).toEqual([1, 3])
  })

  it('discard leaves the previous set and no staged rows behind', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(5), line(6), line(7)])
    staged.discard()
    expect(ids(cache)).toEqual([1, 2])
    expect(cache.getSyncMeta('p1', 'lines').syncedAt).toBe(1)
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toEqual({ narrow: 2, data: 2, fts: 2, staging: 0 })
  })

  it('a pass cut short by a crash is swept on the next open; the previous set is intact', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1, { username: 'changed' }), line(8), line(9)])
    cache.close() // no commit, no discard: what a crash leaves
    expect(sideCounts(join(dir, 'cache.db'))).toMatchObject({ narrow: 2, data: 5 })

    const reopened = tempCache(dir)
    expect(ids(reopened)).toEqual([1, 2])
    expect(reopened.getRow('p1', 'lines', 1)?.username).toBe(line(1).username)
    reopened.close()
    expect(sideCounts(join(dir, 'cache.db'))).toEqual({ narrow: 2, data: 2, fts: 2, staging: 0 })
  })

  it('an id listed on two pages keeps its last copy, in rows and in search', () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1, { username: 'first.copy' }), line(2)])
    staged.add([line(1, { username: 'second.copy' })])
    expect(staged.size).toBe(2)
    staged.commit(1)
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('second.copy')
    expect(ids(cache, { search: 'first' })).toEqual([])
    expect(ids(cache, { search: 'second' })).toEqual([1])
  })

  it('an id listed twice within one page keeps its last copy, on a first sync and among kept rows', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const page = Array.from({ length: 40 }, (_, i) => line(i + 1))
    // Ids 3 and 30 again: a few rows after the first copy, and at the page's end.
    page.splice(5, 0, line(3, { username: 'three.again' }))
    page.push(line(30, { username: 'thirty.again' }))
    const first = cache.beginReplace('p1', 'lines')
    first.add(page)
    first.commit(1)
    expect(ids(cache, { limit: 100 })).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect([cache.getRow('p1', 'lines', 3)?.username, cache.getRow('p1', 'lines', 30)?.username]).toEqual(['three.again', 'thirty.again'])
    // A re-sync: an unchanged (kept) row listed twice, then a changed copy of it.
    const again = cache.beginReplace('p1', 'lines')
    again.add([...page.slice(0, 10), line(8), line(8, { username: 'eight.changed' }), ...page.slice(10)])
    again.commit(2)
    expect(cache.count('p1', 'lines')).toBe(40)
    expect(cache.getRow('p1', 'lines', 8)?.username).toBe('eight.changed')
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toMatchObject({ narrow: 40, data: 40, staging: 0 })
  })

  it('a re-sync keeps unchanged rows, rewrites changed ones and drops the rest', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const rows = [line(1), line(2), line(3)]
    cache.replaceAll('p1', 'lines', rows, rows.map(rawLine), 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1), line(2, { username: 'renamed' })], [rawLine(line(1)), rawLine(line(2))])
    staged.add([line(4)], [rawLine(line(4))])
    staged.commit(2)
    expect(ids(cache)).toEqual([1, 2, 4])
    expect(cache.getRow('p1', 'lines', 1)).toEqual({ ...line(1), profileId: 'p1' })
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(rawLine(line(1)))
    expect(ids(cache, { search: 'renamed' })).toEqual([2])
    expect(ids(cache, { search: line(2).username })).toEqual([])
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toMatchObject({ narrow: 3, data: 3, staging: 0 })
  })

  it('writes during a pass do not collide with staged rows', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1), line(2), line(3, { username: 'staged.three' })])
    // A line created meanwhile (our own write): it gets a rid no staged row has.
    cache.upsert('p1', 'lines', line(50, { username: 'created.meanwhile' }))
    expect(cache.getRow('p1', 'lines', 50)?.username).toBe('created.meanwhile')
    expect(cache.getRow('p1', 'lines', 3)).toBeNull()
    cache.remove('p1', 'lines', 2)
    staged.commit(2)
    // The pass is the panel's list: row 50 was not on it; the removal of 2 during the pass stands.
    expect(ids(cache)).toEqual([1, 3])
    expect(cache.getRow('p1', 'lines', 3)?.username).toBe('staged.three')
    expect(ids(cache, { search: 'staged' })).toEqual([3])
    expect(ids(cache, { search: 'created' })).toEqual([])
  })

  it('a kept row removed during the pass does not lend its rid to a later staged row', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1), line(2)]) // both unchanged: kept under their live rids
    cache.remove('p1', 'lines', 2) // the row with the highest rid goes
    staged.add([line(3, { username: 'after.removal' })])
    staged.commit(2)
    expect(ids(cache)).toEqual([1, 3])
    expect(cache.getRow('p1', 'lines', 3)?.username).toBe('after.removal')
  })

  it('a row created during the pass never takes a rid the pass holds', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1), line(2)]) // kept under their live rids
    cache.remove('p1', 'lines', 2) // frees the highest rid, which the pass still holds
    cache.upsert('p1', 'lines', line(60, { username: 'created.meanwhile' }))
    staged.commit(2)
    // Row 60 was not on the panel's list: the switch removes it, as any row the pass did not see.
    expect(ids(cache)).toEqual([1])
    expect(ids(cache, { search: 'created' })).toEqual([])
  })

  it('refuses a page with a row without an id, keeping what was staged before', () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    staged.add([line(1)])
    expect(() => staged.add([line(2), { username: 'no id' } as never])).toThrow(/whole-number id/)
    staged.commit(1)
    expect(ids(cache)).toEqual([1])
  })
})
