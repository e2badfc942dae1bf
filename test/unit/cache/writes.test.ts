/** replaceAll, upsert, remove and lookups: what the sync writes and the writers read back. */
import { describe, expect, it } from 'vitest'
import type { CacheQuery } from '../../../electron/shared/views'
import { rawLine } from './fixtures'
import { activecode, activityLog, enigma, line, mag, NOW, subReseller } from '../../helpers/rows'
import { tempCache } from './temp-cache'

const searchIds = (cache: ReturnType<typeof tempCache>, search: string, profileIds: CacheQuery['profileIds'] = ['p1']) =>
  cache.query({ profileIds, resource: 'lines', search, offset: 0, limit: 100 }, NOW).rows.map((r) => `${r.profileId}:${r.id}`).sort()

describe('replaceAll', () => {
  it('removes rows not in the new set, updates the rest, adds new ones, keeps raw rows', () => {
    const cache = tempCache()
    const first = [line(1, { username: 'alpha' }), line(2, { username: 'bravo' }), line(3, { username: 'charlie' })]
    cache.replaceAll('p1', 'lines', first, first.map(rawLine), 1000)
    const second = [line(2, { username: 'bravo', resellerNotes: 'moved' }), line(3, { username: 'charlie' }), line(4, { username: 'delta' })]
    cache.replaceAll('p1', 'lines', second, second.map(rawLine), 2000)

    expect(cache.count('p1', 'lines')).toBe(3)
    expect(cache.getRow('p1', 'lines', 1)).toBeNull()
    expect(cache.getRow('p1', 'lines', 2)).toEqual({ ...second[0], profileId: 'p1' })
    expect(cache.getRow('p1', 'lines', 4)?.username).toBe('delta')
    expect(cache.getRaw('p1', 'lines', 2)).toEqual(rawLine(second[0]!))
    expect(cache.getRaw('p1', 'lines', 4)).toEqual(rawLine(second[2]!))
    expect(cache.getSyncMeta('p1', 'lines')).toEqual({ syncedAt: 2000, error: null })
    // The search index follows: the removed row is gone, the changed note is found.
    expect(searchIds(cache, 'alpha')).toEqual([])
    expect(searchIds(cache, 'moved')).toEqual(['p1:2'])
    expect(searchIds(cache, 'delta')).toEqual(['p1:4'])
  })

  it('a renamed row is found by its new name only', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'oldname' })], null, 0)
    cache.replaceAll('p1', 'lines', [line(1, { username: 'newname' })], null, 0)
    expect(searchIds(cache, 'oldname')).toEqual([])
    expect(searchIds(cache, 'newname')).toEqual(['p1:1'])
  })

  it('an unchanged re-sync changes nothing; only a changed raw row is rewritten', () => {
    const cache = tempCache()
    const rows = [line(1), line(2)]
    cache.replaceAll('p1', 'lines', rows, rows.map(rawLine), 0)
    cache.replaceAll('p1', 'lines', rows, rows.map(rawLine), 5)
    expect(cache.getRow('p1', 'lines', 1)).toEqual({ ...rows[0], profileId: 'p1' })
    cache.replaceAll('p1', 'lines', rows, [{ x: 1 }, rawLine(rows[1]!)], 6)
    expect(cache.getRaw('p1', 'lines', 1)).toEqual({ x: 1 })
    cache.replaceAll('p1', 'lines', rows, null, 7)
    expect(cache.getRaw('p1', 'lines', 1)).toBeNull()
    expect(searchIds(cache, 'user1')).toEqual(['p1:1'])
  })

  it('touches only its own panel and resource', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1)], null, 0)
    cache.replaceAll('p2', 'lines', [line(1), line(2)], null, 0)
    cache.replaceAll('p1', 'mags', [mag(1)], null, 0)
    cache.replaceAll('p1', 'lines', [], null, 0)
    expect(cache.count('p1', 'lines')).toBe(0)
    expect(cache.count('p2', 'lines')).toBe(2)
    expect(cache.count('p1', 'mags')).toBe(1)
    expect(searchIds(cache, 'user1', 'all')).toEqual(['p2:1'])
  })

  it('a panel listing an id twice does not fail the sync: the last copy wins', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'first' }), line(1, { username: 'second' })], null, 0)
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('second')
    cache.replaceAll('p1', 'lines', [line(1, { username: 'third' }), line(2), line(1, { username: 'fourth' })], null, 0)
    expect(cache.getRow('p1', 'lines', 1)?.username).toBe('fourth')
    expect(cache.count('p1', 'lines')).toBe(2)
  })

  it('refuses bad input as a whole: nothing is half-written', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 100)
    const bad = [line(3), { ...line(4), id: 'x' as unknown as number }]
    expect(() => cache.replaceAll('p1', 'lines', bad, null, 200)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }))
    expect(() => cache.replaceAll('p1', 'lines', [line(3)], [{}, {}], 200)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }))
    expect(cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 10 }, NOW).rows.map((r) => r.id).sort()).toEqual([1, 2])
    expect(cache.getSyncMeta('p1', 'lines').syncedAt).toBe(100)
  })

  it('drops a raw row that cannot be serialised instead of failing', () => {
    const cache = tempCache()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    cache.replaceAll('p1', 'lines', [line(1)], [cyclic], 0)
    expect(cache.getRow('p1', 'lines', 1)?.id).toBe(1)
    expect(cache.getRaw('p1', 'lines', 1)).toBeNull()
  })
})

