/**
 * Rows are stored as narrow columns plus only what the columns cannot hold
 * (row-codec.ts): they must come back exactly as written, whatever the panel
 * put in them, and a change that only the columns carry (a username's case)
 * must reach the row, the search index and a re-sync's unchanged-row check.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RESOURCES, type Line } from '../../../electron/shared/domain'
import { activecode, activityLog, creditLog, enigma, line, mag, NOW, subReseller } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

const searchIds = (cache: ReturnType<typeof tempCache>, search: string) =>
  cache.query({ profileIds: ['p1'], resource: 'lines', search, offset: 0, limit: 100 }, NOW).rows.map((r) => r.id)

function dataOf(dir: string, id: number): unknown {
  const db = new Database(join(dir, 'cache.db'), { readonly: true })
  try {
    const row = db.prepare('SELECT d.data FROM lines t JOIN lines_data d ON d.rid = t.rid WHERE t.id = ?').get(id) as { data: string }
    return JSON.parse(row.data)
  } finally {
    db.close()
  }
}

describe('row codec', () => {
  it('keeps only the fields without a column in data', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const l = line(1, { allowedIps: ['10.0.0.1'], bouquets: [3, 4], expDate: null, lastActivity: 1_700_000_000 })
    cache.replaceAll('p1', 'lines', [l], null, 1)
    expect(dataOf(dir, 1)).toEqual({ allowedIps: ['10.0.0.1'], bouquets: [3, 4] })
    expect(cache.getRow('p1', 'lines', 1)).toEqual({ ...l, profileId: 'p1' })
  })

  it('gives back values a column would change, and leaves absent fields absent', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    // What a panel's garbage could leave in a row if a normaliser let it through.
    const odd = { ...line(2), packageId: '7', enabled: 'yes', username: 12345, maxConnections: Number.NaN } as unknown as Line
    const { resellerNotes: _dropped, ...partial } = line(3)
    void _dropped
    cache.replaceAll('p1', 'lines', [odd, partial as Line], null, 1)
    const back = cache.getRow('p1', 'lines', 2) as unknown as Record<string, unknown>
    expect(back.packageId).toBe('7')
    expect(back.enabled).toBe('yes')
    expect(back.username).toBe(12345)
    expect(back.maxConnections).toBeNull() // JSON has no NaN: as before, it reads back as null
    const three = cache.getRow('p1', 'lines', 3) as unknown as Record<string, unknown>
    expect('resellerNotes' in three).toBe(false)
    expect(three).toEqual({ ...partial, profileId: 'p1' })
  })

  it('round-trips a row of every resource through every read path', () => {
    const cache = tempCache()
    const rows = {
      lines: line(1, { resellerNotes: 'Ünïcode & "quotes"', isTrial: true, enabled: false }),
      mags: mag(1, { resellerNotes: 'box in kitchen' }),
      enigmas: enigma(1),
      activecodes: activecode(1),
      subResellers: subReseller(1),
      activityLogs: activityLog(1),
      liveConnections: (({ dateEnd: _end, ...live }) => ({ ...live, serverId: 2 }))(activityLog(1)),
      creditLogs: creditLog(1),
    }
    for (const resource of RESOURCES) {
      const row = rows[resource]
      cache.replaceAll('p1', resource, [row] as never[], null, 1)
      const want = { ...row, profileId: 'p1' }
      expect(cache.getRow('p1', resource, 1), resource).toEqual(want)
      expect(cache.query({ profileIds: ['p1'], resource, offset: 0, limit: 10 }, NOW).rows, resource).toEqual([want])
    }
  })

  it('a username whose only change is its case is updated by upsert, in the row and in search', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'alice' })], null, 1)
    cache.upsert('p1', 'lines', line(1, { username: 'Alice' }))
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('Alice')
    cache.upsert('p1', 'lines', line(1, { username: 'Alice', resellerNotes: 'vip' }))
    expect(searchIds(cache, 'vip')).toEqual([1])
  })

  it('a re-sync that only changes a username keeps no stale copy, in the row or in search', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'alice' }), line(2, { username: 'bob' })], null, 1)
    cache.replaceAll('p1', 'lines', [line(1, { username: 'ALICE' }), line(2, { username: 'carol' })], null, 2)
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('ALICE')
    expect(cache.getRow('p1', 'lines', 2)?.username).toBe('carol')
    expect(searchIds(cache, 'bob')).toEqual([])
    expect(searchIds(cache, 'carol')).toEqual([2])
    expect(cache.findByKey('p1', 'lines', 'alice')?.id).toBe(1)
  })
})
