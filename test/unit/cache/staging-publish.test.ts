/**
 * A first sync shows its rows page by page (issue #14): publish() makes the
 * rows staged so far readable; commit() still switches in the complete set;
 * a pass that stops keeps what it showed (there was nothing before), and
 * the rows it showed keep their search entries and raw copies. Real SQLite.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StatusFilter } from '../../../electron/shared/domain'
import { rawLine } from './fixtures'
import { line, NOW, subReseller } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

type Cache = ReturnType<typeof tempCache>

const ids = (cache: Cache, search?: string) =>
  cache
    .query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, ...(search ? { search } : {}) }, NOW)
    .rows.map((r) => r.id)
    .sort((a, b) => a - b)

const answer = (raw: unknown[]) => new TextEncoder().encode(JSON.stringify({ status: 'STATUS_SUCCESS', data: raw, recordsTotal: String(raw.length) }))

function sideCounts(file: string): { narrow: number; data: number } {
  const db = new Database(file, { readonly: true })
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return { narrow: n('SELECT count(*) AS n FROM lines'), data: n('SELECT count(*) AS n FROM lines_data') }
  } finally {
    db.close()
  }
}

describe('publish (first sync)', () => {
  it('shows each page as it is published; a row sent again replaces its shown copy; commit keeps them all', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const s = cache.beginReplace('p1', 'lines')
    const first = [line(1, { username: 'first.one' }), line(2, { username: 'first.two' })]
    s.add(first, { answer: answer(first.map(rawLine)) })
    expect(ids(cache)).toEqual([])
    s.publish()
    expect(ids(cache)).toEqual([1, 2])
    expect(ids(cache, 'first')).toEqual([1, 2])
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('first.two')

    // Offset paging over a changing list sends line 2 again: one copy, the latest.
    const second = [line(2, { username: 'second.two' }), line(3, { username: 'second.three' })]
    s.add(second, { answer: answer(second.map(rawLine)) })
    s.publish()
    expect(ids(cache)).toEqual([1, 2, 3])
    expect(cache.count('p1', 'lines')).toBe(3)
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('second.two')
    expect(ids(cache, 'first')).toEqual([1])

    await s.settled()
    s.commit(7)
    expect(ids(cache)).toEqual([1, 2, 3])
    expect(cache.getSyncMeta('p1', 'lines').syncedAt).toBe(7)
    expect(cache.getRaw('p1', 'lines', 3)).toEqual(rawLine(second[1]!))
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toEqual({ narrow: 3, data: 3 })
  })

  it('a first sync that stops keeps the rows it showed, drops the rest, and stays "never synced"', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const s = cache.beginReplace('p1', 'lines')
    const shown = [line(1), line(2)]
    s.add(shown, { answer: answer(shown.map(rawLine)) })
    s.publish()
    s.add([line(3)])
    await s.settled()
    s.discard()
    expect(ids(cache)).toEqual([1, 2])
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(rawLine(shown[0]!))
    expect(cache.getSyncMeta('p1', 'lines').syncedAt).toBeNull()
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toEqual({ narrow: 2, data: 2 })
  })

  it('the switch after published pages shows the unpublished rest, and the chip counts (tally) stay exact', async () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2, { enabled: false })])
    s.publish()
    s.add([line(3, { isTrial: true }), line(4, { enabled: false }), line(1, { isTrial: true })])
    await s.settled()
    s.commit(9)
    const total = (status: StatusFilter[]) => cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, status }, NOW).total
    expect(ids(cache)).toEqual([1, 2, 3, 4])
    expect({ active: total(['active']), disabled: total(['disabled']), trial: total(['trial']) }).toEqual({ active: 2, disabled: 2, trial: 2 })
    expect(cache.count('p1', 'lines')).toBe(4)
  })

  it('a line written during a first sync gets the same switch as a re-sync: kept if listed, edits kept, a line created meanwhile goes', async () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2)])
    s.publish()
    cache.upsert('p1', 'lines', line(2, { resellerNotes: 'edited during the sync' }))
    // Created in the app while the pass ran; the panel's list is what the cache keeps.
    cache.upsert('p1', 'lines', line(50, { isTrial: true }))
    s.add([line(3)])
    await s.settled()
    s.commit(9)
    expect(ids(cache)).toEqual([1, 2, 3])
    expect(cache.getRow('p1', 'lines', 2)?.resellerNotes).toBe('edited during the sync')
    const trial = cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, status: ['trial'] }, NOW).total
    expect(trial).toBe(0)
  })

  it('publish(most) shows the oldest staged rows first, a slice at a time, and says how many still wait', () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2), line(3), line(4, { enabled: false }), line(5, { isTrial: true })])
    expect(s.publish(2)).toBe(3)
    expect(ids(cache)).toEqual([1, 2])
    expect(cache.count('p1', 'lines')).toBe(2)
    expect(s.publish(2)).toBe(1)
    expect(ids(cache)).toEqual([1, 2, 3, 4])
    const total = (status: StatusFilter[]) => cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, status }, NOW).total
    expect({ disabled: total(['disabled']), trial: total(['trial']) }).toEqual({ disabled: 1, trial: 0 })
    expect(s.publish(2)).toBe(0)
    expect(ids(cache)).toEqual([1, 2, 3, 4, 5])
    expect({ disabled: total(['disabled']), trial: total(['trial']) }).toEqual({ disabled: 1, trial: 1 })
    // Nothing left: a further slice shows nothing and says so.
    expect(s.publish(2)).toBe(0)
    s.discard()
  })

  it('a row listed again across slices keeps one copy, the latest, whether its first copy was shown or not', async () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1, { username: 'one.first' }), line(2, { username: 'two.first' }), line(3)])
    // Line 1 shown, line 2 still waiting when both come again.
    expect(s.publish(1)).toBe(2)
    s.add([line(2, { username: 'two.second' }), line(1, { username: 'one.second' }), line(4)])
    expect(ids(cache)).toEqual([])
    expect(s.publish(2)).toBe(2)
    expect(ids(cache)).toEqual([2, 3])
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('two.second')
    expect(s.publish(10)).toBe(0)
    expect(ids(cache)).toEqual([1, 2, 3, 4])
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('one.second')
    expect(ids(cache, 'first')).toEqual([])
    await s.settled()
    s.commit(5)
    expect(ids(cache)).toEqual([1, 2, 3, 4])
    expect(cache.count('p1', 'lines')).toBe(4)
  })

  it('commit after a part was shown shows the rest, counts exact; a discard then keeps only what was shown', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2, { enabled: false }), line(3, { isTrial: true })])
    expect(s.publish(1)).toBe(2)
    await s.settled()
    s.commit(9)
    const total = (status: StatusFilter[]) => cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, status }, NOW).total
    expect(ids(cache)).toEqual([1, 2, 3])
    expect({ disabled: total(['disabled']), trial: total(['trial']) }).toEqual({ disabled: 1, trial: 1 })

    const other = cache.beginReplace('p2', 'lines')
    other.add([line(10), line(11), line(12)])
    expect(other.publish(2)).toBe(1)
    other.add([line(13)])
    await other.settled()
    other.discard()
    const p2 = cache.query({ profileIds: ['p2'], resource: 'lines', offset: 0, limit: 100 }, NOW).rows.map((r) => r.id)
    expect(p2.sort((a, b) => a - b)).toEqual([10, 11])
    expect(cache.count('p2', 'lines')).toBe(2)
    cache.close()
    expect(sideCounts(join(dir, 'cache.db'))).toEqual({ narrow: 5, data: 5 })
  })

  it('a line written while a first sync is part-way shown takes the long switch: listed rows all shown, one created meanwhile gone', async () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2), line(3)])
    expect(s.publish(1)).toBe(2)
    cache.upsert('p1', 'lines', line(1, { resellerNotes: 'edited during the sync' }))
    cache.upsert('p1', 'lines', line(60, { isTrial: true }))
    expect(s.publish(1)).toBe(1)
    s.add([line(4)])
    await s.settled()
    s.commit(9)
    expect(ids(cache)).toEqual([1, 2, 3, 4])
    expect(cache.getRow('p1', 'lines', 1)?.resellerNotes).toBe('edited during the sync')
    const trial = cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 100, status: ['trial'] }, NOW).total
    expect(trial).toBe(0)
    expect(cache.count('p1', 'lines')).toBe(4)
  })

  it('a slice counts only the rows it showed: a line created between two pages (its rid inside the slice) is counted once', () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(1), line(2, { isTrial: true })])
    expect(s.publish(1)).toBe(1)
    // Created while the pass runs: its rid is above the staged ones, below the next page's.
    cache.upsert('p1', 'lines', line(60, { isTrial: true, enabled: false }))
    s.add([line(3, { isTrial: true }), line(4, { enabled: false })])
    expect(s.publish()).toBe(0)
    // A page of one: the total comes from the tally, not from counting the page.
    const total = (status: StatusFilter[]) => cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 1, status }, NOW).total
    expect(ids(cache)).toEqual([1, 2, 3, 4, 60])
    expect({ all: total([]), trial: total(['trial']), disabled: total(['disabled']) }).toEqual({ all: 5, trial: 3, disabled: 2 })
    // Single-row writes after the slices are counted again (the triggers run).
    cache.upsert('p1', 'lines', line(61, { isTrial: true }))
    cache.remove('p1', 'lines', 4)
    expect({ all: total([]), trial: total(['trial']), disabled: total(['disabled']) }).toEqual({ all: 5, trial: 4, disabled: 1 })
    s.discard()
  })

  it('shows a table without counts (sub-resellers) in slices too', () => {
    const cache = tempCache()
    const s = cache.beginReplace('p1', 'subResellers')
    s.add([subReseller(1), subReseller(2), subReseller(3)])
    expect(s.publish(2)).toBe(1)
    expect(cache.count('p1', 'subResellers')).toBe(2)
    expect(s.publish()).toBe(0)
    expect(cache.count('p1', 'subResellers')).toBe(3)
    s.discard()
  })

  it('is refused once the panel has rows: a re-sync stays all-or-nothing', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1)], null, 1)
    const s = cache.beginReplace('p1', 'lines')
    s.add([line(2)])
    expect(() => s.publish()).toThrowError(expect.objectContaining({ code: 'INTERNAL' }))
    expect(ids(cache)).toEqual([1])
    s.discard()
  })
})
