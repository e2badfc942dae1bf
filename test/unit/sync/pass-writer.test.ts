/**
 * A first sync's pages shown in slices beside the fetching (sync/pass-writer.ts):
 * every row ends up shown, in order, with exact chip counts; the view is told only
 * once what is staged is all shown; commit, discard, a row listed twice and a write
 * during the pass keep the staged set's rules (cache/staging.ts). Real SQLite.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { StatusFilter } from '../../../electron/shared/domain'
import { listsReadLately, PassWriter, READ_LATELY_MS, STAGE_SLICE, type PassWriterOptions } from '../../../electron/core/sync/pass-writer'
import { rawLine } from '../cache/fixtures'
import { line, NOW } from '../../helpers/rows'
import { tempCache } from '../cache/temp-cache'

type Cache = ReturnType<typeof tempCache>

const ids = (cache: Cache, profileId = 'p1') =>
  cache
    .query(
      { profileIds: [profileId], resource: 'lines', offset: 0, limit: 5000, sort: { column: 'id', dir: 'asc' } },
      NOW,
    )
    .rows.map((r) => r.id)
const total = (cache: Cache, status: StatusFilter[]) =>
  cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 1, status }, NOW).total
const lines = (from: number, n: number) =>
  Array.from({ length: n }, (_, k) => line(from + k, { enabled: (from + k) % 3 !== 0, isTrial: (from + k) % 5 === 0 }))
const turn = () => new Promise((resolve) => setImmediate(resolve))
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k)

/** A cache whose staged set records each publish() call's slice size. */
function recording(cache: Cache) {
  const slices: (number | undefined)[] = []
  const staged = cache.beginReplace('p1', 'lines')
  const publish = staged.publish.bind(staged)
  staged.publish = (most?: number) => {
    slices.push(most)
    return publish(most)
  }
  return { staged, slices }
}

/** A first sync of panel p1 into a fresh cache, shown in slices of `slice` rows, each slice recorded. */
function firstSync(slice: number, o: Partial<PassWriterOptions> = {}) {
  const cache = tempCache()
  const { staged, slices } = recording(cache)
  return { cache, staged, slices, w: new PassWriter(staged, { firstSync: true, slice, ...o }) }
}