describe('upsert, remove, getRow, findByKey, count', () => {
  it('upsert inserts then updates one row, and search follows', () => {
    const cache = tempCache()
    cache.upsert('p1', 'lines', line(7, { username: 'fresh' }), { id: '7' })
    expect(cache.getRow('p1', 'lines', 7)).toMatchObject({ username: 'fresh', profileId: 'p1' })
    expect(cache.getRaw('p1', 'lines', 7)).toEqual({ id: '7' })
    cache.upsert('p1', 'lines', line(7, { username: 'renamed' }))
    expect(cache.getRow('p1', 'lines', 7)?.username).toBe('renamed')
    expect(cache.getRaw('p1', 'lines', 7)).toBeNull() // an upsert without raw does not keep a stale one
    expect(searchIds(cache, 'fresh')).toEqual([])
    expect(searchIds(cache, 'renamed')).toEqual(['p1:7'])
    expect(cache.count('p1', 'lines')).toBe(1)
  })

  it('remove deletes the row and its search entry', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1), line(2)], null, 0)
    cache.remove('p1', 'lines', 1)
    cache.remove('p1', 'lines', 99) // absent: no error
    expect(cache.getRow('p1', 'lines', 1)).toBeNull()
    expect(searchIds(cache, 'user1')).toEqual([])
    expect(cache.count('p1', 'lines')).toBe(1)
  })

  it('findByKey: usernames case-insensitively, MACs in any notation, codes', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'lines', [line(1, { username: 'John.Smith' })], null, 0)
    cache.replaceAll('p2', 'lines', [line(5, { username: 'john.smith' })], null, 0)
    cache.replaceAll('p1', 'mags', [mag(3, { mac: '00:1a:79:ab:cd:ef' })], null, 0)
    cache.replaceAll('p1', 'enigmas', [enigma(4, { mac: '001A.79AB.CDEF' })], null, 0)
    cache.replaceAll('p1', 'activecodes', [activecode(9, { code: '123456789' })], null, 0)
    cache.replaceAll('p1', 'subResellers', [subReseller(2, { username: 'SubOne' })], null, 0)

    expect(cache.findByKey('p1', 'lines', 'JOHN.SMITH')).toMatchObject({ id: 1, profileId: 'p1' })
    expect(cache.findByKey('p2', 'lines', ' john.smith ')).toMatchObject({ id: 5, profileId: 'p2' })
    expect(cache.findByKey('p1', 'lines', 'john')).toBeNull()
    expect(cache.findByKey('p1', 'mags', '00-1A-79-AB-CD-EF')?.id).toBe(3)
    expect(cache.findByKey('p1', 'mags', '001a79abcdef')?.id).toBe(3)
    expect(cache.findByKey('p1', 'enigmas', '00:1a:79:ab:cd:ef')?.id).toBe(4)
    expect(cache.findByKey('p1', 'mags', '::')).toBeNull()
    expect(cache.findByKey('p1', 'activecodes', '123456789')?.id).toBe(9)
    expect(cache.findByKey('p1', 'subResellers', 'subone')?.id).toBe(2)
    expect(() => cache.findByKey('p1', 'activityLogs', 'x')).toThrowError(expect.objectContaining({ code: 'VALIDATION' }))
  })

  it('findByKey: names with punctuation, quotes, accents or no letters at all, among many rows', () => {
    const cache = tempCache()
    const names = ['a.b-c_d@x.com', 'say "hi"', 'Jürgen', 'jurgen', '---', '___', 'o’neil', 'ab', 'abc', 'b ab']
    const many = Array.from({ length: 500 }, (_, i) => line(100 + i, { username: `filler${i}` }))
    cache.replaceAll('p1', 'lines', [...names.map((n, i) => line(i + 1, { username: n })), ...many], null, 0)
    names.forEach((n, i) => expect(cache.findByKey('p1', 'lines', n)?.id, n).toBe(i + 1))
    expect(cache.findByKey('p1', 'lines', 'JüRGEN')?.id).toBe(3)
    expect(cache.findByKey('p1', 'lines', 'JÜRGEN')).toBeNull() // SQLite's NOCASE folds ASCII letters only
    expect(cache.findByKey('p1', 'lines', 'a.b')).toBeNull()
    expect(cache.findByKey('p1', 'lines', '-')).toBeNull()
    expect(cache.findByKey('p1', 'lines', '')).toBeNull()
    expect(cache.findByKey('p1', 'lines', 'filler499')?.id).toBe(599)
    // A row written one by one (a write's answer) is found at once.
    cache.upsert('p1', 'lines', line(900, { username: 'fresh.one' }))
    expect(cache.findByKey('p1', 'lines', 'Fresh.One')?.id).toBe(900)
    cache.upsert('p1', 'lines', line(900, { username: 'renamed' }))
    expect(cache.findByKey('p1', 'lines', 'fresh.one')).toBeNull()
    expect(cache.findByKey('p1', 'lines', 'renamed')?.id).toBe(900)
  })

  it('stores every resource', () => {
    const cache = tempCache()
    cache.replaceAll('p1', 'activityLogs', [activityLog(1), activityLog(2)], null, 0)
    expect(cache.getRow('p1', 'activityLogs', 2)).toEqual({ ...activityLog(2), profileId: 'p1' })
    expect(cache.count('p1', 'activityLogs')).toBe(2)
  })
})
