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

  // Alike on purpose, like the test above: the two-page answer written out is the case.
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

/**
 * A panel whose first page brings no count and whose later pages do (the count
 * arrives mid-pass): the pass must follow the count it got, never end on a
 * short page the count says is not the end, and fail clearly on empty pages.
 */
describe('pageList: a count that arrives after the first page', () => {
  /** Page 1 uncounted; later pages counted with `total`, at most `clamp` rows each. */
  function lateCount(all: Row[], total: number, clamp = 1000) {
    const asked: [number, number][] = []
    const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
      asked.push([start, limit])
      const n = start === 0 ? limit : Math.min(limit, clamp)
      return { rows: all.slice(start, start + n), total: start === 0 ? null : total, skipped: 0 }
    }
    return { fetch, asked }
  }

  it('ends where the count says, reporting the pages it now expects', async () => {
    const panel = lateCount(rows(1500), 1500)
    const reports: PageReport[] = []
    const pass = await pageList(panel.fetch, { onPage: (r) => reports.push(r) })
    expect(pass).toMatchObject({ total: 1500, pages: 2 })
    expect(pass.rows).toHaveLength(1500)
    expect(panel.asked).toEqual([
      [0, 1000],
      [1000, 1000],
    ])
    expect(reports).toEqual([
      { pages: 1, pagesTotal: null, received: 1000, total: null },
      { pages: 2, pagesTotal: 2, received: 1500, total: 1500 },
    ])
  })

  it('a short page while the count says more exist is not the end', async () => {
    const panel = lateCount(rows(2000), 2000, 300)
    const reports: PageReport[] = []
    const pass = await pageList(panel.fetch, { onPage: (r) => reports.push(r) })
    expect(pass.rows).toHaveLength(2000)
    expect(panel.asked.map(([s]) => s)).toEqual([0, 1000, 1300, 1600, 1900])
    // 1300 of 2000 read after two pages: one more 1000-row page expected.
    expect(reports[1]).toEqual({ pages: 2, pagesTotal: 3, received: 1300, total: 2000 })
    expect(reports.at(-1)).toEqual({ pages: 5, pagesTotal: 5, received: 2000, total: 2000 })
  })

  it('an empty page before the count is reached is asked again smaller, then fails saying what the panel claimed', async () => {
    const panel = lateCount(rows(1000), 1500)
    await expect(pageList(panel.fetch, { label: 'lines' })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      message: 'The panel said it has 1500 lines but sent none after the first 1000. The list was not updated; try again later.',
    })
    expect(panel.asked).toEqual([
      [0, 1000],
      [1000, 1000],
      [1000, 250],
      [1000, 50],
    ])
  })

  it('without a label the message says rows', async () => {
    const panel = lateCount(rows(1000), 1500)
    await expect(pageList(panel.fetch)).rejects.toMatchObject({ message: expect.stringContaining('The panel said it has 1500 rows but sent none') })
  })

  it('an empty page asked again smaller is not reported as progress; the smaller pages carry on to the count', async () => {
    const all = rows(1500)
    const asked: [number, number][] = []
    const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
      asked.push([start, limit])
      const n = start === 1000 && limit === 1000 ? 0 : limit
      return { rows: all.slice(start, start + n), total: start === 0 ? null : 1500, skipped: 0 }
    }
    const reports: PageReport[] = []
    const pass = await pageList(fetch, { onPage: (r) => reports.push(r) })
    expect(pass.rows).toHaveLength(1500)
    expect(asked).toEqual([
      [0, 1000],
      [1000, 1000],
      [1000, 250],
      [1250, 250],
    ])
    expect(reports.map((r) => r.received)).toEqual([1000, 1250, 1500])
  })

  it('a later page without a count keeps the count already known', async () => {
    const all = rows(1600)
    const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
      const n = start === 0 ? limit : Math.min(limit, 300)
      return { rows: all.slice(start, start + n), total: start === 1000 ? 1600 : null, skipped: 0 }
    }
    const pass = await pageList(fetch)
    expect(pass).toMatchObject({ total: 1600, pages: 3 })
    expect(pass.rows).toHaveLength(1600)
  })

  it('with a sink: the next page is asked for ahead while the count is not yet reached', async () => {
    const panel = lateCount(rows(2000), 2000, 300)
    const log: string[] = []
    const fetch = async (start: number, limit: number) => {
      log.push(`ask ${start}`)
      return panel.fetch(start, limit)
    }
    await pageList(fetch, { onRows: (r) => log.push(`rows ${r[0]?.id}-${r[r.length - 1]?.id}`) })
    expect(log).toEqual(['ask 0', 'ask 1000', 'rows 1-1000', 'ask 1300', 'rows 1001-1300', 'ask 1600', 'rows 1301-1600', 'ask 1900', 'rows 1601-1900', 'rows 1901-2000'])
  })

  it('an empty page once the count is reached ends the pass quietly', async () => {
    const panel = lateCount(rows(1000), 1000)
    const pass = await pageList(panel.fetch)
    expect(pass).toMatchObject({ total: 1000, pages: 2 })
    expect(pass.rows).toHaveLength(1000)
  })
})

