/**
 * The maintained counts behind a list's total (tally.ts) stay equal to counting
 * the rows, through every way rows change: syncs (first, re-sync with kept,
 * changed and vanished rows, a discarded one), upserts, removals, a panel
 * removed, clocks on and beside the tally's span boundaries, missing flags; and a file of
 * the schema before them (v6) gains them on open.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../electron/core/cache/migrations'
import { TALLY_SPAN } from '../../../electron/core/cache/tally'
import type { Line } from '../../../electron/shared/domain'
import { rng, syntheticLines } from './fixtures'
import { DAY, expectTotals } from './totals'
import { line, NOW } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

/** Clocks on a span start, just before and after it, one whose "expiring soon" ends on a span start, and others. */
const spanStart = Math.trunc(NOW / TALLY_SPAN) * TALLY_SPAN
const NOWS = [NOW, spanStart, spanStart - 1, spanStart + 1, spanStart + TALLY_SPAN - 7 * DAY, NOW + 3 * DAY + 17]

/** Lines whose expiries crowd the spans around NOW, so boundaries split many rows. */
function crowded(count: number, seed: number, firstId: number): Line[] {
  const r = rng(seed)
  return syntheticLines(count, seed, firstId).map((l) => ({ ...l, expDate: l.expDate === null ? null : NOW + Math.floor((r() - 0.4) * 20 * DAY) }))
}

describe('tally: list totals from maintained counts', () => {
  it('syncs, re-syncs, upserts, removals and a removed panel keep totals equal to the rows', async () => {
    const cache = tempCache()
    const a = crowded(600, 1, 1)
    cache.replaceAll('panel-a', 'lines', a, null, 1)
    cache.replaceAll('panel-b', 'lines', crowded(400, 2, 10_000), null, 1)
    const both = ['panel-a', 'panel-b']
    expectTotals(cache, both, NOWS)

    // A re-sync staged page by page: most rows kept, some changed in every chip column, some gone, some new.
    const next = a.slice(50).map((l, i) => (i % 7 === 0 ? { ...l, enabled: !l.enabled, expDate: l.expDate === null ? NOW : null, isTrial: !l.isTrial } : l))
    next.push(...crowded(30, 3, 20_000))
    const set = cache.beginReplace('panel-a', 'lines')
    for (let i = 0; i < next.length; i += 100) set.add(next.slice(i, i + 100))
    // Writes land while the pass is open: a row the pass lists, changed; a row the pass dropped, removed.
    cache.upsert('panel-a', 'lines', { ...(next[3] as Line), adminEnabled: false })
    cache.remove('panel-a', 'lines', (a[0] as Line).id)
    await set.settled()
    set.commit(2)
    expect(cache.count('panel-a', 'lines')).toBe(next.length)
    expectTotals(cache, both, NOWS)

    // A pass that fails changes nothing.
    const failed = cache.beginReplace('panel-b', 'lines')
    failed.add(crowded(50, 4, 30_000))
    failed.discard()
    expect(cache.count('panel-b', 'lines')).toBe(400)
    expectTotals(cache, both, [NOW])

    // Single-row writes: new rows, changed flags and expiry, a row with a flag missing, removals.
    cache.upsert('panel-a', 'lines', line(50_000, { expDate: spanStart + 5, isTrial: true }))
    const changed = { ...(next[10] as Line), expDate: spanStart - 3, enabled: false }
    cache.upsert('panel-a', 'lines', changed)
    cache.upsert('panel-a', 'lines', changed) // unchanged: nothing to count twice
    const { isTrial: _t, ...noTrial } = line(50_001)
    cache.upsert('panel-a', 'lines', noTrial as Line)
    cache.remove('panel-a', 'lines', (next[20] as Line).id)
    cache.remove('panel-a', 'lines', 999_999) // not cached: nothing changes
    cache.upsert('panel-c', 'lines', line(1, { enabled: false })) // a panel's first row
    expectTotals(cache, [...both, 'panel-c'], NOWS)

    cache.deleteProfile('panel-b')
    expect(cache.query({ profileIds: ['panel-b'], resource: 'lines', offset: 0, limit: 1 }, NOW).total).toBe(0)
    expectTotals(cache, ['panel-a', 'panel-c'], NOWS)
    // The next panel takes the short key of the last one removed (panel-keys.ts): none of its counts may be left.
    cache.replaceAll('panel-d', 'lines', crowded(120, 5, 40_000), null, 3)
    cache.deleteProfile('panel-d')
    cache.upsert('panel-e', 'lines', line(7, { enabled: true, adminEnabled: true, expDate: NOW + 9 * DAY }))
    expectTotals(cache, ['panel-a', 'panel-c', 'panel-e'], NOWS)
  })

  it('a v6 file (before tallies) gets exact totals and the sort orders on open', () => {
    const dir = tempDir()
    const file = join(dir, 'cache.db')
    const v6 = new Database(file)
    migrate(v6, 1, 6)
    v6.prepare("INSERT INTO panel_keys (key, profile_id) VALUES ('1', 'p1'), ('2', 'p2')").run()
    const insert = v6.prepare(
      'INSERT INTO lines (panel_key, id, username, exp_date, enabled, admin_enabled, is_trial) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rid',
    )
    const data = v6.prepare("INSERT INTO lines_data (rid, data) VALUES (?, '{}')")
    const rows = crowded(300, 5, 1)
    rows.forEach((l, i) => {
      const panel = i % 3 === 0 ? 'p2' : 'p1'
      const { rid } = insert.get(panel === 'p1' ? '1' : '2', l.id, l.username, l.expDate, l.enabled ? 1 : 0, l.adminEnabled ? 1 : 0, l.isTrial ? 1 : 0) as { rid: number }
      data.run(rid)
    })
    v6.close()

    const cache = tempCache(dir)
    expect(cache.recovered).toBe(false)
    expectTotals(cache, ['p1', 'p2'], NOWS)
    const byExpiry = cache.query({ profileIds: 'all', resource: 'lines', sort: { column: 'expDate', dir: 'asc' }, offset: 0, limit: 1000 }, NOW).rows as Line[]
    const want = [...rows].sort((x, y) => (x.expDate ?? Infinity) - (y.expDate ?? Infinity) || x.id - y.id).map((l) => l.id)
    expect(byExpiry.map((l) => l.id)).toEqual(want)
    cache.close()
    const db = new Database(file, { readonly: true })
    try {
      const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lines'").all() as { name: string }[]).map((r) => r.name)
      expect(indexes).toEqual(expect.arrayContaining(['lines_by_id', 'lines_by_username', 'lines_by_expiry', 'lines_by_created', 'lines_by_package', 'lines_by_owner']))
      expect(indexes).not.toContain('lines_view')
      // The triggers are the connection's own: nothing in the file another program could trip on.
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })
})
