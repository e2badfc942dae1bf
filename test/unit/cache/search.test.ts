/** Free-text search: what matches, and that nothing a user types can break it. */
import { describe, expect, it } from 'vitest'
import { foldText, planSearch, searchNeedles, searchTextOf } from '../../../electron/core/cache/search-text'
import type { CacheQuery } from '../../../electron/shared/views'
import { RESOURCES, type Resource } from '../../../electron/shared/domain'
import { rng } from './fixtures'
import { activecode, activityLog, creditLog, enigma, line, mag, NOW, subReseller } from '../../helpers/rows'
import { tempCache } from './temp-cache'

function filled() {
  const cache = tempCache()
  cache.replaceAll(
    'p1',
    'lines',
    [
      line(1, { username: 'john.smith', password: 'secretpw', resellerNotes: 'Living room TV', ownerName: 'sub_north' }),
      line(2, { username: 'johnny', resellerNotes: '' }),
      line(3, { username: 'chloé_dubois', resellerNotes: 'paid 50% upfront' }),
      line(4, { username: 'o"brien*-NEAR(x)', resellerNotes: 'AND OR NOT' }),
      line(5, { username: 'maria_garcia', resellerNotes: 'under_score' }),
    ],
    null,
    0,
  )
  cache.replaceAll('p2', 'lines', [line(1, { username: 'john.doe' })], null, 0)
  cache.replaceAll('p1', 'mags', [mag(1, { mac: '00:1a:79:ab:cd:ef', username: 'john_mag' }), mag(2, { mac: '00-1A-79-11-22-33' })], null, 0)
  cache.replaceAll('p1', 'enigmas', [enigma(1, { mac: '001a.79ab.0001' })], null, 0)
  cache.replaceAll('p1', 'activecodes', [activecode(1, { code: '4455667788', resellerNotes: 'for john' })], null, 0)
  cache.replaceAll('p1', 'subResellers', [subReseller(1, { username: 'north', email: 'north@example.com' })], null, 0)
  return cache
}

const find = (cache: ReturnType<typeof tempCache>, resource: Resource, search: string, profileIds: CacheQuery['profileIds'] = ['p1']) =>
  cache
    .query({ profileIds, resource, search, offset: 0, limit: 100 }, NOW)
    .rows.map((r) => r.id)
    .sort((a, b) => a - b)

describe('search in a list', () => {
  it('matches word prefixes in username, notes and owner; several words are ANDed', () => {
    const cache = filled()
    expect(find(cache, 'lines', 'john')).toEqual([1, 2])
    expect(find(cache, 'lines', 'smi')).toEqual([1])
    expect(find(cache, 'lines', 'john living')).toEqual([1])
    expect(find(cache, 'lines', 'john kitchen')).toEqual([])
    expect(find(cache, 'lines', 'sub_north')).toEqual([1])
    expect(find(cache, 'lines', 'ROOM')).toEqual([1])
    expect(find(cache, 'lines', 'john', 'all')).toEqual([1, 1, 2])
  })

  it('never searches passwords', () => {
    expect(find(filled(), 'lines', 'secretpw')).toEqual([])
  })

  it('folds accents both ways', () => {
    const cache = filled()
    expect(find(cache, 'lines', 'chloe')).toEqual([3])
    expect(find(cache, 'lines', 'Chloé')).toEqual([3])
  })

  it('treats FTS syntax as plain text', () => {
    const cache = filled()
    expect(find(cache, 'lines', 'o"brien*-NEAR(x)')).toEqual([4])
    expect(find(cache, 'lines', 'NEAR')).toEqual([4])
    expect(find(cache, 'lines', 'AND OR NOT')).toEqual([4])
    expect(find(cache, 'lines', '"john')).toEqual([1, 2])
    expect(find(cache, 'lines', 'username:john')).toEqual([])
    expect(find(cache, 'lines', '50%')).toEqual([3])
  })

  it('finds a MAC whatever notation is typed', () => {
    const cache = filled()
    for (const typed of ['00:1A:79:AB:CD:EF', '00-1a-79-ab-cd-ef', '001a79abcdef', '001A79AB', '00:1a:79:ab']) {
      expect(find(cache, 'mags', typed)).toEqual([1])
    }
    expect(find(cache, 'mags', '001a79')).toEqual([1, 2])
    expect(find(cache, 'mags', 'john_mag')).toEqual([1])
    expect(find(cache, 'enigmas', '00:1a:79:ab:00:01')).toEqual([1])
  })

  it('finds codes, e-mails and notes of other resources', () => {
    const cache = filled()
    expect(find(cache, 'activecodes', '445566')).toEqual([1])
    expect(find(cache, 'activecodes', 'john')).toEqual([1])
    expect(find(cache, 'subResellers', 'north@example')).toEqual([1])
  })

  it('one character or punctuation only falls back to an escaped LIKE', () => {
    const cache = filled()
    expect(planSearch('j')).toEqual({ kind: 'like', pattern: '%j%' })
    expect(planSearch('_')).toEqual({ kind: 'like', pattern: '%\\_%' })
    expect(find(cache, 'lines', 'é')).toEqual([3])
    expect(find(cache, 'lines', '_')).toEqual([1, 3, 5]) // a literal underscore (owner sub_north too), not "any character"
    expect(find(cache, 'lines', '%')).toEqual([3])
    expect(find(cache, 'lines', '"')).toEqual([4])
    expect(find(cache, 'subResellers', '@')).toEqual([1])
    expect(find(cache, 'lines', '   ')).toEqual([1, 2, 3, 4, 5])
  })

  it('combines with chips, sort and paging', () => {
    const cache = filled()
    const r = cache.query(
      { profileIds: ['p1'], resource: 'lines', search: 'john', status: ['active'], sort: { column: 'username', dir: 'desc' }, offset: 0, limit: 1 },
      NOW,
    )
    expect(r.rows.map((x) => x.id)).toEqual([2])
    expect(r.total).toBe(2)
  })
})

