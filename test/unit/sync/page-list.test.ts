import { describe, expect, it } from 'vitest'
import type { ListResult } from '../../../electron/core/api/normalise/list'
import { AppError } from '../../../electron/core/errors'
import { pageList, type PageReport } from '../../../electron/core/sync/page-list'

interface Row {
  id: number
}
const rows = (n: number, from = 1): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i }))

/**
 * A panel's list in memory. `clamp` = the most rows it sends a page; `counts`
 * = whether it sends recordsTotal; `fail(start, limit)` may throw for a request.
 */
function fakePanel(all: Row[], o: { clamp?: number; counts?: boolean; fail?: (start: number, limit: number) => AppError | null } = {}) {
  const asked: [number, number][] = []
  const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
    asked.push([start, limit])
    const err = o.fail?.(start, limit)
    if (err) throw err
    const n = Math.min(limit, o.clamp ?? 1000)
    return { rows: all.slice(start, start + n), total: o.counts === false ? null : all.length, skipped: 0 }
  }
  return { fetch, asked }
}

describe('pageList', () => {
  it('pages by 1000 until recordsTotal is reached and reports progress', async () => {
    const panel = fakePanel(rows(2500))
    const reports: PageReport[] = []
    const pass = await pageList(panel.fetch, { onPage: (r) => reports.push(r) })
    expect(pass.rows).toHaveLength(2500)
    expect(pass.total).toBe(2500)
    expect(panel.asked).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ])
    expect(reports.map((r) => [r.pages, r.pagesTotal, r.received])).toEqual([
      [1, 3, 1000],
      [2, 3, 2000],
      [3, 3, 2500],
    ])
  })

  it('without recordsTotal, pages until a short page (a full page proves the size is honoured)', async () => {
    const panel = fakePanel(rows(2300), { counts: false })
    const pass = await pageList(panel.fetch)
    expect(pass.rows).toHaveLength(2300)
    expect(pass.total).toBeNull()
    expect(panel.asked.map((a) => a[0])).toEqual([0, 1000, 2000])
  })

  it('without recordsTotal, confirms a short first page before believing it (a panel that clamps to 100)', async () => {
    const panel = fakePanel(rows(350), { counts: false, clamp: 100 })
    const pass = await pageList(panel.fetch)
    expect(pass.rows.map((r) => r.id)).toEqual(rows(350).map((r) => r.id))
    expect(panel.asked[1]).toEqual([100, 1000])
    expect(panel.asked.slice(2)).toEqual([
      [200, 100],
      [300, 100],
    ])
  })

  it('a small list without recordsTotal costs one confirming request', async () => {
    const panel = fakePanel(rows(7), { counts: false })
    const pass = await pageList(panel.fetch)
    expect(pass.rows).toHaveLength(7)
    expect(panel.asked).toEqual([
      [0, 1000],
      [7, 1000],
    ])
  })

  it('retries a page that broke at 1000 with 250, then 50, and keeps the smaller size', async () => {
    const panel = fakePanel(rows(1600), {
      fail: (start, limit) => (start >= 1000 && limit > 250 ? new AppError('BAD_RESPONSE', 'empty body') : null),
    })
    const pass = await pageList(panel.fetch)
    expect(pass.rows).toHaveLength(1600)
    expect(panel.asked.slice(0, 3)).toEqual([
      [0, 1000],
      [1000, 1000],
      [1000, 250],
    ])
    expect(panel.asked.slice(3).every(([, l]) => l === 250)).toBe(true)
  })

  it('retries an empty page while the count says more exist, then fails with BAD_RESPONSE', async () => {
    const all = rows(1500)
    const asked: [number, number][] = []
    const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
      asked.push([start, limit])
      return { rows: start >= 1000 ? [] : all.slice(start, start + limit), total: 1500, skipped: 0 }
    }
    await expect(pageList(fetch, { label: 'lines' })).rejects.toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining('1500 lines') })
    expect(asked.slice(1)).toEqual([
      [1000, 1000],
      [1000, 250],
      [1000, 50],
    ])
  })

  it('does not shrink for failures a smaller page cannot fix', async () => {
    const panel = fakePanel(rows(10), { fail: () => new AppError('AUTH_INVALID', 'bad key') })
    await expect(pageList(panel.fetch)).rejects.toMatchObject({ code: 'AUTH_INVALID' })
    expect(panel.asked).toHaveLength(1)
  })

  it('counts skipped rows toward the offset and reports them', async () => {
    const fetch = async (start: number): Promise<ListResult<Row>> =>
      start === 0 ? { rows: rows(998), total: 1003, skipped: 2 } : { rows: rows(3, 999), total: 1003, skipped: 0 }
    const pass = await pageList(fetch)
    expect(pass.rows).toHaveLength(1001)
    expect(pass.skipped).toBe(2)
  })

  it('keeps one row per id when offset paging repeats a row', async () => {
    const fetch = async (start: number): Promise<ListResult<Row>> =>
      start === 0 ? { rows: rows(1000), total: 1500, skipped: 0 } : { rows: rows(500, 1000), total: 1500, skipped: 0 }
    const pass = await pageList(fetch)
    expect(pass.rows).toHaveLength(1499)
  })

  it('stops with CANCELLED when aborted between pages', async () => {
    const ctrl = new AbortController()
    const panel = fakePanel(rows(3000))
    const fetch = async (start: number, limit: number) => {
      const r = await panel.fetch(start, limit)
      if (start === 1000) ctrl.abort()
      return r
    }
    await expect(pageList(fetch, { signal: ctrl.signal })).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(panel.asked).toHaveLength(2)
  })

  it('with a sink: asks for the next page before handing this one over, keeps no rows, counts ids once', async () => {
    const panel = fakePanel(rows(2500))
    const log: string[] = []
    const fetch = async (start: number, limit: number) => {
      log.push(`ask ${start}`)
      const page = await panel.fetch(start, limit)
      // A repeated row, as offset paging over a changing list sends.
      return start === 1000 ? { ...page, rows: [{ id: 1 }, ...page.rows] } : page
    }
    const pass = await pageList(fetch, { onRows: (r) => log.push(`rows ${r[0]?.id}-${r[r.length - 1]?.id}`) })
    expect(log).toEqual(['ask 0', 'ask 1000', 'rows 1-1000', 'ask 2000', 'rows 1-2000', 'rows 2001-2500'])
    expect(pass.rows).toEqual([])
    // Pages cover fixed offset ranges once the count is known: the repeat is counted once, 2500 distinct ids.
    expect(pass.unique).toBe(2500)
  })

  it('with a sink that fails: the pass stops with its error and the request already out does not go unhandled', async () => {
    const panel = fakePanel(rows(3000))
    const boom = new AppError('CACHE_ERROR', 'disk full')
    await expect(pageList(panel.fetch, { onRows: () => { throw boom } })).rejects.toBe(boom)
    expect(panel.asked).toEqual([
      [0, 1000],
      [1000, 1000],
    ])
  })
})
