// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createFakeXm, type FakeXm } from './fake-xm'
import { settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useTableStore, SEARCH_DEBOUNCE_MS } from '../../../src/stores/table'
import { useSyncStore } from '../../../src/stores/sync'

let n = 0
function table() {
  return useTableStore(`t${++n}`, 'p1', 'lines')
}

beforeEach(() => {
  fake.current = createFakeXm({ lines: 120 })
  setActivePinia(createPinia())
  localStorage.clear()
})
afterEach(() => vi.useRealTimers())

describe('table store (cache:query paging, filters, search, sort)', () => {
  it('loads the first page of 50 from cache:query for its panel and resource', async () => {
    const t = table()
    await t.load()
    const q = fake.current!.callsOf('cache:query')[0]
    expect(q).toMatchObject({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 50 })
    expect(q.status).toBeUndefined()
    expect(t.rows).toHaveLength(50)
    expect(t.total).toBe(120)
  })

  it('pages by offset and changes page size back to page 1', async () => {
    const t = table()
    await t.setPage(3)
    expect(fake.current!.callsOf('cache:query').at(-1)).toMatchObject({ offset: 100, limit: 50 })
    expect(t.rows).toHaveLength(20)
    await t.setPageSize(100)
    expect(fake.current!.callsOf('cache:query').at(-1)).toMatchObject({ offset: 0, limit: 100 })
    expect(t.page).toBe(1)
  })

  it('status chips are sent (ORed by main) and reset to page 1', async () => {
    const t = table()
    await t.setPage(2)
    await t.toggleChip('disabled')
    expect(fake.current!.callsOf('cache:query').at(-1)).toMatchObject({ status: ['disabled'], expiringDays: 7, offset: 0 })
    expect(t.total).toBe(12)
    await t.toggleChip('expiring')
    expect(fake.current!.callsOf('cache:query').at(-1).status).toEqual(['disabled', 'expiring'])
    await t.toggleChip('disabled')
    expect(fake.current!.callsOf('cache:query').at(-1).status).toEqual(['expiring'])
  })

  it('queries the first key at once and folds a burst of keys into one trailing query', async () => {
    vi.useFakeTimers()
    const t = table()
    t.setSearch('u')
    t.setSearch('us')
    t.setSearch('user1')
    t.setSearch('user11')
    expect(fake.current!.callsOf('cache:query').map((q) => q.search)).toEqual(['u'])
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 5)
    vi.useRealTimers()
    await settle()
    const queries = fake.current!.callsOf('cache:query')
    expect(queries.map((q) => q.search)).toEqual(['u', 'user11'])
    expect(t.rows.every((r) => String(r.username).includes('user11'))).toBe(true)
    expect(t.page).toBe(1)
  })

  it('sorts server-side by the domain field name', async () => {
    const t = table()
    await t.setSort('username', 'desc')
    expect(fake.current!.callsOf('cache:query').at(-1).sort).toEqual({ column: 'username', dir: 'desc' })
    await t.setSort(null)
    expect(fake.current!.callsOf('cache:query').at(-1).sort).toBeUndefined()
  })

  it('shows only the newest answer when answers arrive out of order', async () => {
    const t = table()
    const held = fake.current!.hold('cache:query')
    const first = t.load()
    held.release()
    t.search = 'user7'
    const second = t.load()
    await Promise.all([first, second])
    expect(t.rows.every((r) => String(r.username).includes('user7'))).toBe(true)
  })

  it('remembers the column choice (layout preference) per resource', async () => {
    const t = table()
    t.setColumns(['id', 'username'])
    setActivePinia(createPinia())
    expect(table().visibleColumns).toEqual(['id', 'username'])
  })

  it('an error answer keeps the old rows and reports once', async () => {
    const t = table()
    await t.load()
    fake.current!.failNext('cache:query', { code: 'CACHE_ERROR', message: 'disk full' })
    await t.setPage(2)
    expect(t.rows).toHaveLength(50)
    expect(t.rows[0]!.id).toBe(1)
  })
})

describe('a search answered before it is counted (cache:count)', () => {
  /** The cache answers searches as at scale: the page first, `total` only a lower bound. */
  function countsLater() {
    const f = fake.current!
    const exact = f.handlers['cache:query']!
    f.handlers['cache:query'] = async (q: any) => {
      const r = (await exact(q)) as { rows: unknown[]; total: number }
      const known = q.offset + q.limit
      return q.search && r.total > known ? { ...r, total: known, totalIsLowerBound: true } : r
    }
  }

  it('shows the lower bound as counting, then the exact total once counted', async () => {
    countsLater()
    const t = table()
    const counted = fake.current!.hold('cache:count')
    t.setSearch('user')
    await settle()
    expect(t.total).toBe(50)
    expect(t.counting).toBe(true)
    expect(fake.current!.callsOf('cache:count')).toEqual([expect.objectContaining({ search: 'user', offset: 0 })])
    counted.release()
    await settle()
    expect(t.counting).toBe(false)
    expect(t.total).toBe(120)
  })

  it('a count that comes back after a newer answer is dropped', async () => {
    countsLater()
    const t = table()
    const counted = fake.current!.hold('cache:count')
    t.setSearch('user')
    await settle()
    expect(t.counting).toBe(true)
    // Every tenth of the fake's lines is disabled: 12, few enough to be counted with the page.
    await t.toggleChip('disabled')
    expect(t.counting).toBe(false)
    expect(t.total).toBe(12)
    counted.release()
    await settle()
    expect(t.total).toBe(12)
  })

  it('another page of the same search keeps the count; a change in the cache counts again', async () => {
    countsLater()
    const t = table()
    t.setSearch('user')
    await settle()
    expect(t.total).toBe(120)
    await t.setPage(2)
    expect(fake.current!.callsOf('cache:query').at(-1)).toMatchObject({ search: 'user', offset: 50 })
    expect(t.total).toBe(120)
    expect(t.counting).toBe(false)
    expect(fake.current!.callsOf('cache:count')).toHaveLength(1)
    // A sync or a write changed the lines: the reload (at most every 400 ms) counts them again.
    vi.useFakeTimers()
    useSyncStore().markChanged('p1', 'lines')
    await vi.advanceTimersByTimeAsync(450)
    vi.useRealTimers()
    await settle()
    expect(fake.current!.callsOf('cache:count')).toHaveLength(2)
  })

  it('a count the cache gave up (a newer count of the list) leaves the lower bound showing', async () => {
    countsLater()
    fake.current!.handlers['cache:count'] = () => ({ total: null })
    const t = table()
    t.setSearch('user')
    await settle()
    expect(fake.current!.callsOf('cache:count')).toHaveLength(1)
    expect(t.total).toBe(50)
    expect(t.counting).toBe(true)
  })
})

describe('default columns', () => {
  it('hides columns the list rows never fill (panel-api §5), and the chooser can still show them', () => {
    for (const resource of ['lines', 'mags', 'enigmas'] as const) {
      const cols = useTableStore(`d${++n}`, 'p1', resource).visibleColumns
      expect(cols, resource).not.toContain('packageId')
      expect(cols, resource).not.toContain('createdAt')
      expect(cols, resource).toContain('expDate')
    }
    // Where the list does carry them, they stay.
    expect(useTableStore(`d${++n}`, 'p1', 'activecodes').visibleColumns).toContain('packageId')
    const t = useTableStore(`d${++n}`, 'p1', 'lines')
    t.setColumns([...t.visibleColumns, 'packageId'])
    expect(useTableStore(`d${++n}`, 'p1', 'lines').visibleColumns).toContain('packageId')
  })
})
