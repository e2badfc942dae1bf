/**
 * The in-memory search index (search-index.ts) against a plain reference: every row tested on
 * its whole text, chips read as SQL reads them, sorted with compareKeys (whose order is
 * SQLite's: query-walk.test.ts). Rows put, replaced and dropped, enough to sweep the dead.
 */
import { describe, expect, it } from 'vitest'
import type { KeyValue } from '../../../electron/core/cache/keyset'
import { compareKeys, compareNocase, type WalkOrder, type WalkRow } from '../../../electron/core/cache/query-walk'
import { KEY_LENGTH, SearchIndex, type IndexedRow, type IndexQuery } from '../../../electron/core/cache/search-index'
import { textKeys } from '../../../electron/core/cache/search-index-column'
import { searchNeedles, searchTextOf } from '../../../electron/core/cache/search-text'
import type { StatusFilter } from '../../../electron/shared/domain'
import { rng } from './fixtures'

const NOW = 1_800_000_000
const SOON = NOW + 7 * 86_400
const ORDER = ['username', 'exp_date', 'created_at', 'package_id', 'owner_name']
const CHIPS: StatusFilter[] = ['active', 'disabled', 'banned', 'expired', 'trial', 'expiring']
const NAMES = ['john', 'Jo', 'joe', 'jonas', 'johnny', 'maria', 'Ahmed', 'ahmedov', 'Müller', 'MULLER', 'chloé', 'Йордан', 'li', 'sub_north', 'sub', 'north', '𝔘nicode', 'ab']
const NOTES = ['', 'living room', 'Samsung TV', 'paid cash', 'room 12', 'sub north', 'renew in March', 'kids tablet', '00:1A:79:AB:CD:EF']
const WORDS = ['jo', 'john', 'johnny', 'ahme', 'ahmed', 'mull', 'muller', 'müller', 'chlo', 'йор', 'li', 'sub north', 'sub_n', 'room', 'ro', 'samsung tv', 'paid', 'ab', 'zz', 'jo room', '00:1a:79', 'north', 'sub', 'nicode', 'renew in', '12']

interface Ref {
  rid: number
  panelKey: string
  id: number
  admin: KeyValue
  enabled: KeyValue
  trial: KeyValue
  text: string | null
  values: KeyValue[]
}

function randomRow(r: () => number, rid: number): Ref {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const flag = (): KeyValue => pick([1, 1, 1, 0, null, 2])
  const username = `${pick(NAMES)}${r() < 0.5 ? '.' : ' '}${pick(NAMES)}${Math.floor(r() * 50)}`
  const owner = pick(['reseller1', 'sub_north', 'Sub_South', null, 'zoë'])
  const notes = pick(NOTES)
  // Expiries: dates around now, unlimited (NULL), the odd text or number where a date belongs.
  const exp: KeyValue = pick([NOW - 86_400, NOW, NOW + 3600, SOON, SOON + 1, NOW + 90 * 86_400, null, 'soon', NOW + 0.5])
  const values: KeyValue[] = [pick([username, username, 42, null]), exp, pick([NOW - 5, NOW - 9, null]), pick([1, 2, 3, null, 'x']), owner]
  return {
    rid,
    // Ids unique in a panel, as the table's key makes them; two panels share each id.
    panelKey: rid % 2 === 0 ? '2' : pick(['1', '10']),
    id: Math.ceil(rid / 2),
    admin: flag(),
    enabled: flag(),
    trial: flag(),
    text: r() < 0.03 ? null : searchTextOf([username, notes, owner]),
    values,
  }
}

const tuple = (x: Ref): IndexedRow => [x.rid, x.panelKey, x.id, x.admin, x.enabled, x.trial, x.text, ...x.values]

/** SQL's comparison of a value with a number: NULL is neither, text is above every number. */
const gt = (v: KeyValue, n: number) => (v === null ? false : typeof v === 'number' ? v > n : true)