/**
 * The uncounted pass (no recordsTotal: it pages until a short page) with each
 * option the counted pass hands to page-window.ts: a sink, a shrinking page
 * size, a cancel. Each rule is pinned here on its own (docs/panel-api.md §5).
 */
describe('pageList without a count: the page sizes it asks for', () => {
  it('an empty list costs one request', async () => {
    const panel = fakePanel([], { counts: false })
    const pass = await pageList(panel.fetch)
    expect(pass).toMatchObject({ rows: [], total: null, pages: 1 })
    expect(panel.asked).toEqual([[0, 1000]])
  })

  /** The requests of a whole pass over `n` rows, which must all come through. */
  async function askedFor(n: number, o: Parameters<typeof fakePanel>[1]) {
    const panel = fakePanel(rows(n), o)
    expect((await pageList(panel.fetch)).rows).toHaveLength(n)
    return panel.asked
  }

  it('a panel that clamps: the confirming page shorter than the clamp ends the pass', async () => {
    expect(await askedFor(150, { counts: false, clamp: 100 })).toEqual([[0, 1000], [100, 1000]])
  })

  it('a panel that clamps: once confirmed, a short page ends the pass without another confirmation', async () => {
    expect(await askedFor(250, { counts: false, clamp: 100 })).toEqual([[0, 1000], [100, 1000], [200, 100]])
  })

  it('an empty list of page sizes still asks 1000 a page', async () => {
    const panel = fakePanel(rows(5), { counts: false })
    await pageList(panel.fetch, { limits: [] })
    expect(panel.asked[0]).toEqual([0, 1000])
  })

  it('retries a page that broke at 1000 with 250 and keeps that size to the end', async () => {
    const panel = fakePanel(rows(1600), {
      counts: false,
      fail: (start, limit) => (start >= 1000 && limit > 250 ? new AppError('BAD_RESPONSE', 'empty body') : null),
    })
    const pass = await pageList(panel.fetch)
    expect(pass.rows).toHaveLength(1600)
    expect(panel.asked).toEqual([
      [0, 1000],
      [1000, 1000],
      [1000, 250],
      [1250, 250],
      [1500, 250],
    ])
  })

  it('a page that failed after the user cancelled is not asked again smaller: its own error stands', async () => {
    const ctrl = new AbortController()
    const panel = fakePanel(rows(10), {
      counts: false,
      fail: () => {
        ctrl.abort()
        return new AppError('TIMEOUT', 'no answer')
      },
    })
    await expect(pageList(panel.fetch, { signal: ctrl.signal })).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(panel.asked).toHaveLength(1)
  })
})

describe('pageList without a count, with a sink', () => {
  /** The sink and the requests in the order they happened. */
  function logged(panel: ReturnType<typeof fakePanel>, o: { onRows?: () => void } = {}) {
    const log: string[] = []
    const fetch = async (start: number, limit: number) => {
      log.push(`ask ${start}`)
      return panel.fetch(start, limit)
    }
    const onRows = (r: Row[]) => {
      log.push(`rows ${r[0]?.id}-${r[r.length - 1]?.id}`)
      o.onRows?.()
    }
    return { log, fetch, onRows }
  }

  it('asks for the next full page before handing this one over, and nothing after the short page', async () => {
    const s = logged(fakePanel(rows(2300), { counts: false }))
    const pass = await pageList(s.fetch, { onRows: s.onRows })
    expect(s.log).toEqual(['ask 0', 'ask 1000', 'rows 1-1000', 'ask 2000', 'rows 1001-2000', 'rows 2001-2300'])
    expect(pass).toMatchObject({ rows: [], unique: 2300, total: null })
  })

  it('a panel that clamps: the confirming request and the pages after it are asked for ahead too', async () => {
    const s = logged(fakePanel(rows(250), { counts: false, clamp: 100 }))
    await pageList(s.fetch, { onRows: s.onRows })
    expect(s.log).toEqual(['ask 0', 'ask 100', 'rows 1-100', 'ask 200', 'rows 101-200', 'rows 201-250'])
  })

  it('cancelled while the sink stores a page: the page already asked for is not handed over', async () => {
    const ctrl = new AbortController()
    const s = logged(fakePanel(rows(2300), { counts: false }), { onRows: () => ctrl.abort() })
    await expect(pageList(s.fetch, { onRows: s.onRows, signal: ctrl.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'The sync was cancelled; the cached data was kept.',
    })
    expect(s.log).toEqual(['ask 0', 'ask 1000', 'rows 1-1000'])
  })
})