describe('PassWriter (a first sync shown in slices)', () => {
  it('shows every row in slices, in order, with exact chip counts, and tells the view only when all staged rows are shown', async () => {
    const cache = tempCache()
    const { staged, slices } = recording(cache)
    const told: { rows: number; visible: number }[] = []
    const w = new PassWriter(staged, {
      firstSync: true,
      slice: 40,
      onShown: (rows) => told.push({ rows, visible: ids(cache).length }),
    })
    w.take(lines(1, 100), null)
    // Staging alone shows nothing; the first slice comes on a later turn.
    expect(ids(cache)).toEqual([])
    await turn()
    expect(ids(cache)).toEqual(range(1, 40))
    expect(w.shown).toBe(40)
    expect(told).toEqual([])
    w.take(lines(101, 50), null)
    for (let i = 0; i < 4; i++) await turn()
    expect(slices).toEqual([40, 40, 40, 40])
    expect(ids(cache)).toEqual(range(1, 150))
    // Told once, with everything staged shown: the view never reads fewer rows than it was told of.
    expect(told).toEqual([{ rows: 150, visible: 150 }])
    expect({ disabled: total(cache, ['disabled']), trial: total(cache, ['trial']) }).toEqual({
      disabled: 50,
      trial: 30,
    })
    await w.finish()
    await staged.settled()
    staged.commit(7)
    expect(ids(cache)).toEqual(range(1, 150))
    expect(cache.count('p1', 'lines')).toBe(150)
    expect({ disabled: total(cache, ['disabled']), trial: total(cache, ['trial']) }).toEqual({
      disabled: 50,
      trial: 30,
    })
  })

  it('while pages come faster than slices show them, the view is told every four slices of what is shown', async () => {
    const told: { rows: number; visible: number }[] = []
    const { cache, w } = firstSync(10, { onShown: (rows) => told.push({ rows, visible: ids(cache).length }) })
    w.take(lines(1, 100), null)
    for (let i = 0; i < 3; i++) await turn()
    expect(told).toEqual([])
    await turn()
    expect(told).toEqual([{ rows: 40, visible: 40 }])
    for (let i = 0; i < 4; i++) await turn()
    expect(told).toEqual([
      { rows: 40, visible: 40 },
      { rows: 80, visible: 80 },
    ])
    await w.finish()
    expect(told.at(-1)).toEqual({ rows: 100, visible: 100 })
  })

  it('finish() waits until the publisher has shown every staged row; the switch then has nothing left to show', async () => {
    const { cache, staged, slices, w } = firstSync(30)
    w.take(lines(1, 100), null)
    await turn()
    expect(ids(cache)).toEqual(range(1, 30))
    await w.finish()
    expect(slices).toEqual([30, 30, 30, 30])
    expect(ids(cache)).toEqual(range(1, 100))
    staged.commit(7)
    expect(ids(cache)).toEqual(range(1, 100))
    expect({ disabled: total(cache, ['disabled']), trial: total(cache, ['trial']) }).toEqual({
      disabled: 33,
      trial: 20,
    })
    // Nothing is published after finish(): the committed set is left alone.
    await turn()
    expect(slices).toHaveLength(4)
    expect(cache.count('p1', 'lines')).toBe(100)
  })

  it('a one-page first sync ends without waiting a turn: its rows are shown by the switch', async () => {
    const { cache, staged, slices, w } = firstSync(30)
    w.take(lines(1, 3), null)
    await w.finish()
    staged.commit(7)
    expect(slices).toEqual([])
    expect(ids(cache)).toEqual([1, 2, 3])
    await turn()
    expect(slices).toEqual([])
  })

  it('a pass that stops mid-way keeps the slices shown, drops the rest, and publishes nothing after', async () => {
    const { cache, staged, slices, w } = firstSync(25)
    w.take(lines(1, 100), null)
    await turn()
    await turn()
    expect(w.shown).toBe(50)
    w.stop()
    staged.discard()
    await turn()
    await turn()
    expect(slices).toEqual([25, 25])
    expect(ids(cache)).toEqual(range(1, 50))
    expect(cache.count('p1', 'lines')).toBe(50)
    expect(total(cache, ['disabled'])).toBe(16)
  })

  it('a row listed again on a later page replaces its copy, shown or not yet', async () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    const w = new PassWriter(staged, { firstSync: true, slice: 10 })
    w.take(lines(1, 30), null)
    await turn()
    // Line 5 is shown, line 25 still waits; both come again, changed.
    expect(ids(cache)).toEqual(range(1, 10))
    w.take(
      [line(5, { username: 'five.again' }), line(25, { username: 'twenty-five.again', enabled: false }), line(31)],
      null,
    )
    for (let i = 0; i < 3; i++) await turn()
    expect(ids(cache)).toEqual(range(1, 31))
    expect(cache.getRow('p1', 'lines', 5)?.username).toBe('five.again')
    expect(cache.getRow('p1', 'lines', 25)?.username).toBe('twenty-five.again')
    // Lines 3, 6, …, 30 and the changed line 25 are disabled.
    expect(total(cache, ['disabled'])).toBe(11)
    staged.commit(7)
    expect(cache.count('p1', 'lines')).toBe(31)
  })

  it('a line written during the pass: the switch keeps the listed rows and edits, a line created meanwhile goes', async () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    const w = new PassWriter(staged, { firstSync: true, slice: 10 })
    w.take(lines(1, 30), null)
    await turn()
    cache.upsert('p1', 'lines', line(2, { resellerNotes: 'edited during the sync' }))
    cache.upsert('p1', 'lines', line(99))
    w.take(lines(31, 5), null)
    await w.finish()
    staged.commit(7)
    expect(ids(cache)).toEqual(range(1, 35))
    expect(cache.getRow('p1', 'lines', 2)?.resellerNotes).toBe('edited during the sync')
    expect(cache.count('p1', 'lines')).toBe(35)
  })

  it('a re-sync shows nothing before its switch', async () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1)], null, 1)
    const staged = cache.beginReplace('p1', 'lines')
    const w = new PassWriter(staged, { firstSync: false, slice: 10, onShown: () => expect.unreachable() })
    w.take(lines(2, 30), null)
    await w.finish()
    await turn()
    expect(ids(cache)).toEqual([1])
    staged.commit(7)
    expect(ids(cache)).toEqual(range(2, 31))
  })

  it('shows nothing more once the panel is no longer wanted', async () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    let wanted = true
    const w = new PassWriter(staged, { firstSync: true, slice: 10, stillWanted: () => wanted })
    w.take(lines(1, 30), null)
    await turn()
    wanted = false
    await w.finish()
    await turn()
    expect(ids(cache)).toEqual(range(1, 10))
    staged.discard()
  })

  it('a slice that fails fails the pass: the next page and the wait for the publisher throw it', async () => {
    const cache = tempCache()
    const staged = cache.beginReplace('p1', 'lines')
    staged.publish = () => {
      throw new Error('disk full')
    }
    const w = new PassWriter(staged, { firstSync: true, slice: 10 })
    w.take(lines(1, 30), null)
    await turn()
    expect(() => w.take(lines(31, 1), null)).toThrow('disk full')
    await expect(w.finish()).rejects.toThrow('disk full')
    staged.discard()
  })

  it('shows everything staged at once while no list is read, and in slices as soon as one is', async () => {
    let reading = false
    const { cache, slices, w } = firstSync(10, { readers: () => reading })
    w.take(lines(1, 100), null)
    await turn()
    await turn()
    // No one reads: one call shows all 100 rows.
    expect(slices).toEqual([Number.POSITIVE_INFINITY])
    expect(ids(cache)).toEqual(range(1, 100))
    reading = true
    w.take(lines(101, 30), null)
    for (let i = 0; i < 6; i++) await turn()
    expect(slices.slice(1)).toEqual([10, 10, 10])
    expect(ids(cache)).toEqual(range(1, 130))
    await w.finish()
  })
})