describe('folded search text (the walk tests rows on it: query-walk.ts)', () => {
  it('folds as the tokenizer does: lower case, Latin accents off, other scripts kept, non-letters one space', () => {
    expect(foldText('Chloé_Dubois')).toBe('chloe dubois')
    expect(foldText('  Müller--Jürgen!! ')).toBe('muller jurgen')
    expect(foldText('e\u0301cole')).toBe('ecole')
    expect(foldText('Йошкар.Ола')).toBe('йошкар ола')
    expect(foldText('İstanbul')).toBe('istanbul')
    expect(foldText('JOHN.smith_42')).toBe('john smith 42')
    expect(foldText('+44 7700')).toBe('44 7700')
  })

  it('puts each field between spaces, fields apart by " | ", so a word never runs across two', () => {
    expect(searchTextOf(['John.Smith', null, 'sub_north'])).toBe(' john smith |  | sub north ')
    expect(searchTextOf([])).toBe('  ')
  })

  it('looks for each word at a token start, a MAC also as bare hex; control characters part words', () => {
    expect(searchNeedles('John sub_north')).toEqual([[' john'], [' sub north']])
    expect(searchNeedles('00:1A:79')).toEqual([[' 00 1a 79', ' 001a79']])
    expect(searchNeedles('john\u0000smith')).toEqual(searchNeedles('john smith'))
    expect(searchNeedles('j')).toBeNull()
    expect(searchNeedles('  ')).toBeNull()
  })
})

describe('search never throws on user text (fuzz)', () => {
  const pieces = ['"', "'", '*', '-', '+', '^', ':', '(', ')', '{', '}', '[', ']', 'NEAR', 'NEAR/2', 'AND', 'OR', 'NOT', '\\', '%', '_', '\0', '\u0001',
    ' ', '  ', '\t', '\n', 'é', 'ß', 'İ', '日本', '😀', '\u200b', '\ufffd', 'a', 'Z', '0', '9', 'john', 'username:', '.', '@', '|', ';', 'DROP TABLE lines;--']

  it('300 random strings through query() on every resource and through search()', () => {
    const cache = filled()
    const r = rng(2024)
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(r() * 8)
      const text = Array.from({ length: n }, () => pieces[Math.floor(r() * pieces.length)]).join('').slice(0, 200)
      for (const resource of RESOURCES) {
        const res = cache.query({ profileIds: 'all', resource, search: text, offset: 0, limit: 5 }, NOW)
        expect(res.total).toBeGreaterThanOrEqual(res.rows.length)
      }
      expect(Array.isArray(cache.search(text, 10))).toBe(true)
    }
    // Still a working cache afterwards.
    expect(find(cache, 'lines', 'john')).toEqual([1, 2])
  })
})

describe('global search', () => {
  it('finds across resources and panels, titled by the name people know', () => {
    const cache = filled()
    cache.replaceAll('p1', 'activityLogs', [activityLog(1, { username: 'john.smith', streamName: 'News HD' })], null, 0)
    cache.replaceAll('p1', 'creditLogs', [creditLog(1, { action: 'extend', ownerName: 'john' })], null, 0)
    const hits = cache.search('john', 50)
    const summary = hits.map((h) => `${h.profileId}/${h.resource}/${h.id}`)
    expect(summary.sort()).toEqual(
      ['p1/lines/1', 'p1/lines/2', 'p2/lines/1', 'p1/mags/1', 'p1/activecodes/1', 'p1/activityLogs/1', 'p1/creditLogs/1'].sort(),
    )
    // Main resources come before logs.
    expect(hits.findIndex((h) => h.resource === 'activityLogs')).toBeGreaterThan(hits.findIndex((h) => h.resource === 'activecodes'))
    const line1 = hits.find((h) => h.profileId === 'p1' && h.resource === 'lines' && h.id === 1)
    expect(line1).toMatchObject({ title: 'john.smith', subtitle: 'Line · Living room TV' })
    const line2 = hits.find((h) => h.profileId === 'p1' && h.resource === 'lines' && h.id === 2)
    // The expiry is a time the page dates in the user's language, not English words with an ISO day.
    expect(line2).toMatchObject({ subtitle: 'Line', expDate: expect.any(Number) })
    expect(hits.find((h) => h.resource === 'mags')).toMatchObject({ title: '00:1a:79:ab:cd:ef', subtitle: expect.stringMatching(/^MAG device · john_mag/) })
    expect(hits.find((h) => h.resource === 'activecodes')).toMatchObject({ title: '4455667788', subtitle: 'Activation code · for john' })
    expect(hits.find((h) => h.resource === 'creditLogs')).toMatchObject({ title: 'extend' })
  })

  it('respects the limit and answers nothing for blank text', () => {
    const cache = filled()
    expect(cache.search('john', 2)).toHaveLength(2)
    expect(cache.search('   ', 10)).toEqual([])
    expect(cache.search('zzzz-nothing', 10)).toEqual([])
  })
})
