/**
 * Synced rows keep their raw copy inside the page answer they came in
 * (raw-pages.ts): each row finds its own raw row, unchanged rows keep theirs
 * across a re-sync, and pages go once no row points at them — on a switch, a
 * discard, a panel removed, and after a crash.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import { rawLine } from './fixtures'
import { line } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

/** A list answer as a panel sends it: raw rows (numbers as strings), junk allowed in between. */
function answer(raw: unknown[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ status: 'STATUS_SUCCESS', data: raw, recordsTotal: String(raw.length) }))
}

function pagesIn(dir: string): number {
  const db = new Database(join(dir, 'cache.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM raw_pages').get() as { n: number }).n
  } finally {
    db.close()
  }
}

const page = (rows: Line[]) => ({ rows, raw: rows.map(rawLine) })

/** A whole sync of one page, as the engine runs it: stage with its answer, wait for the packing, switch. */
async function syncPage(cache: ReturnType<typeof tempCache>, p: ReturnType<typeof page>, at: number): Promise<void> {
  const s = cache.beginReplace('p1', 'lines')
  s.add(p.rows, { answer: answer(p.raw) })
  await s.settled()
  s.commit(at)
}

describe('raw pages', () => {
  it('every synced row reads back the raw row the panel sent, junk between rows included', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const a = page([line(1), line(2)])
    const b = page([line(3, { username: 'third' })])
    const staged = cache.beginReplace('p1', 'lines')
    staged.add(a.rows, { answer: answer(a.raw) })
    // The panel's array held junk the normaliser skipped: row 0 of this page sat at index 2.
    staged.add(b.rows, { answer: answer(['junk', null, ...b.raw]), rawAt: [2] })
    await staged.settled()
    staged.commit(1)
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(a.raw[0])
    expect(cache.getRaw('p1', 'lines', 2)).toEqual(a.raw[1])
    expect(cache.getRaw('p1', 'lines', 3)).toEqual(b.raw[0])
    expect(cache.getRow('p1', 'lines', 3)?.username).toBe('third')
    expect(pagesIn(dir)).toBe(2)
  })

  it('a re-sync keeps unchanged rows with their raw copy and drops pages no row points at', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const first = page([line(1), line(2)])
    await syncPage(cache, first, 1)
    expect(pagesIn(dir)).toBe(1)

    // Row 2 changes: it moves to the new page; row 1 stays on the old one, which must stay.
    const second = page([line(1), line(2, { resellerNotes: 'moved' })])
    await syncPage(cache, second, 2)
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(first.raw[0])
    expect(cache.getRaw('p1', 'lines', 2)).toEqual(second.raw[1])
    expect(pagesIn(dir)).toBe(2)

    // Both change: the first page has no row left and goes.
    const third = page([line(1, { resellerNotes: 'x' }), line(2, { resellerNotes: 'y' })])
    await syncPage(cache, third, 3)
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(third.raw[0])
    expect(pagesIn(dir)).toBe(1)
  })

  it('an unchanged row without a raw copy takes the one a page brings', async () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1)], null, 1)
    expect(cache.getRaw('p1', 'lines', 1)).toBeNull()
    const p = page([line(1)])
    await syncPage(cache, p, 2)
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(p.raw[0])
  })

  it('a discarded pass leaves no page behind; neither does a removed panel', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const p = page([line(1), line(2)])
    const s = cache.beginReplace('p1', 'lines')
    s.add(p.rows, { answer: answer(p.raw) })
    expect(pagesIn(dir)).toBe(1)
    s.discard()
    expect(pagesIn(dir)).toBe(0)

    await syncPage(cache, p, 1)
    cache.deleteProfile('p1')
    expect(pagesIn(dir)).toBe(0)
  })

  it('a pass cut short by a crash leaves no page after the next open', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const p = page([line(1), line(2)])
    cache.beginReplace('p1', 'lines').add(p.rows, { answer: answer(p.raw) })
    cache.close() // neither committed nor discarded: what a killed process leaves
    expect(pagesIn(dir)).toBe(1)
    const again = tempCache(dir)
    expect(pagesIn(dir)).toBe(0)
    expect(again.count('p1', 'lines')).toBe(0)
  })

  it('a newer version of a row from a write has no stale raw copy from its page', async () => {
    const cache = tempCache()
    const p = page([line(1)])
    await syncPage(cache, p, 1)
    cache.upsert('p1', 'lines', line(1, { resellerNotes: 'edited here' }))
    expect(cache.getRaw('p1', 'lines', 1)).toBeNull()
    cache.upsert('p1', 'lines', line(1, { resellerNotes: 'edited again' }), { id: '1', reseller_notes: 'edited again' })
    expect(cache.getRaw('p1', 'lines', 1)).toEqual({ id: '1', reseller_notes: 'edited again' })
  })

  it('a damaged page reads as no raw copy, not as an error', async () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const p = page([line(1)])
    await syncPage(cache, p, 1)
    const db = new Database(join(dir, 'cache.db'))
    db.prepare('UPDATE raw_pages SET body = ?').run(Buffer.from('not brotli at all'))
    db.close()
    expect(cache.getRaw('p1', 'lines', 1)).toBeNull()
    expect(cache.getRow('p1', 'lines', 1)?.id).toBe(1)
  })

  it('refuses row places that do not line up with the rows, writing nothing', async () => {
    const cache = tempCache()
    const p = page([line(1), line(2)])
    const s = cache.beginReplace('p1', 'lines')
    expect(() => s.add(p.rows, { answer: answer(p.raw), rawAt: [0] })).toThrowError(expect.objectContaining({ code: 'VALIDATION' }))
    expect(s.size).toBe(0)
  })
})