/** A staged set of p1 that records the rows each add() call stages. */
function recordingAdds(cache: Cache) {
  const parts: [number, number][] = []
  const staged = cache.beginReplace('p1', 'lines')
  const add = staged.add.bind(staged)
  staged.add = (rows, raw, part) => {
    parts.push(part ? [part.from, part.to] : [0, rows.length])
    add(rows, raw, part)
  }
  return { staged, parts }
}


describe('PassWriter (pages staged in parts while lists are read)', () => {
  it('stages a page STAGE_SLICE rows per transaction, the first part at once, the rest on later turns, in order', async () => {
    const cache = tempCache()
    const { staged, parts } = recordingAdds(cache)
    const w = new PassWriter(staged, { firstSync: false, readers: () => true })
    w.take(lines(1, 1000), null)
    expect(parts).toEqual([[0, STAGE_SLICE]])
    expect(staged.size).toBe(STAGE_SLICE)
    // The next page waits for the first one's parts: checked now (an empty part), staged after them.
    w.take(lines(1001, 300), null)
    expect(parts.at(-1)).toEqual([0, 0])
    await w.finish()
    expect(parts.filter(([a, b]) => b > a)).toEqual([[0, 250], [250, 500], [500, 750], [750, 1000], [0, 250], [250, 300]])
    staged.commit(7)
    expect(ids(cache)).toEqual(range(1, 1300))
  })

  it('stages a page at once when no list is read, or when no one said', () => {
    for (const readers of [() => false, undefined]) {
      const cache = tempCache()
      const { staged, parts } = recordingAdds(cache)
      new PassWriter(staged, { firstSync: false, readers }).take(lines(1, 1000), null)
      expect(parts).toEqual([[0, 1000]])
      staged.discard()
    }
  })

  it('refuses a page with a row it cannot key before any part of it is staged', () => {
    const cache = tempCache()
    const { staged } = recordingAdds(cache)
    const w = new PassWriter(staged, { firstSync: true, readers: () => true })
    const page = lines(1, 600)
    ;(page[500] as unknown as { id: unknown }).id = 'not an id'
    expect(() => w.take(page, null)).toThrow()
    expect(staged.size).toBe(0)
    w.stop()
    staged.discard()
  })

  it('stores a page’s answer once for all its parts, and every row finds its raw row in it', async () => {
    const cache = tempCache()
    const { staged } = recordingAdds(cache)
    const w = new PassWriter(staged, { firstSync: false, readers: () => true })
    const page = lines(1, 600)
    const answer = new TextEncoder().encode(JSON.stringify({ status: 'STATUS_SUCCESS', data: page.map(rawLine) }))
    w.take(page, { answer })
    await w.finish()
    await staged.settled()
    staged.commit(7)
    const db = new Database(cache.file, { readonly: true })
    expect(db.prepare('SELECT count(*) AS n FROM raw_pages').get()).toEqual({ n: 1 })
    db.close()
    for (const id of [1, 251, 600]) expect(cache.getRaw('p1', 'lines', id)).toEqual(rawLine(page[id - 1] as never))
  })

  it('a row listed again on a later page replaces its copy while the first page is still being staged', async () => {
    const cache = tempCache()
    const { staged } = recordingAdds(cache)
    const w = new PassWriter(staged, { firstSync: true, readers: () => true })
    w.take(lines(1, 600), null)
    w.take([line(550, { username: 'moved' })], null)
    await w.finish()
    staged.commit(7)
    expect(ids(cache)).toEqual(range(1, 600))
    expect(cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 5, search: 'moved' }, NOW).rows.map((r) => r.id)).toEqual([550])
  })

  it('a part that fails fails the pass: the next page and the wait for the parts throw it', async () => {
    const cache = tempCache()
    const { staged } = recordingAdds(cache)
    const w = new PassWriter(staged, { firstSync: false, readers: () => true })
    w.take(lines(1, 600), null)
    const add = staged.add.bind(staged)
    staged.add = (rows, raw, part) => {
      if (part && part.from > 0) throw new Error('disk full')
      add(rows, raw, part)
    }
    await expect(w.finish()).rejects.toThrow('disk full')
    expect(() => w.take(lines(601, 10), null)).toThrow('disk full')
    staged.discard()
  })
})

describe('listsReadLately', () => {
  it('says a list is being read for READ_LATELY_MS after the cache last answered one', () => {
    let now = 10_000
    let readAt = Number.NEGATIVE_INFINITY
    const reading = listsReadLately({ lastReadAt: () => readAt }, () => now)
    expect(reading()).toBe(false)
    readAt = now
    expect(reading()).toBe(true)
    now += READ_LATELY_MS - 1
    expect(reading()).toBe(true)
    now += 1
    expect(reading()).toBe(false)
    // A cache that does not say when it was read: never.
    expect(listsReadLately({})()).toBe(false)
  })

  it('is what a real cache reports: a query marks it read', () => {
    const cache = tempCache()
    const reading = listsReadLately(cache)
    expect(reading()).toBe(false)
    ids(cache)
    expect(reading()).toBe(true)
  })
})