function chipOk(x: Ref, chips: StatusFilter[]): boolean {
  if (chips.length === 0) return true
  const exp = x.values[1] as KeyValue
  const live = x.admin === 1 && x.enabled === 1
  const ok: Record<StatusFilter, boolean> = {
    active: live && (exp === null || gt(exp, NOW)),
    disabled: x.enabled === 0,
    banned: x.admin === 0,
    expired: exp !== null && !gt(exp, NOW),
    trial: x.trial === 1,
    expiring: live && exp !== null && gt(exp, NOW) && !gt(exp, SOON),
  }
  return chips.some((c) => ok[c])
}

function reference(rows: Map<number, Ref>, q: IndexQuery): { rids: number[]; total: number } {
  const col = ORDER.indexOf(q.order.column)
  const hits: WalkRow[] = []
  for (const x of rows.values()) {
    if (!q.panelKeys.includes(x.panelKey) || !chipOk(x, [...q.chips])) continue
    if (x.text === null || !q.needles.every((forms) => forms.some((f) => (x.text as string).includes(f)))) continue
    hits.push({ rid: x.rid, kv: col < 0 ? x.id : (x.values[col] as KeyValue), kid: x.id, kpk: x.panelKey })
  }
  hits.sort(compareKeys(q.order))
  return { rids: hits.slice(0, q.need).map((h) => h.rid), total: hits.length }
}

function randomQuery(r: () => number): IndexQuery {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const column = pick(['id', ...ORDER])
  const order: WalkOrder = { column, dir: r() < 0.5 ? 'asc' : 'desc', forever: column === 'exp_date' }
  return {
    panelKeys: ['1', '2', '10', '99'].filter(() => r() < 0.7),
    chips: CHIPS.filter(() => r() < 0.2),
    nowSec: NOW,
    soonSec: SOON,
    needles: searchNeedles(r() < 0.3 ? `${pick(WORDS)} ${pick(WORDS)}` : pick(WORDS)) as string[][],
    order,
    need: pick([0, 1, 20, 70]),
  }
}

function check(index: SearchIndex, rows: Map<number, Ref>, r: () => number, times: number): number {
  let answered = 0
  for (let i = 0; i < times; i++) {
    const q = randomQuery(r)
    const got = index.answer(q)
    const want = reference(rows, q)
    expect({ rids: got.rows.map((w) => w.rid), total: got.total }, JSON.stringify(q)).toEqual(want)
    if (want.total > 0) answered++
  }
  return answered
}

