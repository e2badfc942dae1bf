import { describe, expect, it } from 'vitest'
import { type ListSpec, parseListQuery, runList } from '../../../electron/simulator/listEngine'

interface R {
  id: number
  name: string
  owner: number
  flag: number
  exp: number | null
}

const rows: R[] = Array.from({ length: 100 }, (_, i) => ({
  id: i + 1,
  name: ['Bravo', 'alpha', 'Charlie', 'delta'][i % 4] + String(i),
  owner: i % 3,
  flag: i % 2,
  exp: i % 5 === 0 ? null : 1000 + ((i * 37) % 100),
}))

const spec = (owners = new Set([0, 1, 2])): ListSpec<R> => ({
  scope: (r) => owners.has(r.owner),
  filter: (v) => (v === 1 ? (r) => r.flag === 1 : v === 2 ? (r) => r.flag === 0 : null),
  search: (r) => [r.name, r.exp],
  order: [(r) => r.id, (r) => r.name, (r) => r.exp, false],
  storageOrderIndex: 0,
})

const q = (p: Record<string, string>) => parseListQuery(p)

describe('parseListQuery', () => {
  it('defaults start 0 / limit 50, garbage → 50, >1000 and negative → 1000', () => {
    expect(q({})).toMatchObject({ start: 0, limit: 50, filter: null, search: '', orderIndex: 0, desc: false })
    expect(q({ limit: 'abc' }).limit).toBe(50)
    expect(q({ limit: '0' }).limit).toBe(50)
    expect(q({ limit: '5000' }).limit).toBe(1000)
    expect(q({ limit: '1001' }).limit).toBe(1000)
    expect(q({ limit: '1000' }).limit).toBe(1000)
    expect(q({ limit: '-3' }).limit).toBe(1000)
    expect(q({ limit: '25x' }).limit).toBe(25)
    expect(q({ 'order[0][column]': '2', 'order[0][dir]': 'desc', filter: '1', 'search[value]': 'x' })).toMatchObject({
      orderIndex: 2,
      desc: true,
      filter: 1,
      search: 'x',
    })
    expect(q({ 'order[0][dir]': 'DESC' }).desc).toBe(false) // anything but "desc" is asc
  })
})

describe('runList', () => {
  it('pages in storage order and counts everything in scope', () => {
    const res = runList(rows, spec(), q({ start: '10', limit: '5' }))
    expect(res.total).toBe(100)
    expect(res.rows.map((r) => r.id)).toEqual([11, 12, 13, 14, 15])
  })
  it('applies scope before counting', () => {
    const res = runList(rows, spec(new Set([1])), q({ limit: '3' }))
    expect(res.total).toBe(33)
    expect(res.rows.map((r) => r.id)).toEqual([2, 5, 8])
  })
  it('filters; unknown filter values are ignored', () => {
    expect(runList(rows, spec(), q({ filter: '1' })).total).toBe(50)
    expect(runList(rows, spec(), q({ filter: '9' })).total).toBe(100)
  })
  it('searches case-insensitively as a substring over the columns, numbers included', () => {
    const res = runList(rows, spec(), q({ 'search[value]': 'ALPHA1', limit: '100' }))
    expect(res.rows.every((r) => r.name.toLowerCase().includes('alpha1'))).toBe(true)
    expect(res.total).toBe(res.rows.length)
    expect(res.total).toBeGreaterThan(0)
    expect(runList(rows, spec(), q({ 'search[value]': '1036' })).total).toBeGreaterThan(0)
  })
  it('orders by a mapped column, case-insensitive, ties by storage order, NULL first ascending', () => {
    const byName = runList(rows, spec(), q({ 'order[0][column]': '1', limit: '100' })).rows.map((r) =>
      r.name.toLowerCase(),
    )
    expect(byName).toEqual([...byName].sort())
    const byExp = runList(rows, spec(), q({ 'order[0][column]': '2', limit: '100' })).rows
    expect(byExp[0]?.exp).toBeNull()
    const desc = runList(rows, spec(), q({ 'order[0][column]': '2', 'order[0][dir]': 'desc', limit: '100' })).rows
    expect(desc[desc.length - 1]?.exp).toBeNull()
  })
  it('top-k and full sort agree on every page', () => {
    const all = runList(rows, spec(), q({ 'order[0][column]': '1', limit: '100' })).rows.map((r) => r.id)
    for (const start of [0, 5, 20, 60]) {
      const page = runList(rows, spec(), q({ 'order[0][column]': '1', start: String(start), limit: '7' })).rows.map(
        (r) => r.id,
      )
      expect(page).toEqual(all.slice(start, start + 7))
    }
  })
  it('desc on the id column reverses storage order; a false column means no ORDER BY', () => {
    expect(runList(rows, spec(), q({ 'order[0][dir]': 'desc', limit: '2' })).rows.map((r) => r.id)).toEqual([100, 99])
    expect(
      runList(rows, spec(), q({ 'order[0][column]': '3', 'order[0][dir]': 'desc', limit: '2' })).rows.map((r) => r.id),
    ).toEqual([1, 2])
  })
  it('negative start: counts but no rows (invalid LIMIT upstream)', () => {
    const res = runList(rows, spec(), q({ start: '-5' }))
    expect(res).toEqual({ rows: [], total: 100 })
  })
  it('start beyond the end gives an empty page with the full count', () => {
    expect(runList(rows, spec(), q({ start: '500' }))).toEqual({ rows: [], total: 100 })
  })
})