describe('the in-memory search index', () => {
  it('answers as a scan of every row would, through puts, replacements and drops that sweep the dead', () => {
    const r = rng(5)
    const index = new SearchIndex(ORDER)
    const rows = new Map<number, Ref>()
    let rid = 1
    for (let i = 0; i < 3000; i++, rid++) {
      const x = randomRow(r, rid)
      rows.set(rid, x)
      index.put(tuple(x))
    }
    expect(check(index, rows, r, 200)).toBeGreaterThan(100)
    // Rows changed in place (same rid) and removed, then many more than live to force a sweep.
    for (let i = 0; i < 800; i++) {
      const target = 1 + Math.floor(r() * (rid - 1))
      if (r() < 0.5) {
        const x = randomRow(r, target)
        rows.set(target, x)
        index.put(tuple(x))
      } else {
        rows.delete(target)
        index.drop(target)
      }
    }
    expect(check(index, rows, r, 150)).toBeGreaterThan(50)
    for (let round = 0; round < 30; round++) {
      for (const x of [...rows.values()]) {
        const y = randomRow(r, x.rid)
        rows.set(x.rid, y)
        index.put(tuple(y))
      }
    }
    expect(index.rows).toBe(rows.size)
    // ~80k rows were replaced: the dead were swept at least once.
    expect(index.slots).toBeLessThan(70_000)
    expect(check(index, rows, r, 150)).toBeGreaterThan(50)
  })

  it('finds a word no longer than a key by its lists alone, and a longer one or a phrase on the text', () => {
    const index = new SearchIndex(ORDER)
    const put = (rid: number, username: string, notes: string) => index.put([rid, '1', rid, 1, 1, 0, searchTextOf([username, notes, null]), username, null, null, null, null])
    put(1, 'johnny', 'living room')
    put(2, 'john', 'room living')
    put(3, 'jo', '')
    const q = (search: string): number[] =>
      index
        .answer({ panelKeys: ['1'], chips: [], nowSec: NOW, soonSec: SOON, needles: searchNeedles(search) as string[][], order: { column: 'id', dir: 'asc', forever: false }, need: 10 })
        .rows.map((w) => w.rid)
    expect(q('jo')).toEqual([1, 2, 3])
    expect(q('john')).toEqual([1, 2])
    expect(q('j'.padEnd(KEY_LENGTH + 1, 'o'))).toEqual([])
    expect(q('johnny')).toEqual([1])
    expect(q('living.room')).toEqual([1])
    expect(q('room-living')).toEqual([2])
    expect(q('jo room')).toEqual([1, 2])
  })

  it('counts a row once when several of a word’s lists hold it, whether the lists are merged or marked', () => {
    // The word "jo" starts three keys here (john, johnn, jonas); row 1 is in two of them.
    const build = (filler: number) => {
      const index = new SearchIndex(ORDER)
      const put = (rid: number, username: string) => index.put([rid, '1', rid, 1, 1, 0, searchTextOf([username, null, null]), username, null, null, null, null])
      put(1, 'johnny jonas')
      put(2, 'john')
      put(3, 'jonas')
      // Other rows make the table big next to the lists (merged pairwise) or not (marked).
      for (let i = 0; i < filler; i++) put(4 + i, `maria${i}`)
      return index
    }
    for (const filler of [0, 200]) {
      const got = build(filler).answer({ panelKeys: ['1'], chips: [], nowSec: NOW, soonSec: SOON, needles: searchNeedles('jo') as string[][], order: { column: 'id', dir: 'desc', forever: false }, need: 10 })
      expect({ rids: got.rows.map((w) => w.rid), total: got.total }, `with ${filler} other rows`).toEqual({ rids: [3, 2, 1], total: 3 })
    }
  })

  it('refuses to order a value SQLite ranks apart (a BLOB), or more panels than a slot can name', () => {
    const index = new SearchIndex(ORDER)
    index.put([1, '1', 1, 1, 1, 0, ' a ', 'a', null, null, null, null])
    expect(index.usable).toBe(true)
    index.put([2, '1', 2, 1, 1, 0, ' b ', 'b', null, null, null, Buffer.from('x') as unknown as KeyValue])
    expect(index.usable).toBe(false)
    const crowded = new SearchIndex(ORDER)
    for (let p = 0; p <= 0xffff; p++) crowded.put([p + 1, String(p), 1, 1, 1, 0, ' a ', 'a', null, null, null, null])
    expect(crowded.usable).toBe(true)
    crowded.put([0x10001, 'one too many', 1, 1, 1, 0, ' a ', 'a', null, null, null, null])
    expect(crowded.usable).toBe(false)
  })

  it('keys texts in NOCASE order: a key tells two texts apart only as compareNocase does', () => {
    const r = rng(9)
    const letters = ['a', 'B', 'b', 'z', 'Z', '_', ' ', 'é', 'É', 'й', '\uffff', '\ue000', '\ud835\udd18', '0', '']
    // Long shared starts too, as usernames have ("ahmed_k…"): the second key must tell them apart.
    const text = () => (r() < 0.3 ? 'ahmed_' : '') + Array.from({ length: Math.floor(r() * 9) }, () => letters[Math.floor(r() * letters.length)]).join('')
    let second = 0
    for (let i = 0; i < 5000; i++) {
      const a = text()
      const b = text()
      const [a1, a2] = textKeys(a)
      const [b1, b2] = textKeys(b)
      const byKey = Math.sign(a1 - b1 || a2 - b2)
      if (a1 === b1 && a2 !== b2) second++
      // Keys that differ order as NOCASE does; equal keys mean the first four letters are equal (each letter is 1–3 bytes of 12).
      if (byKey !== 0) expect(byKey, JSON.stringify([a, b])).toBe(Math.sign(compareNocase(a, b)))
      else expect(compareNocase(a.slice(0, 4), b.slice(0, 4)), JSON.stringify([a, b])).toBe(0)
    }
    expect(second).toBeGreaterThan(100)
  })
})
